"""The email validates with the reference tools: ``mjml --validate`` and html-validate."""


import pytest

from digest.config import Settings
from digest.render import render_html, render_mjml
from email_issues import FULL, bbc_issue, variants
from node_tools import html_validate, mjml_validate

pytestmark = pytest.mark.node


def _cases():
    cases = [(name, issue, Settings(**FULL)) for name, issue in variants().items()]
    cases.append(("bare-settings", bbc_issue(10), Settings()))
    # An issue cut by the size budget, so the "more in this issue" part is there too.
    cases.append(("cut", bbc_issue(30), Settings(**FULL, html_budget_kb=40)))
    return cases


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("email")
    files = []
    for name, issue, settings in _cases():
        if name == "cut":
            from digest.render import render_issue
            rendered = render_issue(issue, settings)
            issue, html = rendered.issue, rendered.html
            assert any(s.omitted for s in issue.stories)
        else:
            html = render_html(issue, settings)
        (folder / f"{name}.mjml").write_text(render_mjml(issue, settings), encoding="utf-8")
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
        files.append(name)
    return folder, files


@pytest.mark.data
def test_every_template_path_validates_with_the_reference_mjml(built):
    folder, names = built
    result = mjml_validate(*(folder / f"{name}.mjml" for name in names))
    assert result.returncode == 0, result.stdout + result.stderr


def test_reference_mjml_rejects_a_broken_template(tmp_path):
    (tmp_path / "bad.mjml").write_text("<mjml><mj-body><mj-text>loose</mj-text></mj-body></mjml>")
    result = mjml_validate(tmp_path / "bad.mjml")
    assert result.returncode != 0 and "mj-text cannot be used inside mj-body" in result.stdout + result.stderr


@pytest.mark.data
def test_html_passes_html_validate(built):
    folder, names = built
    result = html_validate(*(folder / f"{name}.html" for name in names))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.data
def test_html_validate_catches_headings_out_of_order(tmp_path):
    # The email configuration still checks what matters: here, a heading level skipped.
    issue = bbc_issue(1)
    html = render_html(issue, Settings()).replace("<h2 class=\"hl\"", "<h4 class=\"hl\"").replace("</h2>", "</h4>")
    (tmp_path / "skip.html").write_text(html)
    result = html_validate(tmp_path / "skip.html")
    assert result.returncode != 0 and "heading-level" in result.stdout + result.stderr
