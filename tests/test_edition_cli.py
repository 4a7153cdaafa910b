"""digest edit (a starting edition file, $EDITOR, --force) and digest build --list."""

from __future__ import annotations

import json
import stat
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.cli import main
from digest.edition import _toml_string
from digest.intro import intro_html, intro_probe, intro_text
from digest.templating import References
from edition_data import DATE, STORIES, write_stories

HARBOUR = STORIES["harbour.md"][0]


def run(tmp_path: Path, *args: str, env: dict[str, str] | None = None):
    common = ["--articles", str(tmp_path / "articles"), "--editions", str(tmp_path / "editions")]
    return CliRunner().invoke(main, [*args, "--date", DATE.isoformat(), *common], env=env)


@pytest.fixture
def built(tmp_path: Path) -> Path:
    write_stories(tmp_path / "articles")
    result = run(tmp_path, "build", "--sections", "off")
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / DATE.isoformat()


def manifest(folder: Path) -> dict:
    return json.loads((folder / "issue.json").read_text())


def fake_editor(tmp_path: Path, body: str) -> str:
    """An editor program: a Python script run on the file, as $EDITOR would be."""
    script = tmp_path / "fake-editor"
    script.write_text(f"#!{sys.executable}\nimport pathlib, sys\npath = pathlib.Path(sys.argv[1])\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_edit_writes_a_starting_file_listing_every_story(built, tmp_path):
    result = run(tmp_path, "edit", env={"EDITOR": ""})
    assert result.exit_code == 0, result.output
    path = tmp_path / "editions" / f"{DATE.isoformat()}.toml"
    text = path.read_text()
    for story in manifest(built)["stories"]:
        assert f"# [stories.{story['id']}]" in text
        assert f"# title = {_toml_string(story['title'])}" in text
        assert f"# lede = {_toml_string(story['lede'])}" in text
    # All commented out: as it is, the file changes nothing.
    assert tomllib.loads(text) == {}
    assert "Set $EDITOR" in result.output


def test_uncommenting_a_story_block_gives_a_working_edition(built, tmp_path):
    before = manifest(built)["stories"]
    assert run(tmp_path, "edit", env={"EDITOR": ""}).exit_code == 0
    path = tmp_path / "editions" / f"{DATE.isoformat()}.toml"
    lines = path.read_text().splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("# [stories."))
    end = lines.index("", start)
    lines[start:end] = [line[2:] for line in lines[start:end]]
    path.write_text("\n".join(lines) + "\n")
    result = run(tmp_path, "build", "--sections", "off", "--force")
    assert result.exit_code == 0, result.output
    assert "edition: 0 pinned, 0 dropped, 1 rewritten, 0 added" in result.output
    after = manifest(built)["stories"]
    # The block holds the story's own values: the issue reads the same.
    assert [(s["title"], s["lede"], s["bullets"]) for s in after] == [(s["title"], s["lede"], s["bullets"]) for s in before]
    assert after[0]["edited"] == ["title", "bullets", "lede"] and after[0]["original"]["lede"] == before[0]["lede"]


def test_edit_refuses_to_overwrite_without_force(built, tmp_path):
    path = tmp_path / "editions" / f"{DATE.isoformat()}.toml"
    path.parent.mkdir()
    path.write_text('subject = "my work"\n')
    result = run(tmp_path, "edit", env={"EDITOR": ""})
    assert result.exit_code == 1 and "exists already" in result.output and "--force" in result.output
    assert path.read_text() == 'subject = "my work"\n'
    assert run(tmp_path, "edit", "--force", env={"EDITOR": ""}).exit_code == 0
    assert path.read_text().startswith("# The edition of The Digest for 2022-03-14")


