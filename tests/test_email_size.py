"""The size budget: 30 stories fit under Gmail's clip; bigger issues keep the top stories that fit."""

import dataclasses
import json
import re

import pytest
from click.testing import CliRunner

from digest.checks import GMAIL_CLIP_BYTES
from digest.cli import main
from digest.config import Settings
from digest.fitting import SIZE_OMITTED, keep_first
from digest.render import MORE_LISTED, render_html, render_issue
from email_issues import FULL, bbc_articles, bbc_issue, visible_text

pytestmark = pytest.mark.data


@pytest.mark.parametrize("count", [1, 10, 30])
def test_real_issues_fit_under_gmails_clip_without_cuts(count):
    rendered = render_issue(bbc_issue(count), Settings(**FULL))
    issue, html = rendered.issue, rendered.html
    assert len(html.encode("utf-8")) < GMAIL_CLIP_BYTES
    assert len(issue.shown) == count and not issue.warnings


def _big_issue(count: int):
    """``count`` stories: the 30 real ones over and over, with distinct titles and links."""
    base = bbc_issue(30).stories
    stories = []
    for n in range(count):
        story = base[n % len(base)]
        article = dataclasses.replace(story.article, title=f"{story.article.title} ({n})",
                                      url=f"https://news.example.org/big/{n}")
        stories.append(dataclasses.replace(story, article=article))
    return dataclasses.replace(bbc_issue(30), stories=tuple(stories))


def test_an_issue_too_big_keeps_the_top_stories_that_fit():
    settings = Settings(**FULL)
    rendered = render_issue(_big_issue(80), settings)
    issue, html = rendered.issue, rendered.html
    size = len(html.encode("utf-8"))
    assert size <= settings.html_budget_kb * 1024
    kept = len(issue.shown)
    assert 30 <= kept < 80
    # The top stories are kept, in order; the next one would not have fit.
    assert [s.article.title for s in issue.shown] == [s.article.title for s in _big_issue(80).stories[:kept]]
    one_more = keep_first(_big_issue(80), kept + 1, settings.html_budget_kb)
    assert len(render_html(one_more, settings).encode("utf-8")) > settings.html_budget_kb * 1024
    left_out = [s for s in issue.stories if s.omitted]
    assert len(left_out) == 80 - kept and all(s.omitted.startswith(SIZE_OMITTED) for s in left_out)
    [warning] = issue.warnings
    assert f"kept the first {kept}, left out {80 - kept}" in warning


def test_left_out_stories_are_listed_and_linked_to_the_web_version():
    rendered = render_issue(_big_issue(80), Settings(**FULL))
    issue, html, text = rendered.issue, rendered.html, rendered.text
    left_out = [s for s in issue.stories if s.omitted]
    shown = visible_text(html)
    assert f"{len(left_out)} more stories did not fit in this email. Read the whole issue on the web." in shown
    for story in left_out[:MORE_LISTED]:
        assert story.article.title in shown and f'href="{story.article.url}"' in html
        assert story.article.title in " ".join(text.split())
    assert left_out[MORE_LISTED].article.title not in shown
    assert f"…and {len(left_out) - MORE_LISTED} more." in shown
    assert f"...and {len(left_out) - MORE_LISTED} more." in text
    assert "MORE IN THIS ISSUE" in text
    assert 'href="https://news.example.com/digest/2021-12-07/"' in html


def test_even_one_story_over_the_budget_is_kept_with_a_warning():
    issue = render_issue(bbc_issue(10), Settings(html_budget_kb=5)).issue
    assert len(issue.shown) == 1
    assert any("over the budget of 5 KB" in w for w in issue.warnings)


def test_build_writes_the_cut_into_the_manifest_and_warns(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    # Six different real stories (copies of one would be merged into one story).
    for n, article in enumerate(bbc_articles(6)):
        record = {"title": article.title, "date": "2021-12-07", "source": article.source, "url": article.url,
                  "text": article.body}
        (folder / f"{n}.json").write_text(json.dumps(record), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["build", "--date", "2021-12-07"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    full = len((tmp_path / "out" / "2021-12-07" / "index.html").read_bytes())
    budget = full // 1024 - 2  # too small for all six stories
    (tmp_path / "digest.toml").write_text(f"html_budget_kb = {budget}\n")
    result = runner.invoke(main, ["build", "--date", "2021-12-07", "--force"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert re.search(r"Warning: the email's HTML would be larger than \d+ KB with all 6 stories", result.output)
    out = tmp_path / "out" / "2021-12-07"
    assert len((out / "index.html").read_bytes()) <= budget * 1024
    manifest = json.loads((out / "issue.json").read_text())
    omitted = [s for s in manifest["stories"] if not s["shown"]]
    assert omitted and all(s["omitted"].startswith(SIZE_OMITTED) for s in omitted)
    assert manifest["warnings"] and "left out" in manifest["warnings"][0]
    assert "MORE IN THIS ISSUE" in (out / "index.txt").read_text()
