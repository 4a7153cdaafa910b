"""Four unrelated stories of one day, as Markdown notes, and helpers to build them with an edition."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from digest.config import Settings
from digest.pipeline import build

DATE = dt.date(2022, 3, 14)

STORIES = {
    "harbour.md": ("Harbour City win the cup final after extra time", "https://news.example.org/sport/cup-final", [
        "Harbour City won the cup final on Sunday after a tense match that went to extra time.",
        "The striker scored twice in the second half as the team came back from two goals down.",
        "The coach praised the players for their fitness and their belief in the last minutes.",
        "Fans celebrated in the streets of the city until late at night.",
    ]),
    "chips.md": ("Chip maker opens a new plant to meet demand", None, [
        "A chip maker opened a new plant on Monday to meet the demand for phones and computers.",
        "The company said the plant would make software-defined chips for mobile devices and data centres.",
        "Shares in the firm rose after the announcement, and investors welcomed the growth in sales.",
        "The plant will employ about two thousand people when it runs at full speed.",
    ]),
    "glacier.md": ("Scientists measure the fastest glacier retreat on record", None, [
        "Scientists have measured the fastest retreat of a glacier ever recorded, a new study says.",
        "The researchers used satellite images to follow the ice front over ten years.",
        "They warn that the climate is changing the polar environment faster than expected.",
        "The study was published in a journal of earth sciences on Monday.",
    ]),
    "library.md": ("Town library reopens after a two-year restoration", "https://local.example.net/library", [
        "The town library reopened on Saturday after a restoration that took two years.",
        "Volunteers carried the old books back to the shelves in a long human chain.",
        "The reading room now has new windows, a lift and a corner for children.",
        "The mayor thanked the builders and the families who raised money for the work.",
    ]),
}


def write_story(folder: Path, name: str, title: str, url: str | None, body: list[str],
                date: dt.date = DATE, source: str = "The Example") -> Path:
    lines = ["---", f"title: {json.dumps(title)}", f"date: {date.isoformat()}", f"source: {source}"]
    if url:
        lines.append(f"url: {url}")
    path = folder / name
    path.write_text("\n".join(lines + ["---", "", "\n\n".join(body), ""]), encoding="utf-8")
    return path


def write_stories(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (title, url, body) in STORIES.items():
        write_story(folder, name, title, url, body)
    return folder


def settings(tmp_path: Path, **values: object) -> Settings:
    defaults: dict[str, object] = {"articles": tmp_path / "articles", "out": tmp_path / "out",
                                   "editions": tmp_path / "editions", "sections": "off"}
    return Settings(**{**defaults, **values})  # type: ignore[arg-type]


def write_edition(tmp_path: Path, text: str, date: dt.date = DATE) -> Path:
    folder = tmp_path / "editions"
    folder.mkdir(exist_ok=True)
    path = folder / f"{date.isoformat()}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def build_with(tmp_path: Path, lines: list[str] | None = None, **values: object) -> tuple[dict, str, str]:
    """Build the issue (replacing it) and return its manifest, HTML and text."""
    folder = build(settings(tmp_path, **values), DATE, force=True,
                   progress=(lines.append if lines is not None else lambda _: None))
    return (json.loads((folder / "issue.json").read_text()), (folder / "index.html").read_text(),
            (folder / "index.txt").read_text())


def ids(manifest: dict) -> dict[str, str]:
    """Title -> id of every story."""
    return {s["title"]: s["id"] for s in manifest["stories"]}


def shown_titles(manifest: dict) -> list[str]:
    return [s["title"] for s in manifest["stories"] if s["shown"]]
