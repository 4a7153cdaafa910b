"""Edition files: pins, drops, rewrites, hand-written stories, intro and subject, each alone and together."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.cli import main
from digest.errors import EditionError
from digest.pipeline import build
from edition_data import DATE, STORIES, build_with, ids, settings, shown_titles, write_edition, write_stories, write_story

HARBOUR, CHIPS, GLACIER, LIBRARY = (STORIES[n][0] for n in ("harbour.md", "chips.md", "glacier.md", "library.md"))


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def base(tmp_path: Path) -> dict:
    """The issue built without an edition: its manifest (ids, order)."""
    write_stories(tmp_path / "articles")
    manifest, _, _ = build_with(tmp_path)
    return manifest


def test_every_story_has_a_short_id_in_the_manifest(base):
    found = [s["id"] for s in base["stories"]]
    assert len(found) == 4 and len(set(found)) == 4
    assert all(re.fullmatch(r"[0-9a-f]{8}", i) for i in found)
    assert "edition" not in base and "edited" not in base["stories"][0]


def test_ids_stay_the_same_when_articles_are_added_and_the_folder_is_named_otherwise(base, tmp_path):
    before = ids(base)
    write_story(tmp_path / "articles", "zoo.md", "Zoo welcomes twin panda cubs born overnight", None,
                ["Two panda cubs were born at the zoo overnight, keepers said.", "Visitors will see them in spring."])
    after, _, _ = build_with(tmp_path)
    assert len(after["stories"]) == 5
    assert {t: i for t, i in ids(after).items() if t in before} == before
    # The same folder given by its absolute path: ids come from paths below the folder.
    absolute = build(settings(tmp_path, articles=(tmp_path / "articles").resolve()), DATE, force=True)
    assert ids(json.loads((absolute / "issue.json").read_text())) == ids(after)


def test_a_linked_story_keeps_its_id_when_its_file_moves(base, tmp_path):
    before = ids(base)
    (tmp_path / "articles" / "harbour.md").rename(tmp_path / "articles" / "sport-2022-03-14.md")
    (tmp_path / "articles" / "glacier.md").rename(tmp_path / "articles" / "ice.md")
    after = ids(build_with(tmp_path)[0])
    assert after[HARBOUR] == before[HARBOUR]  # from its URL
    assert after[GLACIER] != before[GLACIER]  # no URL: from its path


def test_pins_come_first_in_the_given_order(base, tmp_path):
    story = ids(base)
    assert shown_titles(base)[:2] != [LIBRARY, CHIPS]
    write_edition(tmp_path, f'order = ["{story[LIBRARY]}", "{story[CHIPS]}"]\n')
    lines: list[str] = []
    manifest, html, text = build_with(tmp_path, lines)
    assert shown_titles(manifest)[:2] == [LIBRARY, CHIPS]
    assert sorted(shown_titles(manifest)) == sorted(shown_titles(base))
    for part in (html, text):
        assert part.index(LIBRARY) < part.index(CHIPS) < min(part.index(GLACIER), part.index(HARBOUR))
    assert manifest["stories"][0]["edited"] == ["pinned"]
    assert "edition: 2 pinned, 0 dropped, 0 rewritten, 0 added" in "\n".join(lines)


def test_a_dropped_story_leaves_both_parts_and_stays_in_the_manifest(base, tmp_path):
    write_edition(tmp_path, f'drop = ["{ids(base)[GLACIER]}"]\n')
    manifest, html, text = build_with(tmp_path)
    assert GLACIER not in html and GLACIER not in text
    [dropped] = [s for s in manifest["stories"] if s["title"] == GLACIER]
    assert not dropped["shown"] and "dropped in" in dropped["omitted"] and dropped["edited"] == ["dropped"]
    assert len(shown_titles(manifest)) == 3


@pytest.mark.parametrize("field, toml, expect", [
    ("title", 'title = "Glacier retreat: the fastest ever measured"', "Glacier retreat: the fastest ever measured"),
    ("lede", 'lede = "An editor wrote this lede about ice."', "An editor wrote this lede about ice."),
    ("bullets", 'bullets = ["First hand-written point.", "Second hand-written point."]', "Second hand-written point."),
    ("section", 'section = "Climate"', "Climate"),
])
def test_each_story_field_can_be_rewritten(base, tmp_path, field, toml, expect):
    story_id = ids(base)[GLACIER]
    write_edition(tmp_path, f"[stories.{story_id}]\n{toml}\n")
    lines: list[str] = []
    manifest, html, text = build_with(tmp_path, lines)
    [story] = [s for s in manifest["stories"] if s["id"] == story_id]
    assert story["edited"] == [field]
    original = next(s for s in base["stories"] if s["id"] == story_id)
    assert story["original"][field] == original[field]
    for part in (html, text):
        assert expect in words(part) if field != "section" else expect.upper() in part.upper()
    if field == "bullets":
        assert story["bullets"] == ["First hand-written point.", "Second hand-written point."]
        assert original["bullets"][0] not in words(text)
    if field == "lede":
        assert original["lede"] not in words(text) and original["lede"] not in words(html)
    if field == "section":
        # A section turns sections on: every story gets one, the edited one under its heading.
        assert story["section"] == "Climate" and all(s["section"] for s in manifest["stories"])
    assert "1 rewritten" in "\n".join(lines)


def test_a_hand_written_story_appears_in_both_parts(base, tmp_path):
    write_edition(tmp_path, '''
[[extra]]
title = "Our reporter's notebook: a week on the ferry"
url = "https://www.example.com/notebook"
lede = "Seven days of crossings, told by the people who make them."
bullets = ["The captain has sailed the route for thirty years."]
''')
    manifest, html, text = build_with(tmp_path)
    extra = manifest["stories"][0]
    assert extra["title"] == "Our reporter's notebook: a week on the ferry"
    assert extra["edited"] == ["added"] and re.fullmatch(r"[0-9a-f]{8}", extra["id"])
    assert extra["articles"][0]["source"] == "example.com"
    for part in (html, text):
        assert "a week on the ferry" in part
        assert "Seven days of crossings, told by the people who make them." in words(part)
        assert "https://www.example.com/notebook" in part
    assert "thirty years" in text


def test_hand_written_stories_can_be_pinned_by_their_own_id(base, tmp_path):
    write_edition(tmp_path, f'''order = ["{ids(base)[CHIPS]}", "note"]
[[extra]]
id = "note"
title = "A note on our coverage"
''')
    manifest, html, text = build_with(tmp_path)
    assert shown_titles(manifest)[:2] == [CHIPS, "A note on our coverage"]
    assert manifest["stories"][1]["id"] == "note"
    assert manifest["stories"][1]["articles"][0]["source"] == "The Digest"  # no link: credited to the newsletter


def test_intro_in_both_parts_with_markdown_made_safe(base, tmp_path):
    write_edition(tmp_path, '''intro = """
