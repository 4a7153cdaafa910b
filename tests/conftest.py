"""Shared fixtures: every test runs in its own folder with no DIGEST_* settings leaking in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "articles" / "000_f6368936aa7368ae.txt"
#: The read-only evaluation data beside the clone (never copied into the repo).
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import os

    for key in list(os.environ):
        if key.startswith("DIGEST_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """An articles folder holding the sample (seed) article."""
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder


@pytest.fixture
def shared_data() -> Path:
    assert SHARED_DATA.is_dir(), f"evaluation data expected at {SHARED_DATA}"
    return SHARED_DATA


def pytest_addoption(parser: pytest.Parser) -> None:
    # python -m pytest tests/test_golden.py --update-golden  rewrites tests/golden/ (see README).
    parser.addoption("--update-golden", action="store_true", help="Rewrite the golden files in tests/golden/.")
