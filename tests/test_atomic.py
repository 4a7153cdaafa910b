"""The one atomic file writer: whole files or none, permissions, never replacing when told not to."""

from __future__ import annotations

import os
import stat

import pytest

from digest.atomic import write_atomic
from digest.errors import DigestError


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_writes_text_and_bytes_with_the_mode_asked(tmp_path):
    assert write_atomic(tmp_path / "new" / "a.txt", "caf\u00e9\n") == tmp_path / "new" / "a.txt"
    assert (tmp_path / "new" / "a.txt").read_bytes() == "caf\u00e9\n".encode()
    assert _mode(tmp_path / "new" / "a.txt") == 0o600
    write_atomic(tmp_path / "b.bin", b"\x00\x01", 0o644)
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01" and _mode(tmp_path / "b.bin") == 0o644


def test_replaces_by_default_and_never_when_told_not_to(tmp_path):
    path = tmp_path / "record.json"
    write_atomic(path, "one")
    write_atomic(path, "two")
    assert path.read_text() == "two"
    assert write_atomic(path, "three", replace=False, sync=True) is None
    assert path.read_text() == "two"
    assert write_atomic(tmp_path / "fresh.json", "x", replace=False, prefix=".fetch-", suffix=".tmp") == tmp_path / "fresh.json"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.json", "record.json"]  # no temporary left


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "index.html"
    write_atomic(path, "old")

    def refuse(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(DigestError, match="No space left on device"):
        write_atomic(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]
