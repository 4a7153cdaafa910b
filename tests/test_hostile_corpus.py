"""Fuzz-style: a folder of hostile files, generated here, beside one good article.

The build must finish, list every hostile file in issue.json with a reason,
print no traceback, and still make the issue from the good article.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

DIGEST = str(Path(sys.executable).parent / "digest")
DATE = "2021-12-07"
PROSE = "The council voted on the new budget for schools and roads in the city on Tuesday. "


def hostile_corpus(folder: Path, seed: int) -> list[str]:
    """Write the hostile files into ``folder`` and return their names as issue.json will show them."""
    rng = random.Random(seed)
    files: dict[str, bytes] = {
        "binary.txt": bytes(rng.randrange(256) for _ in range(4096)),
        "png-named.html": b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2048)),
        "empty.txt": b"",
        "blank.md": b" \n\t\n\n",
        "nul-bytes.txt": b"Headline\x00\x00\x00" + PROSE.encode() * 5,
        "huge-number.json": b'{"title": "t", "text": "x", "n": ' + b"7" * 5000 + b"}",
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "deep-object.jsonl": b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"\n",
        "not-json.json": b"{'title': 'single quotes'",
        "list-of-numbers.json": b"[1, 2, 3]",
        "malformed.xml": b"<rss><channel><item><title>Unclosed",
        "not-a-feed.rss": b"<html><body>hello</body></html>",
        "entity-bomb.xml": (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "' + b"A" * 100 + b'">'
                            + b"".join(b'<!ENTITY a%d "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' % i for i in range(8))
                            + b']><rss version="2.0"><channel><item><title>&a7;</title></item></channel></rss>'),
        "feed-no-entries.atom": b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>',
        "far-date.rss": ('<rss version="2.0"><channel><title>W</title><item><title>Old</title><description>'
                         + PROSE * 10 + "</description><pubDate>Mon, 01 Jan 0001 00:00:00 +1400</pubDate>"
                         "</item></channel></rss>").encode(),
        "front-matter.md": b"---\ntitle: [unclosed\ndate: {{{\n---\n" + PROSE.encode(),
        "front-matter-only.md": b"---\ntitle: Nothing else\n---\n",
        "scripts.html": b"<html><head><script>" + b"var x = 1;" * 2000 + b"</script></head><body><script>alert(1)"
                        b"</script><style>p{}</style></body></html>",
        "utf16-binary.txt": "\x00\x01\x02".encode("utf-16") * 100,
        "control-chars.txt": bytes(rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 27]) for _ in range(3000)),
        "noext": PROSE.encode(),
        "image.png": b"\x89PNG\r\n\x1a\n",
        "latin1-undated.txt": ("Café " + PROSE * 3).encode("cp1252"),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    os.mkfifo(folder / "fifo.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "dangling.html").symlink_to(folder / "missing.html")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "cycle").mkdir()
    (folder / "cycle" / "back").symlink_to(folder)
    (folder / os.fsdecode(b"bad-\xff\xfe-name.txt")).write_text("Headline\n7 Dec 2021\n" + PROSE * 10)
    (folder / "too-big.txt").write_bytes(b"a" * (5 * 1024 * 1024 + 10))
    names = [*files, "fifo.txt", "zero.txt", "dangling.html", "loop.txt", "cycle/back", "bad-\\xff\\xfe-name.txt",
             "too-big.txt"]
    return names


def test_a_hostile_corpus_never_kills_the_build(articles, tmp_path):
    names = hostile_corpus(articles, seed=13)
    done = subprocess.run([DIGEST, "build", "--date", DATE], cwd=tmp_path, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    manifest = json.loads((tmp_path / "out" / DATE / "issue.json").read_text(encoding="utf-8"))
    by_path = {entry["path"].removeprefix("articles/"): entry for entry in manifest["articles"]}
    for name in names:
        assert name in by_path, f"{name} is not listed in issue.json"
        entry = by_path[name]
        assert not entry["included"] and entry["reason"], name
    [story] = manifest["stories"]
    assert story["title"].startswith("Biden urges Putin")
    # Hostile names and contents are reported, not obeyed.
    html = (tmp_path / "out" / DATE / "index.html").read_text()
    assert "alert(1)" not in html


def test_extract_reports_each_hostile_file_on_one_line(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    names = [n for n in hostile_corpus(folder, seed=7) if n != "cycle/back"]
    paths = [os.fsencode(folder) + b"/" + (b"bad-\xff\xfe-name.txt" if "\\xff" in n else n.encode()) for n in names]
    done = subprocess.run([DIGEST, "extract", *paths], cwd=tmp_path, capture_output=True, timeout=600)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1 and "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("Error: ")]
    readable = {"far-date.rss", "latin1-undated.txt", "bad-\\xff\\xfe-name.txt"}  # articles, if odd ones
    assert len(errors) == len(names) - len(readable), errors
    for name in set(names) - readable:
        assert any(f"/{name}: " in line for line in errors), name
