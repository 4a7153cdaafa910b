"""Golden files: the sample issue and a hand-built issue with every feature, byte for byte.

Refresh them after an intended change to the templates, the summarizer or the
reader, and review the diff:

    python -m pytest tests/test_golden.py --update-golden

Nothing in them depends on the clock: the issue date is pinned (2021-12-07).
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from conftest import SEED
from digest.config import Settings
from digest.pipeline import build
from digest.render import render_issue
from email_issues import DATE, FULL, feature_issue

GOLDEN = Path(__file__).resolve().parent / "golden"
REFRESH = "python -m pytest tests/test_golden.py --update-golden"


def _compare(name: str, files: dict[str, str], update: bool) -> None:
    folder = GOLDEN / name
    if update:
        folder.mkdir(parents=True, exist_ok=True)
        for file, content in files.items():
            (folder / file).write_text(content, encoding="utf-8")
        return
    for file, content in files.items():
        path = folder / file
        assert path.exists(), f"{path} is missing; create it with: {REFRESH}"
        expected = path.read_text(encoding="utf-8")
        if content != expected:
            diff = "".join(list(difflib.unified_diff(expected.splitlines(True), content.splitlines(True),
                                                     str(path), "now"))[:60])
            pytest.fail(f"{name}/{file} differs from the golden file (if intended: {REFRESH}):\n{diff}")


def test_sample_issue_matches_golden(tmp_path, request):
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(SEED, articles / SEED.name)
    settings = Settings(articles=articles, out=tmp_path / "out", state_dir=tmp_path / ".digest", **FULL)
    build(settings, DATE)
    # The email version (placeholders in; out/ has the web version of it).
    email = tmp_path / ".digest" / "emails" / DATE.isoformat()
    files = {name: (email / f"email{Path(name).suffix}").read_text(encoding="utf-8") for name in ("index.html", "index.txt")}
    _compare("sample", files, request.config.getoption("--update-golden"))


def test_feature_issue_matches_golden(request):
    rendered = render_issue(feature_issue(), Settings(**FULL))
    html, text = rendered.html, rendered.text
    _compare("features", {"index.html": html, "index.txt": text}, request.config.getoption("--update-golden"))