Good morning. **Four stories** today; see [our survey](https://example.com/survey) and <script>alert(1)</script> {{ email }}.

- the cup final
- a glacier
"""
''')
    manifest, html, text = build_with(tmp_path)
    assert manifest["intro"].startswith("Good morning.")
    assert "<strong>Four stories</strong>" in html
    assert '<a href="https://example.com/survey"' in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ email }}" not in html and "&#123;&#123; email &#125;&#125;" in html
    assert "Good morning. Four stories today; see our survey [" in text
    assert "https://example.com/survey" in text.split("Links:")[1]
    assert "\n- the cup final\n- a glacier\n" in text
    # The intro comes before the first story in both parts.
    first = shown_titles(manifest)[0]
    story = html.index('<div class="story"')
    assert html.index('<div class="intro"') < story < html.index(first, story)
    assert text.index("Good morning.") < text.index(first)
    assert manifest["warnings"] == []


def test_subject_is_recorded_and_used_by_send(base, tmp_path):
    write_edition(tmp_path, 'subject = "Cup final, a glacier and {name}"\n')
    manifest, _, _ = build_with(tmp_path)
    assert manifest["subject"] == "Cup final, a glacier and {name}"
    from digest.send.message import load_issue, subject_for

    issue = load_issue(tmp_path / "out", DATE)
    # The editor's subject is used as it is, never filled as a template.
    assert subject_for(settings(tmp_path), issue, name="Ann") == "Cup final, a glacier and {name}"


def test_everything_together_and_the_report(base, tmp_path):
    story = ids(base)
    write_edition(tmp_path, f'''subject = "Monday's digest"
intro = "A short one today."
order = ["{story[LIBRARY]}", "{story[HARBOUR]}"]
drop = ["{story[CHIPS]}"]

[stories.{story[LIBRARY]}]
title = "The library is open again"

[stories.{story[HARBOUR]}]
lede = "Harbour City took the cup."

[stories.{story[GLACIER]}]
bullets = []

[[extra]]
title = "Letters to the editor"
lede = "Your replies to last week's issue."
''')
    lines: list[str] = []
    manifest, html, text = build_with(tmp_path, lines)
    assert "edition: 2 pinned, 1 dropped, 3 rewritten, 1 added, intro, subject" in "\n".join(lines)
    assert shown_titles(manifest) == ["The library is open again", HARBOUR, "Letters to the editor", GLACIER]
    assert manifest["edition"] == {"file": str(tmp_path / "editions" / "2022-03-14.toml"), "pinned": 2,
                                   "dropped": 1, "rewritten": 3, "added": 1}
    glacier = next(s for s in manifest["stories"] if s["title"] == GLACIER)
    assert glacier["bullets"] == [] and glacier["edited"] == ["bullets"]
    for part in (html, text):
        assert "A short one today." in part and "Harbour City took the cup." in part and CHIPS not in part
        assert "Letters to the editor" in part
    assert manifest["warnings"] == []


def test_a_drop_makes_room_and_pins_beat_the_story_budget(base, tmp_path):
    story = ids(base)
    order = shown_titles(base)
    budgeted, _, _ = build_with(tmp_path, max_stories=2)
    assert shown_titles(budgeted) == order[:2]
    write_edition(tmp_path, f'drop = ["{story[order[0]]}"]\n')
    assert shown_titles(build_with(tmp_path, max_stories=2)[0]) == order[1:3]
    write_edition(tmp_path, f'order = ["{story[order[3]]}", "{story[order[2]]}", "{story[order[1]]}"]\n')
    assert shown_titles(build_with(tmp_path, max_stories=2)[0]) == [order[3], order[2], order[1]]


# --- Checks -----------------------------------------------------------------------


def build_error(tmp_path: Path, **values: object) -> str:
    with pytest.raises(EditionError) as error:
        build(settings(tmp_path, **values), DATE, force=True)
    message = str(error.value)
    assert "\n" not in message
    return message


def test_an_unknown_id_names_it_and_lists_the_valid_ones(base, tmp_path):
    write_edition(tmp_path, 'order = ["deadbeef"]\n[stories.cafe0000]\nlede = "x"\n')
    message = build_error(tmp_path)
    assert "'deadbeef' (order)" in message and "'cafe0000' ([stories.cafe0000])" in message
    for story_id in ids(base).values():
        assert story_id in message
    # And from the command line: one line, exit code 1, no traceback.
    result = CliRunner().invoke(main, ["build", "--date", DATE.isoformat(), "--force", "--articles",
                                       str(tmp_path / "articles"), "--editions", str(tmp_path / "editions")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().splitlines()[-1].startswith("Error: ") and "deadbeef" in result.output


def test_bad_toml_names_the_file_and_line(base, tmp_path):
    path = write_edition(tmp_path, 'subject = "fine"\norder = ["a",\ndrop = \n')
    message = build_error(tmp_path)
    assert message.startswith(f"{path}, line ") and "bad TOML" in message


@pytest.mark.parametrize("toml, expect", [
    ('[[extra]]\ntitle = "x"\nurl = "javascript:alert(1)"\n', "is not an http or https link"),
    ('[[extra]]\nurl = "https://example.com/"\n', "title is missing"),
    ('intro = "[click](javascript:alert(1))"\n', "is not an http, https or mailto link"),
    ('intro = "![chart](https://example.com/c.png)"\n', "images are not supported"),
    ('lead = "typo"\n', "unknown key 'lead'"),
    ('order = "abc"\n', "order must be a list of story ids"),
    ('[stories.abc]\ntitel = "x"\n', "unknown key 'titel'"),
    ('[stories.abc]\ntitle = ""\n', "title is empty"),
    ('[stories.abc]\nbullets = "one"\n', "bullets must be a list of strings"),
])
def test_bad_values_are_refused(tmp_path, toml, expect):
    write_stories(tmp_path / "articles")
    write_edition(tmp_path, toml)
    # Found before the slow work: no issue is built at all.
    assert expect in build_error(tmp_path)
    assert not (tmp_path / "out").exists()


def test_a_lede_over_the_word_budget_is_refused(base, tmp_path):
    story_id = ids(base)[GLACIER]
    write_edition(tmp_path, f'[stories.{story_id}]\nlede = "{" ".join(["word"] * 31)}"\n')
    assert "lede has 31 words, over the word budget of 30" in build_error(tmp_path, max_words=30)
    # Within the budget, the summarizer's bullets give way to the editor's lede.
    write_edition(tmp_path, f'[stories.{story_id}]\nlede = "{" ".join(["word"] * 25)}"\n')
    manifest, _, _ = build_with(tmp_path, max_words=30)
    story = next(s for s in manifest["stories"] if s["id"] == story_id)
    assert sum(len(p.split()) for p in [story["lede"], *story["bullets"]]) <= 30


def test_pinned_and_dropped_at_once_is_refused(base, tmp_path):
    story_id = ids(base)[GLACIER]
    write_edition(tmp_path, f'order = ["{story_id}"]\ndrop = ["{story_id}"]\n')
    assert "both pinned (order) and dropped" in build_error(tmp_path)


def test_dropping_every_story_is_refused(base, tmp_path):
    write_edition(tmp_path, f"drop = {json.dumps(list(ids(base).values()))}\n")
    assert "drops every story" in build_error(tmp_path)


def test_an_edition_inside_the_output_folder_is_refused(base, tmp_path):
    editions = tmp_path / "out" / "editions"
    editions.mkdir()
    (editions / f"{DATE.isoformat()}.toml").write_text('subject = "x"\n')
    assert "inside the output folder" in build_error(tmp_path, editions=editions)


def test_an_id_of_another_report_of_the_story_still_finds_it(tmp_path):
    """When a better report joins a story and leads it, the file's id (the old lead's) still works."""
    from digest.edition import Edition, StoryEdit, apply_edition, article_id, assign_ids
    from digest.model import Article, Issue, Story, Summary

    old = Article(path=str(tmp_path / "articles" / "a.txt"), title="Old lead", body="x", url="https://a.example/1")
    new = Article(path=str(tmp_path / "articles" / "b.txt"), title="New lead", body="y", url="https://b.example/2")
    issue = assign_ids(Issue(date=DATE, days=1, stories=(Story(new, Summary("New lede."), also=(old,)),)),
                       tmp_path / "articles")
    edition = Edition(path=tmp_path / "e.toml", stories={article_id(old, tmp_path / "articles"): StoryEdit(lede="Edited.")})
    [story] = apply_edition(issue, edition, settings(tmp_path)).stories
    assert story.summary.lede == "Edited." and story.id == article_id(new, tmp_path / "articles")


# --- Parity: a template of one's own that leaves the intro out --------------------


@pytest.mark.parametrize("template, part", [
    ('{% extends "default/issue.txt.j2" %}{% block intro %}{% endblock %}', "plain-text"),
    ('{% extends "default/issue.mjml.j2" %}{% block intro %}{% endblock %}', "HTML"),
])
def test_a_template_leaving_the_intro_out_gets_a_warning(base, tmp_path, template, part):
    templates = tmp_path / "my-templates"
    templates.mkdir()
    name = "issue.txt.j2" if part == "plain-text" else "issue.mjml.j2"
    (templates / name).write_text(template)
    write_edition(tmp_path, 'intro = "Hello readers, this week we look at ice and chips."\n')
    lines: list[str] = []
    manifest, _, _ = build_with(tmp_path, lines, templates=templates)
    assert [w for w in manifest["warnings"] if f"intro is missing from the {part} part" in w]
    assert f"Warning: the editor's intro is missing from the {part} part" in "\n".join(lines)
    # With the shipped templates there is no warning.
    shutil.rmtree(templates)
    assert build_with(tmp_path)[0]["warnings"] == []
