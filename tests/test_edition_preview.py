"""The preview and edition files: ids with copy buttons, edited stories marked, --watch rebuilds on an edited file."""

from __future__ import annotations

import time
from pathlib import Path

from digest.preview import Watcher
from digest.preview.watch import settings_file
from edition_data import DATE, STORIES, build_with, ids, settings, write_edition, write_stories
from preview_helpers import get, running, version

GLACIER = STORIES["glacier.md"][0]


def wait_for(condition, timeout: float = 90.0):
    """Poll until ``condition()`` is true; generous, as the machine may be busy (each poll is bounded)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def save(path: Path, text: str) -> None:
    """Write ``text``, making sure the modification time moves even on coarse clocks."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text)
    if path.stat().st_mtime_ns == before:
        time.sleep(0.02)
        path.write_text(text)


def test_the_page_shows_ids_with_copy_buttons_and_marks_edited_stories(tmp_path):
    write_stories(tmp_path / "articles")
    story = ids(build_with(tmp_path)[0])
    write_edition(tmp_path, f'drop = ["{story[STORIES["chips.md"][0]]}"]\n[stories.{story[GLACIER]}]\nlede = "Ice, fast."\n')
    build_with(tmp_path)
    with running(tmp_path / "out") as server:
        status, _, body = get(server, f"/issue/{DATE.isoformat()}")
    page = body.decode()
    assert status == 200
    for story_id in story.values():
        assert f'data-copy="{story_id}"' in page and f"<code>{story_id}</code>" in page
    assert f'<li class="edited" data-story-id="{story[GLACIER]}">' in page
    assert 'data-edited="lede"' in page and "2 edited" in page
    assert "Edition: 0 pinned, 1 dropped, 1 rewritten, 0 added" in page
    assert "Not in the email: 1 story" in page and "dropped in" in page


def test_watch_rebuilds_when_the_edition_file_changes(tmp_path):
    write_stories(tmp_path / "articles")
    manifest, _, _ = build_with(tmp_path)
    glacier = ids(manifest)[GLACIER]
    out = tmp_path / "out"
    watcher = Watcher(DATE, out, lambda: settings(tmp_path), config_file=settings_file(None), interval=0.1)
    page = lambda: get(server, f"/out/{DATE.isoformat()}/index.txt")[2].decode()  # noqa: E731
    with running(out, watcher) as server:
        first = version(server, DATE)
        # A new edition file: a rebuild with the rewritten title.
        path = tmp_path / "editions" / f"{DATE.isoformat()}.toml"
        path.parent.mkdir()
        save(path, f'[stories.{glacier}]\ntitle = "Ice in a hurry"\n')
        wait_for(lambda: "Ice in a hurry" in page())
        second = wait_for(lambda: (v := version(server, DATE))["version"] != first["version"] and not v["building"] and v)
        assert second["error"] is None
        # A broken edit: its error shows, the last good build stays.
        save(path, 'order = ["nosuchid"]\n')
        broken = wait_for(lambda: (v := version(server, DATE))["error"] and v)
        assert "'nosuchid'" in broken["error"] and glacier in broken["error"]
        assert "Ice in a hurry" in page()
        # Fixed again.
        save(path, f'[stories.{glacier}]\ntitle = "Ice, faster than ever"\n')
        wait_for(lambda: "Ice, faster than ever" in page())
        wait_for(lambda: version(server, DATE)["error"] is None)
