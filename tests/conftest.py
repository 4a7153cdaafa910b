"""Shared fixtures: every test runs in its own folder with no DIGEST_* settings leaking in.

Tests that need something beyond Python carry a marker (see CONTRIBUTING.md):
``browser`` (headless Chromium and chromedriver), ``node`` (the npm tools in
.cache/node-tools) and ``data`` (the evaluation data in ../shared/data). When
the thing is missing they are skipped with the reason, except in CI
(``CI=true``), where a missing one fails the run instead.
"""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from browser import chromium_missing
from node_tools import node_tools_missing

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "articles" / "000_f6368936aa7368ae.txt"
#: The read-only evaluation data beside the clone (never copied into the repo);
#: the SHARED_DATA variable points elsewhere.
SHARED_DATA = Path(os.environ.get("SHARED_DATA") or REPO.parent / "shared" / "data")
#: CI services set CI=true; there every marked test must run.
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")


def data_missing() -> str | None:
    """Why the evaluation data cannot be used, or None when it is there."""
    if not (SHARED_DATA / "summaries").is_dir():
        return f"evaluation data not found at {SHARED_DATA} (see CONTRIBUTING.md, set-up)"
    return None


#: marker -> the check saying why its tests cannot run here (None: they can).
NEEDS = {"data": data_missing, "browser": chromium_missing, "node": node_tools_missing}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing: dict[str, str | None] = {}
    for item in items:
        if "shared_data" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.data)
        for marker, check in NEEDS.items():
            if item.get_closest_marker(marker) is None:
                continue
            if marker not in missing:
                missing[marker] = check()
            reason = missing[marker]
            if reason is None:
                continue
            if IN_CI:
                raise pytest.UsageError(f"CI=true and a {marker!r} test was selected, but {reason}")
            item.add_marker(pytest.mark.skip(reason=reason))


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
    """The evaluation data (tests using it are marked ``data`` automatically)."""
    return SHARED_DATA


def pytest_configure(config: pytest.Config) -> None:
    # A run started in the background by a script (`cmd &`, nohup) inherits SIGINT ignored, and so do
    # the `digest preview` and `unsubscribe-server` processes the tests start and stop with Ctrl-C:
    # they would never stop. A handler here is reset to the default in every child at exec.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_addoption(parser: pytest.Parser) -> None:
    # python -m pytest tests/test_golden.py --update-golden  rewrites tests/golden/ (see CONTRIBUTING.md).
    parser.addoption("--update-golden", action="store_true", help="Rewrite the golden files in tests/golden/.")
