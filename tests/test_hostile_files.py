"""A bad file never kills a build: it is skipped, listed in issue.json with the reason, and warned about."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.cli import main
from digest.errors import ReadError
from digest.readers import MAX_CHARS, read_file
from digest.readers.base import MAX_TEXT_CHARS, decode_bytes

DATE = "2021-12-07"
BODY = " ".join(["The council voted on the new budget for schools and roads in the city on Tuesday."] * 12)


def build(*extra: str):
    result = CliRunner().invoke(main, ["build", "--date", DATE, *extra], catch_exceptions=False)
    return result


def manifest(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "out" / DATE / "issue.json").read_text(encoding="utf-8"))


def reasons(tmp_path: Path) -> dict[str, str]:
    return {Path(a["path"]).name: a["reason"] for a in manifest(tmp_path)["articles"] if not a["included"]}


def test_json_with_a_5000_digit_number_is_skipped(articles, tmp_path):
    (articles / "big.json").write_text(f'{{"title": "Budget", "text": "{BODY}", "n": {"9" * 5000}}}')
    result = build()
    assert result.exit_code == 0, result.output
    assert "a number too long to read" in reasons(tmp_path)["big.json"]
    assert [s["title"] for s in manifest(tmp_path)["stories"]][0].startswith("Biden")


def test_deeply_nested_json_is_skipped(articles, tmp_path):
    (articles / "deep.json").write_text("[" * 200_000 + "]" * 200_000)
    (articles / "deep.jsonl").write_text('{"a":' * 100_000 + "1" + "}" * 100_000 + "\n")
    result = build()
    assert result.exit_code == 0, result.output
    assert "nested too deeply" in reasons(tmp_path)["deep.json"]
    assert "line 1 is JSON nested too deeply" in reasons(tmp_path)["deep.jsonl"]


def test_a_file_name_that_is_not_utf8_is_listed_and_the_issue_written(articles, tmp_path):
    name = os.fsdecode(b"caf\xe9-news.txt")
    (articles / name).write_text("A headline\n7 Dec 2021\n" + BODY)
    result = build()
    assert result.exit_code == 0, result.output
    entry = next(a for a in manifest(tmp_path)["articles"] if "news.txt" in a["path"])
    assert entry["path"].endswith("caf\\xe9-news.txt") and not entry["included"]
    assert "not valid UTF-8" in entry["reason"]
    assert "Traceback" not in result.output


def test_a_utf8_file_with_one_stray_byte_stays_utf8(tmp_path):
    raw = ("Café culture returns\n7 Dec 2021\nThe café reopened on Tuesday, said the owner, "
           "with crème brûlée on the menu.").encode() + b" \x92 " + b"More text." * 20
    path = tmp_path / "stray.txt"
    path.write_bytes(raw)
    article = read_file(path)[0]
    assert article.title == "Café culture returns"
    assert "cafÃ©" not in article.body and "crème brûlée" in article.body
    assert str(article.date) == DATE
    assert any("1 stray byte replaced" in w for w in article.warnings)


def test_windows_1252_is_still_read_as_such():
    decoded = decode_bytes("Le café est ouvert.".encode("cp1252"), "x.txt")
    assert decoded.text == "Le café est ouvert." and decoded.encoding == "cp1252"


@pytest.mark.parametrize("encoding, bom", [
    ("utf-16", b""), ("utf-16-le", b""), ("utf-16-be", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
])
def test_utf16_files_are_read(tmp_path, encoding, bom):
    text = "Café owners rally\n7 Dec 2021\n" + BODY
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + text.encode(encoding))
    article = read_file(path)[0]
    assert article.title == "Café owners rally" and str(article.date) == DATE
    assert "council voted" in article.body


def test_a_5_mb_one_sentence_article_makes_a_bounded_email(articles, tmp_path):
    words = ("minister market report said today alpha beta gamma delta news " * 90_000)[: 5 * 1024 * 1024 - 200]
    (articles / "huge.txt").write_text("Huge story headline\n7 Dec 2021\n" + words + ".\n")
    result = build()
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / DATE
    assert len((folder / "index.html").read_bytes()) <= 100 * 1024
    assert len((folder / "index.txt").read_bytes()) <= 20 * 1024
    data = manifest(tmp_path)
    huge = next(s for s in data["stories"] if s["title"] == "Huge story headline")
    assert len(huge["lede"]) <= 700 and all(len(b) <= 500 for b in huge["bullets"])
    warnings = next(a for a in data["articles"] if a["path"].endswith("huge.txt"))["warnings"]
    assert f"file cut to its first {MAX_TEXT_CHARS:,} characters" in warnings[0]
    assert any(w.startswith(f"body cut to {MAX_CHARS['body']:,}") for w in warnings)


def test_fields_are_capped_at_read_time(tmp_path):
    path = tmp_path / "long.json"
    path.write_text(json.dumps({"title": "T" * 5000, "text": BODY, "url": "https://x.example/" + "a" * 5000,
                                "date": DATE}))
    article = read_file(path)[0]
    assert len(article.title) <= MAX_CHARS["title"] and article.url is None
    assert any("URL dropped" in w for w in article.warnings)


def test_a_fifo_is_refused_without_hanging(tmp_path, articles):
    os.mkfifo(articles / "pipe.txt")
    # A subprocess with a timeout: a regression would hang, not fail.
    done = subprocess.run([str(Path(sys.executable).parent / "digest"), "extract", str(articles / "pipe.txt")],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 1 and "named pipe (FIFO)" in done.stderr and "Traceback" not in done.stderr
    result = build()
    assert result.exit_code == 0, result.output
    assert "named pipe" in reasons(tmp_path)["pipe.txt"]


def test_a_link_to_dev_zero_is_refused(tmp_path, articles):
    (articles / "zero.txt").symlink_to("/dev/zero")
    with pytest.raises(ReadError, match="a device, not a regular file"):
        read_file(articles / "zero.txt")
    assert build().exit_code == 0
    assert "a device" in reasons(tmp_path)["zero.txt"]


def test_links_loops_and_unreadable_folders_are_listed(tmp_path, articles, monkeypatch):
    (articles / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (articles / "loop.txt").symlink_to(articles / "loop.txt")
    sub = articles / "sub"
    sub.mkdir()
    (sub / "up").symlink_to(articles)
    locked = articles / "locked"
    locked.mkdir()
    (locked / "secret.txt").write_text("x")
    locked.chmod(0)
    real_scandir = os.scandir

    def scandir(path):  # root reads any folder: make "locked" unreadable for it too
        if Path(path).resolve() == locked.resolve():
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr("digest.readers.scan.os.scandir", scandir)
    try:
        result = build()
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 0, result.output
    found = reasons(tmp_path)
    assert found["gone.txt"].startswith("unreadable: dangling symbolic link")
    assert found["loop.txt"] == "unreadable: symbolic link loop"
    assert found["up"].startswith("unreadable: symbolic link loop")
    assert found["locked"] == "unreadable: cannot read folder: Permission denied"


def test_extract_names_dangling_links_and_loops(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    result = CliRunner().invoke(main, ["extract", "gone.txt", "loop.txt"])
    assert result.exit_code == 1
    assert "gone.txt: dangling symbolic link" in result.output
    assert "loop.txt: symbolic link loop" in result.output


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Far-off date</title><description>{body}</description><pubDate>{date}</pubDate></item>
</channel></rss>"""


