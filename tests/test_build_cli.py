import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_build_sample_issue(articles, tmp_path):
    result = run("build", "--date", "2021-12-07")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "2021-12-07"
    html = (folder / "index.html").read_text()
    text = (folder / "index.txt").read_text()
    for part in (html, text):
        assert "Biden urges Putin to de-escalate Ukraine tensions in direct talks" in part
        assert "US President Joe Biden has warned his Russian counterpart Vladimir Putin" in re.sub(r"\s+", " ", part)
        for clutter in ("Follow Al Jazeera", "cookies", "Pennsylvania court", "How real is the threat"):
            assert clutter not in part
    manifest = json.loads((folder / "issue.json").read_text())
    assert manifest["date"] == "2021-12-07"
    [entry] = manifest["articles"]
    assert entry["included"] and entry["date"] == "2021-12-07" and entry["source"] == "Al Jazeera"
    [story] = manifest["stories"]
    assert story["lede"].startswith("US President Joe Biden has warned")
    assert len(story["bullets"]) == 3
    assert not list((tmp_path / "out").glob(".*")), "no temporary folders left behind"


def test_no_article_in_window_is_a_clear_error(articles):
    result = run("build", "--date", "2021-12-08")
    assert result.exit_code == 1
    assert "no article falls in the window 2021-12-08" in result.output
    assert "Traceback" not in result.output


def test_window_of_days_reaches_back(articles, tmp_path):
    assert run("build", "--date", "2021-12-09", "--days", "3").exit_code == 0
    assert (tmp_path / "out" / "2021-12-09" / "index.html").exists()


@pytest.mark.parametrize("date, message", [
    ("2021-13-01", "there is no month 13"),
    ("yesterday", "is not a date in the form YYYY-MM-DD"),
    ("2021-02-30", "that day does not exist (February 2021 has 28 days)"),
    ("2019-11-31", "that day does not exist (November 2019 has 30 days)"),
    ("0000-01-01", "there is no year 0"),
])
def test_bad_date(articles, date, message):
    result = run("build", "--date", date)
    assert result.exit_code == 2
    assert message in result.output


