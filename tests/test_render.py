"""Rendering: escaping of untrusted article text, safe links, template overrides."""

import re

import pytest

from digest.config import Settings
from digest.placeholders import PLACEHOLDER
from digest.render import render_html, render_issue, render_text
from digest.templating import References, wrap
from digest.urls import safe_url
from email_issues import HOSTILE, bbc_issue, hostile_issue, visible_text


def test_hostile_text_is_literal_in_the_html():
    html = render_html(hostile_issue(), Settings())
    shown = visible_text(html)
    for field in ("Title", "Source", "Lede", "Bullet", "Section", "Other"):
        assert f"{field} {HOSTILE}" in shown, field
    assert "<script>" not in html and "<mj-raw>" not in html and "<b>raw" not in html
    assert "<img src=x" not in html
    # Braces from article text are entities: nothing can be taken for a placeholder.
    assert "{{ 7*7 }}" not in html and "{% if" not in html
    assert html.count("{{ unsubscribe_url }}") == 1


def test_hostile_text_is_literal_in_the_text_part():
    text = render_text(hostile_issue(), Settings())
    # A reader sees the braces as they were (the word joiner between them is invisible)...
    flat = " ".join(text.replace("\u2060", "").split())
    for field in ("Title", "Lede", "Bullet", "Other", "Section", "Source"):
        assert f"{field} {HOSTILE}" in flat, field
    # ...but only the template's own placeholder is one.
    assert [m.group(0) for m in PLACEHOLDER.finditer(text)] == ["{{ unsubscribe_url }}"]


def test_only_http_https_mailto_links_are_emitted():
    issue = hostile_issue("javascript:alert(1)")
    html, text = render_html(issue, Settings()), render_text(issue, Settings())
    assert "javascript:" not in html and "javascript:" not in text
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs == ["{{ unsubscribe_url }}"]
    mail = hostile_issue("mailto:editor@example.com")
    assert 'href="mailto:editor@example.com"' in render_html(mail, Settings())


def test_link_with_ampersand_is_escaped_in_html_and_plain_in_text():
    issue = hostile_issue("https://example.com/a?x=1&y=2")
    assert 'href="https://example.com/a?x=1&amp;y=2"' in render_html(issue, Settings())
    assert "https://example.com/a?x=1&y=2" in render_text(issue, Settings())


def test_safe_url():
    assert safe_url("https://a.example/x") == "https://a.example/x"
    assert safe_url("mailto:ed@example.com") == "mailto:ed@example.com"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "ftp://x", "//x.example",
                "http://", "", None):
        assert safe_url(bad) is None


def test_references_number_each_link_once_and_skip_unsafe_ones():
    ref = References()
    assert ref("https://a.example/1") == " [1]"
    assert ref("javascript:x") == "" and ref(None) == ""
    assert ref("https://a.example/2") == " [2]"
    assert ref("https://a.example/1") == " [1]"
    long = "https://a.example/" + "x" * 100
    ref(long)
    assert ref.listing().splitlines() == ["[1] https://a.example/1", "[2] https://a.example/2", "[3]", long]


def test_wrap_keeps_lines_short_and_long_links_whole():
    text = "word " * 40 + "https://a.example/" + "x" * 90
    lines = wrap(text).splitlines()
    assert all(len(line) <= 78 for line in lines[:-1])
    assert lines[-1] == "https://a.example/" + "x" * 90
    assert wrap("a " * 60, indent="  ", first="- ").splitlines()[1].startswith("  a")


def test_no_web_font_link_and_lang_set():
    html = render_html(hostile_issue(), Settings(language="de"))
    assert "fonts.googleapis" not in html and "@import" not in html and "@font-face" not in html
    assert '<html lang="de"' in html


