"""Issues for the email tests: hand-built ones, and 1/10/30-story issues from real BBC articles.

The BBC articles are read from the evaluation data at test time (never copied
into the repository); they get made-up URLs on a reserved domain.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from html.parser import HTMLParser

import pytest

from conftest import SHARED_DATA
from digest.model import Article, Image, Issue, Story, Summary
from digest.summarize import summarize

DATE = dt.date(2021, 12, 7)
BBC = SHARED_DATA / "summaries" / "bbc.jsonl"


def bbc_articles(count: int) -> list[Article]:
    """The first ``count`` BBC articles, one per topic in turn, as Articles."""
    rows = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_topic: dict[str, list[dict]] = {}
    for row in rows:
        by_topic.setdefault(row["topic"], []).append(row)
    picked: list[dict] = []
    while len(picked) < count:
        for topic in sorted(by_topic):
            if by_topic[topic] and len(picked) < count:
                picked.append(by_topic[topic].pop(0))
    articles = []
    for row in picked:
        title, _, body = row["article"].partition("\n")
        slug = row["id"].replace("/", "-")
        articles.append(Article(path=f"{row['id']}.txt", title=title.strip(), body=body.strip(), date=DATE,
                                source="BBC News", url=f"https://news.example.org/{slug}?utm_source=digest&ref=a",
                                language="en"))
    return articles


@functools.cache
def bbc_issue(count: int, sections: bool = False) -> Issue:
    """An issue of ``count`` summarized BBC stories (sections by topic when asked)."""
    stories = []
    for article in bbc_articles(count):
        topic = article.path.split("/")[1]
        stories.append(Story(article, summarize(article, bullets=3), section=topic.title() if sections else None))
    if sections:
        stories.sort(key=lambda s: s.section or "")
    return Issue(date=DATE, days=1, stories=tuple(stories), number=42)


def feature_issue() -> Issue:
    """A hand-built issue using every feature: sections, other reports, a story without URL."""
    def article(n: int, source: str | None = "The Herald", url: str | None = "auto", title: str | None = None) -> Article:
        return Article(path=f"a{n}.txt", title=title or f"Story number {n} makes the news in a headline of some length",
                       body="Body.", date=dt.date(2021, 12, 6), source=source,
                       url=f"https://news.example.org/story/{n}" if url == "auto" else url)

    summary = Summary(lede="The council approved the new harbour plan on Monday after a long debate, "
                           "officials said, and work starts in spring.",
                      bullets=("Construction costs are estimated at 12 million euros.",
                               "Fishermen asked for a second slipway and got one.",
                               "A public hearing is planned for January."),
                      keywords=("harbour", "council"), reading_minutes=3)
    stories = (
        Story(article(1), summary, section="Politics",
              also=(article(11, source="Daily Post"), article(12, source="Radio North", url=None))),
        Story(article(2), summary, section="Politics"),
        Story(article(3, source=None, url=None), summary, section="Science"),
        Story(article(4, title="A headline with an unbroken token Pneumonoultramicroscopicsilicovolcanoconiosis-and-more"),
              summary, section="Science"),
        Story(article(5), summary, section="Science", omitted="story budget: more than 4 stories"),
    )
    return Issue(date=DATE, days=1, stories=stories, number=7)


#: Settings with every optional part of the email filled in.
FULL = dict(web_url="https://news.example.com/digest/", address="Example Media, 1 Main Street, Springfield")


def variants() -> dict[str, Issue]:
    """Issues that together use every path through the templates."""
    return {name: variant(name) for name in _VARIANTS}


def variant(name: str) -> Issue:
    """One of variants(), built only when asked for (the BBC ones read the evaluation data)."""
    return _VARIANTS[name]()


_VARIANTS = {"one": lambda: bbc_issue(1), "ten-sections": lambda: bbc_issue(10, sections=True),
             "thirty": lambda: bbc_issue(30), "features": lambda: feature_issue(), "hostile": lambda: hostile_issue()}
#: The variants' names for parametrize; those made from the evaluation data are marked ``data``.
VARIANT_NAMES = [pytest.param(name, marks=pytest.mark.data) if name in ("one", "ten-sections", "thirty") else name
                 for name in _VARIANTS]


HOSTILE = '<script>alert(1)</script> <mj-raw><b>raw</b></mj-raw> {{ 7*7 }} {% if x %}'


def hostile_issue(url: str = "https://example.com/a?x=1&y=2") -> Issue:
    """Article text that tries to inject markup, MJML and template code everywhere."""
    article = Article(path="x.txt", title=f"Title {HOSTILE}", body="b", date=DATE, source=f"Source {HOSTILE} & Co",
                      url=url)
    other = Article(path="y.txt", title="Other", body="b", source=f"Other {HOSTILE}", url="javascript:alert(2)")
    summary = Summary(lede=f"Lede {HOSTILE}", bullets=(f"Bullet {HOSTILE} <img src=x onerror=alert(1)>",))
    return Issue(date=DATE, days=1, stories=(Story(article, summary, also=(other,), section=f"Section {HOSTILE}"),))


class _Text(HTMLParser):
    """Visible text and headings of an HTML document (style and title skipped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self._skip = 0
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("style", "title", "script"):
            self._skip += 1
        elif len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self._heading = [tag]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title", "script"):
            self._skip -= 1
        elif self._heading and tag == self._heading[0]:
            self.headings.append((int(tag[1]), " ".join("".join(self._heading[1:]).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)
            if self._heading is not None:
                self._heading.append(data)


def parse_html(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser


def visible_text(html: str) -> str:
    """The document's text as a reader sees it, whitespace collapsed."""
    return " ".join("".join(parse_html(html).parts).split())


#: The colour of the test pictures: a saturated orange that an inverted (dark-mode) copy would turn blue.
PICTURE_COLOUR = "e8720c"


def image_issue(base: str, count: int = 10, broken: tuple[int, ...] = ()) -> Issue:
    """``count`` real BBC stories, each with an image served from ``base`` (a loopback server).

    The images are 1200 x 630 as declared; stories whose index is in
    ``broken`` point to a URL that does not exist (a broken image). Every
    third story from the fourth on has no image, to show the layout without one.
    """
    stories = []
    for n, story in enumerate(bbc_issue(30).stories[:count]):
        if n >= 3 and n % 3 == 0:
            stories.append(story)
            continue
        url = f"{base}/missing/{n}.png" if n in broken else f"{base}/1200x630/{PICTURE_COLOUR}.png"
        image = Image(url=url, alt=f"Photo for story {n}", width=1200, height=630)
        stories.append(Story(dataclasses.replace(story.article, image=image), story.summary))
    return Issue(date=DATE, days=1, stories=tuple(stories), number=43)
