"""Issue 15 on real pages: right stories together, one copy per article, sections from evidence, outlet names.

The pages are read from ../shared/data/pages through symlinks in a temporary
folder, as a user's articles folder would hold them (nothing is copied into
the repository).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import SHARED_DATA
from digest.arrange import OTHER_SECTION, credited_once, is_opinion, keyword_section, outlet_key, section_of, url_section
from digest.copies import remove_copies, url_key
from digest.model import Article, Story, Summary
from digest.readers import read_article
from digest.readers.source import canonical_name
from stages import assemble_issue

PAGES = SHARED_DATA / "pages"
DATE = dt.date(2019, 11, 20)


def folder_of(tmp_path: Path, *pages: str, kinds: tuple[str, ...] = (".html", ".txt")) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    for page in pages:
        for kind in kinds:
            (folder / f"{page}{kind}").symlink_to(PAGES / f"{page}{kind}")
    return folder


def stories_by_title(issue) -> dict[str, Story]:
    return {s.article.title: s for s in issue.stories}


def test_the_wrong_merges_of_a_real_week_stay_apart(tmp_path):
    # Trump's health (CNN opinion) / "Impeachment sham"; Scooter Braun / Dealbreaker's Opening Bell;
    # PolitiFact's tariff explainer / "Beijing tariff demands"; Browns snap counts / the Garrett fight.
    pages = ["ef4e67b66d63b5fa", "c90731f051d033e4", "eb62ac8425e55739", "55bb6340e3d7dd86",
             "b6906ca016bbfc64", "39d5c43beb60605c", "6a72de37e8f98f4e", "08f793762792bd25"]
    issue = assemble_issue(folder_of(tmp_path, *pages), DATE, days=7, sections="off", workers=1)
    assert len(issue.stories) == 8, [(s.article.title, [a.title for a in s.also]) for s in issue.stories]
    assert all(not s.also and not s.same_outlet and s.evidence is None for s in issue.stories)


def test_reports_of_one_event_merge_with_their_evidence_recorded(tmp_path):
    # NASA adds five companies to its lunar lander programme: Space.com and SpaceNews.
    issue = assemble_issue(folder_of(tmp_path, "c50845a7158af12e", "d1c57d7821e5a5b2"), DATE, days=7,
                           sections="off", workers=1)
    assert len(issue.stories) == 1
    story = issue.stories[0]
    assert {story.article.source, *(a.source for a in story.also)} == {"Space.com", "SpaceNews.com"}
    evidence = story.evidence
    assert evidence["similarity"] >= 0.28 and "nasa" in evidence["shared_names"]
    assert evidence["dates"] and evidence["opinion_pieces"] == 0


def test_html_and_txt_of_one_page_are_one_article_and_an_outlet_is_credited_once(tmp_path):
    # The Hong Kong pages of the issue's example: Express.co.uk and the Washington Examiner, each as
    # .html and .txt. Each page becomes one article; the .html copy (URL, section) leads.
    issue = assemble_issue(folder_of(tmp_path, "624fcd903d56fc70", "e4c6a3b482403a8f", "5fa3154ec031ab35"),
                           DATE, days=7, sections="off", workers=1)
    copies = [c for c in issue.considered if c.reason.startswith("a copy of")]
    assert len(copies) == 3 and all(c.path.endswith(".txt") for c in copies)
    assert "near-identical body" in copies[0].reason
    for story in issue.stories:
        assert story.article.url and story.article.path.endswith(".html")
        outlets = [outlet_key(a) for a in (story.article, *story.also)]
        assert len(outlets) == len(set(outlets))


def test_the_lead_keeps_the_url_when_only_the_txt_copy_would_lead(tmp_path):
    # A .txt copy has no URL; the .html copy (more metadata) wins whatever the file order.
    issue = assemble_issue(folder_of(tmp_path, "c58aa507c4deebd6"), DATE, days=7, sections="off", workers=1)
    assert len(issue.stories) == 1
    assert issue.stories[0].article.url.startswith("https://www.usatoday.com/")
    assert issue.stories[0].article.source == "USA Today"


def test_copies_by_url_and_metadata_filled_from_the_other_copy():
    page = Article(path="a/x.html", title="T", body="one two three four five six", url="https://www.ex.com/a/",
                   date=DATE, source="Ex")
    feed = Article(path="b/feed.xml", title="T", body="different text entirely here", date=DATE,
                   url="http://ex.com/a?utm_source=rss", author="A. Writer")
    other = Article(path="b/y.txt", title="U", body="one two three four five six", date=DATE, source="Other")
    kept, copies = remove_copies([page, feed, other])
    assert [a.path for a in kept] == ["a/x.html", "b/y.txt"]  # same text, other outlet: not a copy
    assert kept[0].author == "A. Writer" and kept[0].url == "https://www.ex.com/a/"
    assert [(c.article.path, c.why) for c in copies] == [("b/feed.xml", "same URL")]
    assert url_key("https://www.ex.com/a/?b=1&utm_medium=x#top") == "ex.com/a?b=1"


def test_an_outlet_is_never_listed_twice_nor_for_itself():
    def art(path: str, source: str | None, url: str | None = None) -> Article:
        return Article(path=path, title=path, body="x", source=source, url=url)

    lead = art("1", "Express.co.uk")
    others = [art("2", "Express.co.uk"), art("3", "The Guardian"), art("4", "the guardian"),
              art("5", None, "https://www.washingtonexaminer.com/x"),
              art("6", None, "https://washingtonexaminer.com/y")]
    also, rest = credited_once(lead, others)
    assert [a.path for a in also] == ["3", "5"]
    assert [a.path for a in rest] == ["2", "4", "6"]


@pytest.mark.parametrize("page, section", [
    ("c81e134ed49902bc", "Sport"),          # HS Roundup (/sports/high-school/)
    ("e593d7fe88f9f5cd", "Life & style"),   # 15 Tips to Overcome Binge Eating (/nutrition/)
    ("87438a0dacbeb979", "Life & style"),   # Dear Abby (article:section "Advice")
    ("bc13ff87b2630ffb", "Business"),       # WeWork layoffs
    ("06e5123e4ef7cfb4", "Business"),       # WeWork investigated
])
def test_the_misfiled_stories_of_the_issue(page, section):
    article = read_article(PAGES / f"{page}.html")
    assert section_of(Story(article, Summary(lede=""))) == section


def test_section_evidence_order_and_an_unsure_story_goes_to_more_news():
    assert url_section("https://www.floridatoday.com/story/sports/high-school/2019/11/20/hs-roundup/") == "Sport"
    assert url_section("https://example.com/2019/11/sports-bar-opens") is None  # the slug is not read
    feed = Article(path="f.xml", title="Markets rally", body="Shares rose.", section="Sports",
                   url="https://example.com/business/x")
    assert section_of(Story(feed, Summary(lede=""))) == "Sport"  # the source's own category first
    vague = Article(path="v.txt", title="A day in town", body="People met and talked about the game and a vote.")
    assert keyword_section(vague) == OTHER_SECTION


def test_opinion_and_explainer_pieces_are_recognised():
    def art(title: str, url: str | None = None, section: str | None = None) -> Article:
        return Article(path="x", title=title, body="x", url=url, section=section)

    assert is_opinion(art("The Guardian view on Hong Kong: a city on the brink"))
    assert is_opinion(art("PolitiFact’s guide to understanding tariffs and international trade"))
    assert is_opinion(art("Opening Bell 11.18.19"))
    assert is_opinion(art("Anything", url="https://www.washingtonexaminer.com/opinion/why-x"))
    assert not is_opinion(art("NASA adds five companies to commercial lunar lander program"))


def test_outlet_names_a_reader_recognises():
    assert canonical_name("Hosted", "https://hosted.ap.org/citizensvoice/article/x") == "Associated Press"
    assert canonical_name("Gannett") is None and canonical_name("Quiller Media") is None
    assert canonical_name("Gannett", "https://www.floridatoday.com/story/x") == "floridatoday.com"
    assert canonical_name("Digg", "https://digg.com/2019/x") == "Digg"
    assert canonical_name("Wccftech", "https://wccftech.com/x/") == "Wccftech"
    assert read_article(PAGES / "65bf3048b500bbd8.txt").source != "Quiller"
    assert read_article(PAGES / "e7994d5500875202.html").source == "Associated Press"


def test_sources_and_section_hints_from_the_settings_file(tmp_path):
    from digest.config import load_settings
    from digest.errors import ConfigError

    config = tmp_path / "digest.toml"
    config.write_text('[sources]\n"floridatoday.com" = "Florida Today"\n'
                      '[section_hints]\n"Schools" = ["high-school", "pupils"]\n', encoding="utf-8")
    settings = load_settings(config, env={})
    assert settings.sources == (("floridatoday.com", "Florida Today"),)
    assert settings.section_hints == (("Schools", ("high-school", "pupils")),)
    issue = assemble_issue(folder_of(tmp_path, "c81e134ed49902bc", kinds=(".txt",)), DATE, days=7,
                           sections="on", workers=1, sources=settings.sources,
                           section_hints=settings.section_hints)
    # The .txt copy has no URL: its copyright line names the parent company, which is never the outlet.
    assert issue.stories[0].article.source is None
    issue = assemble_issue(folder_of(tmp_path, "c81e134ed49902bc", kinds=(".html",)), DATE, days=7,
                           sections="on", workers=1, sources=(("floridatoday.com", "FLORIDA TODAY"),),
                           section_hints=settings.section_hints)
    assert issue.stories[0].article.source == "FLORIDA TODAY"
    assert issue.stories[0].section == "Schools"  # the user's hint for /sports/high-school/ wins
    config.write_text('[sources]\n"example.com" = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'example.com' must be given a name"):
        load_settings(config, env={})
    config.unlink()
    with pytest.raises(ConfigError, match="must be a table"):
        load_settings(None, env={"DIGEST_SOURCES": "x"})


def test_a_feed_entrys_category_is_its_section(tmp_path):
    from digest.readers import read_file

    feed = tmp_path / "news.rss"
    body = "The striker scored twice in the second half. " * 20
    feed.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Town Crier</title>
<item><title>Markets rally on trade hopes</title><link>https://example.com/a</link>
<category>Sports</category><pubDate>Wed, 20 Nov 2019 10:00:00 GMT</pubDate>
<description>{body}</description></item></channel></rss>""", encoding="utf-8")
    article = read_file(feed)[0]
    assert article.section == "Sports"
    assert section_of(Story(article, Summary(lede=""))) == "Sport"