def test_edit_opens_the_editor_and_checks_what_it_saved(built, tmp_path):
    editor = fake_editor(tmp_path, """
lines = path.read_text().splitlines()
n = next(i for i, line in enumerate(lines) if line.startswith("# [stories."))
lines[n] = lines[n][2:]
lines[n + 1] = 'title = "Edited in the editor"'
path.write_text("\\n".join(lines) + "\\n")
""")
    result = run(tmp_path, "edit", env={"EDITOR": editor})
    assert result.exit_code == 0, result.output
    assert "0 pinned, 0 dropped, 1 rewritten, 0 added" in result.output
    assert "digest build --date 2022-03-14 --force" in result.output
    result = run(tmp_path, "build", "--sections", "off", "--force")
    assert result.exit_code == 0, result.output
    assert "Edited in the editor" in [s["title"] for s in manifest(built)["stories"]]


def test_edit_reports_what_the_editor_broke(built, tmp_path):
    editor = fake_editor(tmp_path, 'path.write_text("order = [\\"nosuchid\\"]\\nsubject = \\n")')
    result = run(tmp_path, "edit", env={"EDITOR": editor})
    assert result.exit_code == 1 and "line 2" in result.output and "bad TOML" in result.output
    assert "Traceback" not in result.output
    editor = fake_editor(tmp_path, 'path.write_text("order = [\\"nosuchid\\"]\\n")')
    result = run(tmp_path, "edit", "--force", env={"EDITOR": editor})
    assert result.exit_code == 1 and "'nosuchid'" in result.output
    assert all(s["id"] in result.output for s in manifest(built)["stories"])


def test_edit_builds_the_issue_first_when_needed(tmp_path):
    write_stories(tmp_path / "articles")
    result = run(tmp_path, "edit", env={"EDITOR": ""})
    assert result.exit_code == 0, result.output
    assert "not built yet; building it" in result.output
    text = (tmp_path / "editions" / f"{DATE.isoformat()}.toml").read_text()
    assert HARBOUR in text


def test_build_list_prints_every_id(built, tmp_path):
    stories = manifest(built)["stories"]
    path = tmp_path / "editions" / f"{DATE.isoformat()}.toml"
    path.parent.mkdir()
    path.write_text(f'drop = ["{stories[1]["id"]}"]\n[stories.{stories[0]["id"]}]\nlede = "New lede."\n')
    result = run(tmp_path, "build", "--sections", "off", "--force", "--list", "-q")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1].endswith("index.html")
    listed = lines[:-1]
    assert len(listed) == len(stories)
    assert listed[0] == f"{stories[0]['id']}  {stories[0]['title']}  (edited: lede)"
    dropped = next(line for line in listed if line.startswith(stories[1]["id"]))
    assert "(edited: dropped; not shown: dropped in" in dropped


# --- The intro's Markdown -------------------------------------------------------------


def test_toml_strings_round_trip():
    for text in ['say "hi" \\ back', "tab\there", "del\x7f", "quote ''' and \"\"\"", "ünïcode “quotes”"]:
        assert tomllib.loads(f"x = {_toml_string(text)}")["x"] == text


def test_intro_plain_text_numbers_links_in_reading_order():
    ref = References()
    ref("https://example.org/masthead")
    text = intro_text("Read [this](https://a.example/1) and [that](https://b.example/2).\n\n"
                      "1. one\n2. two [again](https://a.example/1)\n\n> quoted", ref)
    assert text == "Read this [2] and that [3].\n\n1. one\n2. two again [2]\n\n> quoted"
    assert ref.listing().splitlines()[1:] == ["[2] https://a.example/1", "[3] https://b.example/2"]


def test_intro_html_is_safe_markdown():
    html = str(intro_html('<img src=x onerror=alert(1)> [x](javascript:alert(1)) [ok](mailto:ed@example.org) '
                          '# not a heading {{ unsubscribe_url }}', "#123456"))
    assert "<img" not in html and "&lt;img" in html
    assert 'href="javascript' not in html and '<a href="mailto:ed@example.org" style="color:#123456;">ok</a>' in html
    assert "{{" not in html
    assert intro_probe("Hello **there**, [reader](https://x.example).") == "Hello there reader"
