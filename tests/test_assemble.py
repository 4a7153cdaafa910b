"""Assembling an issue: same-event stories, order, budgets, sections, --since, progress, reproducibility."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assemble_data import ARPAIO, MOSQUE, write_article, write_cluster
from digest.arrange import OTHER_SECTION, apply_budgets, group_into_sections, keyword_section
from digest.cli import main
from digest.model import Article, Story, Summary
from stages import assemble_issue

DAY = dt.date(2021, 12, 7)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """The mosque event from three outlets, the Arpaio endorsement from three, one lone article."""
    folder = tmp_path / "news"
    folder.mkdir()
    write_cluster(folder, MOSQUE, DAY, "mosque")
    write_cluster(folder, ARPAIO, DAY - dt.timedelta(days=1), "arpaio")
    write_article(folder, "lone.txt", "Local library extends its opening hours",
                  "The town library will open until nine in the evening from next month, the council said. "
                  "Volunteers will staff the reading room on weekends. " * 6, DAY, "Town Crier")
    return folder


def manifest(out: Path, date: dt.date = DAY) -> dict:
    return json.loads((out / date.isoformat() / "issue.json").read_text(encoding="utf-8"))


@pytest.mark.data
def test_same_event_reports_become_one_story_with_the_lead_first(news, tmp_path):
    result = run("build", "--date", DAY.isoformat(), "--days", "2", "--articles", str(news), "-q")
    assert result.exit_code == 0, result.output
    stories = manifest(tmp_path / "out")["stories"]
    assert len(stories) == 3
    by_path = {Path(s["articles"][0]["path"]).name.split("_")[0]: s for s in stories}
    mosque = next(s for s in stories if "mosque" in s["articles"][0]["path"])
    assert sorted(a["source"] for a in mosque["articles"]) == ["Fox News", "HuffPost", "New York Times"]
    assert all(Path(a["path"]).name.startswith("mosque") for a in mosque["articles"])
    # The lead is the longest clean report; the lone article comes last (one source).
    lead = mosque["articles"][0]
    assert lead["source"] in ("Fox News", "New York Times") and mosque["title"] == lead["title"]
    assert stories[-1]["articles"][0]["path"].endswith("lone.txt") and len(stories[-1]["articles"]) == 1
    assert by_path and all(s["shown"] for s in stories)


@pytest.mark.data
def test_reports_weeks_apart_stay_separate_stories_in_a_long_window(tmp_path):
    # The same three reports, copied with dates three weeks later: in a 30-day window the
    # dates tell the merger they are two events (the text alone would merge all six).
    folder = tmp_path / "news"
    folder.mkdir()
    write_cluster(folder, MOSQUE, DAY - dt.timedelta(days=21), "early")
    write_cluster(folder, MOSQUE, DAY, "late")
    issue = assemble_issue(folder, DAY, days=30)
    groups = sorted(sorted(Path(a.path).name.split("_")[0] for a in (s.article, *s.also)) for s in issue.stories)
    assert groups == [["early"] * 3, ["late"] * 3]


@pytest.mark.data
def test_order_is_by_sources_then_centrality_with_a_stable_tie_break(news):
    issue = assemble_issue(news, DAY, days=2)
    counts = [1 + len(s.also) for s in issue.stories]
    assert counts == sorted(counts, reverse=True)
    assert [s.article.path for s in issue.stories] == [s.article.path for s in assemble_issue(news, DAY, days=2).stories]


@pytest.mark.data
def test_max_stories_keeps_the_rest_in_the_manifest_with_the_reason(news, tmp_path):
    assert run("build", "--date", DAY.isoformat(), "--days", "2", "--articles", str(news), "--max-stories", "1",
               "-q").exit_code == 0
    stories = manifest(tmp_path / "out")["stories"]
    assert [s["shown"] for s in stories] == [True, False, False]
    assert stories[1]["omitted"] == "beyond the story budget of 1 (max_stories)"
    html = (tmp_path / "out" / DAY.isoformat() / "index.html").read_text(encoding="utf-8")
    assert "library" not in html.lower()


def _story(title: str, words: int, section: str | None = None) -> Story:
    article = Article(path=f"{title}.txt", title=title, body="word " * 50, section=section)
    return Story(article=article, summary=Summary(lede=" ".join(["w"] * words)))


def test_word_budget_cuts_at_the_first_story_that_does_not_fit():
    stories = [_story("a", 10), _story("b", 30), _story("c", 1)]
    kept = apply_budgets(stories, None, 25)
    assert [s.omitted for s in kept] == [None, "over the word budget of 25 words", "over the word budget of 25 words"]
    # The first story is always shown, however long.
    assert apply_budgets([_story("long", 500)], None, 10)[0].omitted is None


def test_sections_from_the_source_then_keywords_and_off():
    stories = [_story(f"s{n}", 5, section="Opinion" if n % 2 else None) for n in range(6)]
    grouped = group_into_sections(stories, "on")
    assert [s.section for s in grouped] == ["Opinion"] * 3 + [OTHER_SECTION] * 3
    assert [s.section for s in group_into_sections(stories, "off")] == [None] * 6
    assert [s.section for s in group_into_sections(stories[:3], "auto")] == [None] * 3
    sport = Article(path="x", title="Chelsea striker scores twice as the team wins the cup final",
                    body="The coach praised the players after the match and the league season.")
    assert keyword_section(sport) == "Sport"


@pytest.mark.data
def test_since_builds_everything_from_that_day_and_says_when_nothing_is_new(news, tmp_path):
    out = tmp_path / "out"
    result = run("build", "--date", DAY.isoformat(), "--since", (DAY - dt.timedelta(days=1)).isoformat(),
                 "--articles", str(news), "-q")
    assert result.exit_code == 0, result.output
    assert manifest(out)["window"] == {"start": "2021-12-06", "end": "2021-12-07", "days": 2}
    later = DAY + dt.timedelta(days=3)
    result = run("build", "--date", later.isoformat(), "--since", "last", "--articles", str(news), "-q")
    assert result.exit_code == 1
    assert "nothing new since the last issue (2021-12-07)" in result.output
    assert not (out / later.isoformat()).exists()
    # Something new after the last issue: the window starts the day after it.
    write_article(news, "new.txt", "A new story", "Fresh news from the council meeting today. " * 20, later, "Crier")
    assert run("build", "--date", later.isoformat(), "--since", "last", "--articles", str(news), "-q").exit_code == 0
    assert manifest(out, later)["window"]["start"] == "2021-12-08"


@pytest.mark.data
def test_progress_lines_per_stage_on_stderr_and_none_with_quiet(news):
    loud = run("build", "--date", DAY.isoformat(), "--days", "2", "--articles", str(news), "--out", "a")
    assert "Read 7 articles: 7 in the window" in loud.stderr
    assert "Merged 7 articles into 3 stories" in loud.stderr
    quiet = run("build", "--date", DAY.isoformat(), "--days", "2", "--articles", str(news), "--out", "b", "-q")
    assert quiet.stderr == ""


@pytest.mark.data
def test_builds_are_byte_identical_and_numbers_stay_stable(news, tmp_path):
    def build(out: str, date: dt.date, *extra: str) -> None:
        result = run("build", "--date", date.isoformat(), "--days", "2", "--articles", str(news), "--out", out,
                     "-q", *extra)
        assert result.exit_code == 0, result.output

    next_day = DAY + dt.timedelta(days=1)
    for out in ("one", "two"):
        build(out, DAY)
        build(out, next_day)
    build("two", DAY, "--force")  # a rebuild keeps its number
    one, two = tmp_path / "one", tmp_path / "two"
    names = sorted(str(p.relative_to(one)) for p in one.rglob("*") if p.is_file())
    assert "feed.xml" in names and "index.html" in names and f"{DAY}/issue.json" in names
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    assert manifest(two, DAY)["number"] == 1 and manifest(two, next_day)["number"] == 2


def test_workers_give_the_same_issue_as_one_process(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(42):
        write_article(folder, f"{n:02d}.txt", f"Story number {n} about topic {n % 5}",
                      f"Topic {n % 5} news item {n}. " * 30 + f"Unique detail {n} here.", DAY, f"Outlet {n % 3}")
    one = assemble_issue(folder, DAY, workers=1)
    two = assemble_issue(folder, DAY, workers=2)
    assert dataclasses.asdict(one) == dataclasses.asdict(two)
