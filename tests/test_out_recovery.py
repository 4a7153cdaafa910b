"""A killed `build --force` is put right by the next run; builds into one OUT take turns at numbering."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from digest.cli import main
from digest.output import out_lock

DIGEST = str(Path(sys.executable).parent / "digest")
DATE = "2021-12-07"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def hidden(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


def test_the_state_a_killed_force_build_leaves_is_restored(articles, tmp_path):
    out = tmp_path / "out"
    assert run("build", "--date", DATE).exit_code == 0
    before = (out / DATE / "index.html").read_text()
    # What a kill between the two renames leaves: the old issue hidden, the
    # new one in its staging folder, a temporary archive file.
    retired = out / f".{DATE}.old.k2x_9q1z"
    retired.mkdir()
    os.replace(out / DATE, retired / DATE)
    staging = out / f".{DATE}.a8b7c6d5"
    staging.mkdir()
    (staging / "index.html").write_text("<p>half")
    (out / ".feed.xml.zz12ab34").write_text("<feed")
    (out / f".{DATE}.backup").mkdir()  # the user's own: not a build's leftover, kept
    assert f"{DATE}/index.html" in (out / "index.html").read_text()  # the archive lists the missing issue

    result = run("build", "--date", DATE)  # no --force: the restored issue must not be replaced
    assert result.exit_code == 1 and "exists already" in result.output
    assert f"Restored {out.relative_to(tmp_path)}/{DATE}" in result.output
    assert (out / DATE / "index.html").read_text() == before
    assert hidden(out) == [f".{DATE}.backup"]


def test_a_build_killed_between_its_renames_is_recovered(articles, tmp_path):
    out = tmp_path / "out"
    assert run("build", "--date", DATE).exit_code == 0
    number = json.loads((out / DATE / "issue.json").read_text())["number"]
    killer = (
        "import os, signal, sys\n"
        "real = os.replace\n"
        "def replace(src, dst):\n"
        "    real(src, dst)\n"
        "    if '.old.' in str(dst):  # the old issue is hidden: die before the new one is renamed in\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "os.replace = replace\n"
        "from digest.cli import main\n"
        f"sys.argv = ['digest', 'build', '--date', '{DATE}', '--force', '-q']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", killer], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == -9, done.stderr
    assert not (out / DATE).exists()
    assert [name for name in hidden(out) if ".old." in name], "the old issue is hidden in .<date>.old.*"

    result = run("build", "--date", DATE, "--force")
    assert result.exit_code == 0, result.output
    assert "Restored" in result.output
    assert json.loads((out / DATE / "issue.json").read_text())["number"] == number
    assert hidden(out) == []


def _second_day(articles: Path) -> None:
    seed = next(articles.iterdir())
    (articles / "next-day.txt").write_text(seed.read_text().replace("7 Dec 2021", "8 Dec 2021", 1))


def test_concurrent_builds_of_different_dates_get_different_numbers(articles, tmp_path):
    _second_day(articles)
    for trial in range(2):
        out = tmp_path / f"out{trial}"
        builds = [subprocess.Popen([DIGEST, "build", "--date", day, "--out", str(out), "-q"], cwd=tmp_path,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                  for day in ("2021-12-07", "2021-12-08")]
        for process in builds:
            assert process.wait(timeout=300) == 0, process.stderr.read()
            process.stderr.close()
        numbers = sorted(json.loads((out / day / "issue.json").read_text())["number"]
                         for day in ("2021-12-07", "2021-12-08"))
        assert numbers == [1, 2]


def _waiting_for_a_lock(pid: int) -> bool:
    """True when process ``pid`` is blocked on a file lock (Linux /proc/locks marks waiters with "->")."""
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if len(fields) > 5 and fields[1] == "->" and fields[2] == "FLOCK" and fields[5] == str(pid):
            return True
    return False


def test_a_build_waits_for_the_lock_on_out(articles, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with out_lock(out):
        process = subprocess.Popen([DIGEST, "build", "--date", DATE], cwd=tmp_path,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while not _waiting_for_a_lock(process.pid) and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
        assert _waiting_for_a_lock(process.pid), "the build waits for the lock"
        assert process.poll() is None and not (out / DATE).exists()
    assert process.wait(timeout=300) == 0
    assert json.loads((out / DATE / "issue.json").read_text())["number"] == 1
