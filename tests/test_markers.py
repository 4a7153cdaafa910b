"""The test suite runs anywhere: without the evaluation data its tests are skipped with the reason, except in CI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

#: A small test file with one test that uses the data and some that do not.
SAMPLE = REPO / "tests" / "test_text.py"


def _pytest(env_changes: dict[str, str], missing: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(env_changes, SHARED_DATA=str(missing), COLUMNS="500")  # summary lines are cut to the width
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(SAMPLE)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_missing_data_skips_the_data_tests_with_the_reason(tmp_path):
    done = _pytest({}, tmp_path / "nowhere")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "FileNotFoundError" not in done.stdout + done.stderr
    reason = f"evaluation data not found at {tmp_path / 'nowhere'} (see CONTRIBUTING.md, set-up)"
    assert re.search(r"SKIPPED \[1\] tests/test_text.py(:\d+)?: " + re.escape(reason), done.stdout), done.stdout
    assert " passed, 1 skipped" in done.stdout


def test_missing_data_fails_the_run_in_ci(tmp_path):
    done = _pytest({"CI": "true"}, tmp_path / "nowhere")
    assert done.returncode != 0
    assert "CI=true and a 'data' test was selected, but evaluation data not found" in done.stdout + done.stderr
