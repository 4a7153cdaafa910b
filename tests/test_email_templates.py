"""What the HTML part holds: masthead, preheader, contents, sections, stories, footer, dark mode."""

import dataclasses
import re

import pytest

from digest.checks import check_issue
from digest.config import Settings
from digest.render import render_html, render_text
from email_issues import FULL, VARIANT_NAMES, bbc_issue, feature_issue, parse_html, variant, visible_text


@pytest.fixture(scope="module")
def features_html():
    return render_html(feature_issue(), Settings(**FULL, newsletter_name="Harbour Weekly"))


def test_masthead_has_name_date_and_number(features_html):
    parsed = parse_html(features_html)
    assert parsed.headings[0] == (1, "Harbour Weekly")
    assert "No. 7 · Tuesday 7 December 2021" in visible_text(features_html)
    assert "<title>Harbour Weekly, Tuesday 7 December 2021</title>" in features_html


@pytest.mark.data
def test_preheader_lists_the_top_stories_and_is_padded():
    html = render_html(bbc_issue(10), Settings())
    hidden = re.search(r'<body[^>]*><div style="display:none;[^"]*">(.*?)</div>', html).group(1)
    titles = [s.article.title for s in bbc_issue(10).shown[:3]]
    assert hidden.startswith(" · ".join(titles).replace("'", "&#x27;")) or hidden.startswith(" · ".join(titles))
    assert hidden.count("\u034f\u00a0") >= 80  # keeps the body text out of the inbox preview


@pytest.mark.data
def test_headings_are_in_order_with_and_without_sections(features_html):
    for html in (features_html, render_html(bbc_issue(10), Settings())):
        levels = [level for level, _ in parse_html(html).headings]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    headings = parse_html(features_html).headings
    assert (2, "Politics") in headings and (2, "Science") in headings and (2, "In this issue") in headings
    assert (3, "Story number 1 makes the news in a headline of some length") in headings
    plain = parse_html(render_html(bbc_issue(10), Settings())).headings
    assert (2, bbc_issue(10).stories[0].article.title) in plain


def test_sections_group_consecutive_stories(features_html):
    text = visible_text(features_html)
    assert text.count("Politics") == 1 and text.count("Science") == 1
    politics = text.index("Politics")
    assert politics < text.index("Story number 2 makes", politics) < text.index("Science")


@pytest.mark.data
def test_contents_list_only_from_four_stories():
    assert "In this issue" in visible_text(render_html(bbc_issue(10), Settings()))
    three = dataclasses.replace(bbc_issue(10), stories=bbc_issue(10).stories[:3])
    assert "In this issue" not in visible_text(render_html(three, Settings()))


def test_story_has_source_date_reading_time_lede_bullets_and_links(features_html):
    text = visible_text(features_html)
    assert "The Herald · 6 Dec 2021 · 3 min read" in text
    assert "The council approved the new harbour plan" in text
    assert "Fishermen asked for a second slipway and got one." in text
    assert features_html.count('href="https://news.example.org/story/1"') == 2  # headline and "Read the full story"
    assert "Read the full story at The Herald →" in text
    assert "Story number 5" not in text  # omitted by the story budget


def test_other_reports_are_listed_with_their_links(features_html):
    assert "Also reported by: Daily Post, Radio North" in visible_text(features_html)
    assert re.search(r'<a href="https://news.example.org/story/11"[^>]*>Daily Post</a>', features_html)
    assert "Radio North</a>" not in features_html  # no URL, no link


def test_story_without_url_has_no_links():
    issue = feature_issue()
    html = render_html(issue, Settings())
    block = html[html.index("Story number 3"):html.index("Story number 4") if "Story number 4" in html else None]
    assert "Unknown source" in block and "Read the full story" not in block.split("A headline with")[0]


def test_footer_has_reason_unsubscribe_address_and_web_version(features_html):
    text = visible_text(features_html)
    assert "You are getting this email because you subscribed to Harbour Weekly." in text
    assert 'href="{{ unsubscribe_url }}"' in features_html and features_html.count("{{ unsubscribe_url }}") == 1
    assert "Example Media, 1 Main Street, Springfield" in text
    assert features_html.count('href="https://news.example.com/digest/2021-12-07/"') == 2  # top and footer


def test_without_web_url_and_address_the_footer_still_has_unsubscribe():
    html = render_html(feature_issue(), Settings())
    assert "Read this issue" not in html and 'href="{{ unsubscribe_url }}"' in html


def test_dark_mode_and_email_client_markup(features_html):
    assert '<meta name="color-scheme" content="light dark"' in features_html
    assert "@media (prefers-color-scheme:dark)" in features_html
    assert "[data-ogsc] .ink" in features_html and "[data-ogsb] .card" in features_html
    assert 'role="article"' in features_html and '<html lang="en"' in features_html
    assert "<img" not in features_html  # reads fully with images off
    assert 'role="presentation"' in features_html


def test_colours_come_from_the_settings():
    settings = Settings(color_accent="#7a1f1f", color_accent_dark="#ffb4a9", color_background_dark="#101010")
    html = render_html(feature_issue(), settings)
    assert "color:#7a1f1f" in html and "#ffb4a9!important" in html and "background:#101010!important" in html


@pytest.mark.parametrize("name", VARIANT_NAMES)
def test_checks_pass_on_every_variant(name):
    settings = Settings(**FULL)
    issue = variant(name)
    html, text = render_html(issue, settings), render_text(issue, settings)
    failed = [check for check in check_issue(html, text) if not check.ok]
    assert not failed, failed


def test_headings_stay_in_order_when_only_some_stories_have_a_section():
    issue = feature_issue()
    loose = dataclasses.replace(issue.stories[1], section=None)
    mixed = dataclasses.replace(issue, stories=(loose, issue.stories[0]))
    headings = parse_html(render_html(mixed, Settings())).headings
    assert [level for level, _ in headings] == [1, 2, 2, 3]
    assert headings[2] == (2, "Politics")


def test_a_story_without_lede_or_bullets_still_renders():
    issue = feature_issue()
    bare = dataclasses.replace(issue.stories[0], summary=dataclasses.replace(issue.stories[0].summary, lede="",
                                                                              bullets=()))
    issue = dataclasses.replace(issue, stories=(bare,))
    html, text = render_html(issue, Settings()), render_text(issue, Settings())
    assert "12px;font-size:17px;\"></p>" not in html and "<ul" not in html
    assert "Story number 1" in text and "\n\n\n" not in text


def test_other_reports_without_source_are_credited_to_their_site():
    issue = feature_issue()
    story = issue.stories[0]
    others = (dataclasses.replace(story.also[0], source=None, url="https://www.reuters.example/world/1"),
              dataclasses.replace(story.also[0], source=None, url=None))
    issue = dataclasses.replace(issue, stories=(dataclasses.replace(story, also=others),))
    html, text = render_html(issue, Settings()), render_text(issue, Settings())
    assert "Also reported by: reuters.example" in visible_text(html)
    assert '<a href="https://www.reuters.example/world/1"' in html
    assert "Also reported by: reuters.example [1]" in text