def test_user_template_overrides_and_extends_default(tmp_path):
    (tmp_path / "issue.txt.j2").write_text('{% extends "default/issue.txt.j2" %}')
    (tmp_path / "issue.mjml.j2").write_text(
        '<mjml><mj-body><mj-section><mj-column><mj-text>Custom {{ newsletter_name }}</mj-text>'
        "</mj-column></mj-section></mj-body></mjml>")
    settings = Settings(templates=tmp_path, newsletter_name="Brief")
    issue = hostile_issue()
    assert "Custom Brief" in render_html(issue, settings)
    assert render_text(issue, settings) == render_text(issue, Settings(newsletter_name="Brief"))


def test_user_partial_replaces_one_shipped_partial(tmp_path):
    (tmp_path / "_footer.mjml.j2").write_text(
        '<mj-section><mj-column><mj-text>Sent with care. <a href="{{ unsubscribe_url }}">Leave</a>'
        "</mj-text></mj-column></mj-section>")
    html = render_html(hostile_issue(), Settings(templates=tmp_path))
    assert "Sent with care." in html and "You are getting this email" not in html
    assert f"Lede {HOSTILE}" in visible_text(html)  # the rest is the shipped template


@pytest.mark.data
def test_user_template_extends_a_block(tmp_path):
    (tmp_path / "issue.mjml.j2").write_text(
        '{% extends "default/issue.mjml.j2" %}{% block contents %}'
        '<mj-text css-class="ink">Editor’s note: hello.</mj-text>{{ super() }}{% endblock %}')
    html = render_html(bbc_issue(10), Settings(templates=tmp_path))
    shown = visible_text(html)
    assert "Editor’s note: hello.In this issue" in shown and "You are getting this email" in shown


def test_render_issue_returns_the_issue_and_both_parts():
    rendered = render_issue(hostile_issue(), Settings())
    issue, html, text = rendered.issue, rendered.html, rendered.text
    assert issue.shown and html.startswith("<!doctype html>") and text.startswith("THE DIGEST")


def test_build_with_templates_flag_uses_the_users_partial(articles, tmp_path):
    from click.testing import CliRunner

    from digest.cli import main

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "_story.txt.j2").write_text(
        '{% extends "default/_story.txt.j2" %}')  # a partial can extend the shipped one too
    (mine / "_masthead.mjml.j2").write_text(
        '<mj-section><mj-column><mj-text><h1>Harbour Notes</h1></mj-text></mj-column></mj-section>')
    result = CliRunner().invoke(main, ["build", "--date", "2021-12-07", "--templates", str(mine)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "2021-12-07" / "index.html").read_text()
    assert "<h1>Harbour Notes</h1>" in html and "Biden urges Putin" in html
    assert "Biden urges Putin" in (tmp_path / "out" / "2021-12-07" / "index.txt").read_text()
    broken = CliRunner().invoke(main, ["build", "--date", "2021-12-07", "--force", "--templates", str(tmp_path / "nope")])
    assert broken.exit_code != 0 and "Traceback" not in broken.output


def test_an_unknown_mjml_tag_in_a_user_template_fails_the_build_naming_the_template(articles, tmp_path):
    from click.testing import CliRunner

    from digest.cli import main

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "_masthead.mjml.j2").write_text(
        '<mj-section><mj-column><mj-txt><h1>Harbour Notes</h1></mj-txt></mj-column></mj-section>')
    result = CliRunner().invoke(main, ["build", "--date", "2021-12-07", "--templates", str(mine)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: template {mine / '_masthead.mjml.j2'}: unknown MJML tag <mj-txt>; MJML would pass it into the HTML "
        "unchanged, where no email client shows it")
    assert "Traceback" not in result.output and not (tmp_path / "out" / "2021-12-07").exists()


def test_mjml_tags_in_article_text_are_text_not_tags():
    issue = hostile_issue()  # its text holds <mj-raw> and friends
    html = render_html(issue, Settings())
    assert "<mj-raw><b>raw</b></mj-raw>" in visible_text(html)