def test_missing_articles_folder(tmp_path):
    result = run("build", "--date", "2021-12-07", "--articles", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == f"Error: articles folder {tmp_path / 'nowhere'} does not exist"


def test_existing_issue_needs_force(articles, tmp_path):
    assert run("build", "--date", "2021-12-07").exit_code == 0
    html = tmp_path / "out" / "2021-12-07" / "index.html"
    html.write_text("edited by hand")
    result = run("build", "--date", "2021-12-07")
    assert result.exit_code == 1 and "exists already; use --force" in result.output
    assert html.read_text() == "edited by hand"
    assert run("build", "--date", "2021-12-07", "--force").exit_code == 0
    assert "Biden" in html.read_text()


def test_bad_files_are_skipped_and_reported(articles, tmp_path):
    (articles / "empty.txt").write_bytes(b"")
    (articles / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (articles / "latin.txt").write_bytes("Caf\u00e9\n7 Dec 2021\nText.".encode("latin-1"))
    (articles / "notes.docx").write_bytes(b"PK\x03\x04")
    with (articles / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (articles / "scripts.html").write_text("<html><body>" + "<script>var a = 'words words';</script>" * 300 + "</body></html>")
    (articles / "feed.rss").write_text("<rss><channel><title>Broken<item><title>x</title></channel>")
    (articles / "config.json").write_text('{"name": "not an article", "version": 3}')
    (articles / "note.md").write_text("---\ntitle: [unclosed\n---\nText.\n")
    result = run("build", "--date", "2021-12-07")
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "2021-12-07" / "issue.json").read_text())
    reasons = {Path(a["path"]).name: (a["included"], a["reason"]) for a in manifest["articles"]}
    assert reasons["empty.txt"][0] is False and "empty file" in reasons["empty.txt"][1]
    assert "binary" in reasons["binary.txt"][1]
    assert "unsupported file type" in reasons["notes.docx"][1]
    assert "too large" in reasons["huge.txt"][1]
    assert "no article text found" in reasons["scripts.html"][1]
    assert "malformed feed" in reasons["feed.rss"][1]
    assert "no article in the JSON" in reasons["config.json"][1]
    assert "broken front matter" in reasons["note.md"][1]
    for name in ("empty.txt", "binary.txt", "notes.docx", "huge.txt", "scripts.html", "feed.rss", "config.json",
                 "note.md"):
        assert reasons[name][0] is False
    # Latin-1 text is not refused: it is decoded, and the manifest says how.
    [latin] = [a for a in manifest["articles"] if a["path"].endswith("latin.txt")]
    assert latin["title"] == "Caf\u00e9" and "not UTF-8; read as Windows-1252 (Latin-1)" in latin["warnings"]
    assert reasons["000_f6368936aa7368ae.txt"] == (True, "in the window")
    assert any(story["title"] == "Biden urges Putin to de-escalate Ukraine tensions in direct talks"
               for story in manifest["stories"])


def test_undated_article_is_left_out_and_reported(articles, tmp_path):
    (articles / "undated.txt").write_text("A headline\nSome body text without any date at all.\n")
    assert run("build", "--date", "2021-12-07").exit_code == 0
    manifest = json.loads((tmp_path / "out" / "2021-12-07" / "issue.json").read_text())
    [undated] = [a for a in manifest["articles"] if a["path"].endswith("undated.txt")]
    assert undated["included"] is False and undated["reason"] == "no publication date found"


def test_broken_user_template_names_file_and_line(articles, tmp_path):
    templates = tmp_path / "mine"
    templates.mkdir()
    (templates / "issue.txt.j2").write_text("line one\n{% for x in %}\n")
    result = run("build", "--date", "2021-12-07", "--templates", str(templates))
    assert result.exit_code == 1
    assert "issue.txt.j2, line 2" in result.output
    assert not (tmp_path / "out" / "2021-12-07").exists()


def test_extract_jsonl(articles):
    result = run("extract", "--format", "jsonl", str(next(articles.iterdir())))
    assert result.exit_code == 0
    row = json.loads(result.output)
    assert {"path", "title", "date", "source", "url", "body", "warnings"} <= set(row)
    assert row["date"] == "2021-12-07"
    assert row["body"].split("\n\n")[0].startswith("US President Joe Biden")


def test_extract_reports_bad_file_and_goes_on(articles, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", str(tmp_path / "empty.txt"),
                                       str(next(articles.iterdir()))])
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.stderr
    assert json.loads(result.stdout)["source"] == "Al Jazeera"


def test_summarize_no_extract_jsonl(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("The council approved the budget on Monday. It raises taxes by 2%. "
                     "Schools get more money. Roads get less. The mayor welcomed the vote.")
    result = run("summarize", "--no-extract", "--format", "jsonl", "--bullets", "2", str(story))
    row = json.loads(result.output)
    assert row["lede"] == "The council approved the budget on Monday."
    assert len(row["bullets"]) == 2
    assert set(row) >= {"path", "title", "lede", "bullets"}


def test_every_command_is_in_the_readme():
    root = Path(__file__).resolve().parent.parent
    # The README and the user documentation in docs/ together.
    readme = "\n".join(p.read_text() for p in [root / "README.md", *sorted((root / "docs").glob("*.md"))])
    for name, command in main.commands.items():
        assert f"digest {name}" in readme, name
        assert "Example" in (command.help or ""), name


def test_max_words_caps_each_story_summary(articles, tmp_path):
    assert run("build", "--date", "2021-12-07", "--max-words", "60").exit_code == 0
    [story] = json.loads((tmp_path / "out" / "2021-12-07" / "issue.json").read_text())["stories"]
    words = sum(len(part.split()) for part in [story["lede"], *story["bullets"]])
    assert story["lede"].startswith("US President Joe Biden has warned")
    assert words <= 60 and len(story["bullets"]) < 3


def test_extract_of_only_bad_files_prints_nothing_on_stdout(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "bad.txt")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == f"Error: {tmp_path / 'bad.txt'}: binary file, not text"