@pytest.mark.parametrize("pub_date", ["Mon, 01 Jan 0001 00:00:00 +1400", "Mon, 01 Jan 0001 00:00:00 -1400",
                                      "Fri, 01 Jan 2300 00:00:00 GMT"])
def test_a_far_off_feed_date_is_refused(tmp_path, pub_date):
    path = tmp_path / "wire.rss"
    path.write_text(FEED.format(body=BODY, date=pub_date))
    article = read_file(path)[0]
    assert article.date is None
    assert any("implausible" in w for w in article.warnings), article.warnings


def test_a_plausible_feed_date_is_kept(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(FEED.format(body=BODY, date="Tue, 07 Dec 2021 10:00:00 GMT"))
    assert str(read_file(path)[0].date) == DATE


def test_an_implausible_json_date_is_dropped(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": "T", "text": BODY, "date": "0001-01-01"}))
    article = read_file(path)[0]
    assert article.date is None and "implausible date (0001-01-01) ignored" in article.warnings


def test_a_utf16_feed_is_read(tmp_path):
    path = tmp_path / "wire.rss"
    feed = FEED.format(body=BODY, date="Tue, 07 Dec 2021 10:00:00 GMT").replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>')
    path.write_bytes(feed.encode("utf-16"))
    article = read_file(path)[0]
    assert article.title == "Far-off date" and str(article.date) == DATE


def test_mojibake_is_mended_when_read(tmp_path):
    from digest.readers import read_article

    path = tmp_path / "story.txt"
    path.write_text("Plan to spend Â£1bn on the tower\n\nThe council said it donâ€™t know when the cafÃ© in "
                    "São Paulo Street will reopen after the works, which start in May and last a year.\n",
                    encoding="utf-8")
    article = read_article(path)
    assert "£1bn" in article.title and "Â" not in article.title
    assert "don’t know when the café in São Paulo Street" in article.body
