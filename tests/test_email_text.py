"""The plain-text part: its own layout, short lines, numbered links, parity with the HTML."""

import re

import pytest

from digest.checks import check_parity, missing_stories, parity_problem
from digest.config import Settings
from digest.render import render_html, render_issue, render_text
from email_issues import FULL, VARIANT_NAMES, bbc_issue, feature_issue, variant


@pytest.mark.parametrize("name", VARIANT_NAMES)
def test_lines_are_at_most_78_characters(name):
    text = render_text(variant(name), Settings(**FULL))
    long = [line for line in text.splitlines() if len(line) > 78]
    assert not long, long


@pytest.mark.data
def test_a_link_longer_than_a_line_stays_whole_on_its_own_line():
    issue = bbc_issue(1)
    url = "https://news.example.org/" + "very-long-path-segment/" * 6 + "story.html?utm_source=newsletter"
    story = issue.stories[0]
    issue = type(issue)(date=issue.date, days=1, stories=(type(story)(
        type(story.article)(**{**story.article.__dict__, "url": url}), story.summary),))
    text = render_text(issue, Settings())
    assert url in text.splitlines()
    assert [line for line in text.splitlines() if len(line) > 78] == [url]


def test_links_are_numbered_references_listed_at_the_end():
    text = render_text(feature_issue(), Settings(**FULL))
    body, _, listing = text.partition("\nLinks:\n")
    refs = dict(re.findall(r"^\[(\d+)\] (.+)$", listing, re.M))
    assert refs["1"] == "https://news.example.com/digest/2021-12-07/"
    used = set(re.findall(r"\[(\d+)\]", body))
    assert used == set(refs)  # every reference is listed, every listed link is used
    assert "Read the full story at The Herald [3]" in body and refs["3"] == "https://news.example.org/story/1"
    assert "Also reported by: Daily Post [2], Radio North" in body
    assert "\nUnsubscribe:\n{{ unsubscribe_url }}\n" in body
    assert not re.search(r"https?://", body)  # links appear only in the listing


def test_text_has_masthead_contents_sections_and_footer():
    text = render_text(feature_issue(), Settings(**FULL, newsletter_name="Harbour Weekly"))
    lines = text.splitlines()
    assert lines[:2] == ["HARBOUR WEEKLY", "No. 7 · Tuesday 7 December 2021"]
    assert "IN THIS ISSUE" in lines and " 1. Story number 1 makes the news in a headline of some length" in lines
    assert lines.index("Politics") < lines.index("Science")
    assert lines[lines.index("Politics") - 1] == "=" * 78
    assert "Unknown source · 6 Dec 2021 · 3 min read" in lines
    assert "You are getting this email because you subscribed to Harbour Weekly." in lines
    assert "Example Media, 1 Main Street, Springfield" in lines
    assert "Story number 5" not in text  # omitted by the story budget


@pytest.mark.parametrize("name", VARIANT_NAMES)
def test_every_story_and_link_of_the_html_is_in_the_text(name):
    issue = variant(name)
    settings = Settings(**FULL)
    html, text = render_html(issue, settings), render_text(issue, settings)
    assert check_parity(html, text).ok
    assert parity_problem(issue, html, text) is None
    assert not missing_stories(issue, text)


def test_parity_problem_names_the_missing_story_and_link():
    issue = feature_issue()
    settings = Settings(**FULL)
    html, text = render_html(issue, settings), render_text(issue, settings)
    assert "Story number 2" in parity_problem(issue, html, text.replace("Story number 2", "Story no. 2"))
    cut = text.replace("https://news.example.org/story/11", "")
    assert parity_problem(issue, html, cut) == (
        "the plain-text part lacks the link https://news.example.org/story/11 that the HTML part has")
    assert "unsubscribe" in parity_problem(issue, html, text.replace("{{ unsubscribe_url }}", "x"))


def test_build_stops_on_a_text_template_that_drops_links(tmp_path):
    (tmp_path / "issue.txt.j2").write_text("{% for story in stories %}{{ story.article.title }}\n{% endfor %}"
                                           "Unsubscribe: {{ unsubscribe_url }}\n")
    from digest.errors import TemplateError
    with pytest.raises(TemplateError, match=r"issue.txt.j2: the plain-text part lacks the link https://news"):
        render_issue(feature_issue(), Settings(**FULL, templates=tmp_path))


@pytest.mark.data
def test_no_links_heading_when_the_issue_has_no_links():
    issue = bbc_issue(1)
    story = issue.stories[0]
    bare = type(issue)(date=issue.date, days=1, stories=(type(story)(
        type(story.article)(**{**story.article.__dict__, "url": None}), story.summary),))
    assert "Links:" not in render_text(bare, Settings())
    assert "\nLinks:\n[1] " in render_text(issue, Settings())
