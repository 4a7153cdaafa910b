"""The house rules the code keeps: flag names only in cli.py, one home per shared idea, stable stored values."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from digest.arrange import SectionMode, apply_budgets
from digest.cli import _flags
from digest.errors import option
from digest.model import Article, Omission, Story, Summary
from digest.send.ledger import SendState

PACKAGE = Path(__file__).resolve().parent.parent / "digest"
FLAGS = ("--max-stories", "--days", "--since", "--to", "--resend-unknown", "--retry-failed", "--force", "--feed",
         "--opml", "--port", "--insecure")


def test_the_library_names_no_flag_of_the_cli():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "cli.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if path.name == "edition.py" and line.lstrip().startswith('f"# Every `digest build'):
                continue  # the edition starting file tells the editor the command to run
            found += [f"{path.relative_to(PACKAGE)}:{number}: {flag}" for flag in FLAGS
                      if re.search(re.escape(flag) + r"(?![\w-])", line)]
    assert found == []


def test_the_cli_shows_an_option_named_by_the_library_as_its_flag():
    message = f"{option('since')} last: no issue; {option('resend_unknown')} and {option('to')}"
    assert _flags(message) == "--since last: no issue; --resend-unknown and --to"
    assert _flags("a `quoted phrase` stays") == "a `quoted phrase` stays"
    assert _flags("an article's `code` stays") == "an article's `code` stays"


def test_every_option_the_library_names_is_a_flag_of_the_cli():
    from digest.cli import _flag_names

    named = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        named |= set(re.findall(r"option\(['\"]([a-z_]+)['\"]\)", path.read_text(encoding="utf-8")))
    assert {"since", "days", "to", "resend_unknown", "retry_failed", "force"} <= named
    assert named - set(_flag_names()) == set()


def test_a_window_after_its_date_names_the_date_flag_on_the_command_line(tmp_path):
    from digest.cli import main

    (tmp_path / "articles").mkdir()
    result = CliRunner().invoke(main, ["build", "--articles", str(tmp_path / "articles"), "--out",
                                       str(tmp_path / "out"), "--date", "2021-12-07", "--since", "2021-12-09"])
    assert result.exit_code == 1
    assert "the window would start on 2021-12-09, after --date 2021-12-07" in result.output
    assert "`" not in result.output


def test_stored_values_of_the_enums_are_the_old_strings():
    # Ledgers and settings files written before the enums must still read.
    assert [s.value for s in SendState] == ["pending", "sending", "sent", "failed", "deferred", "unknown"]
    assert [m.value for m in SectionMode] == ["auto", "on", "off"]


def test_budget_omissions_carry_their_kind():
    story = Story(Article("a.txt", "Title", "word " * 50), Summary("Lede."))
    kept = apply_budgets([story, story, story], max_stories=2, word_budget=None)
    assert [s.omission for s in kept] == [None, None, Omission.STORY_BUDGET]
    assert kept[2].omitted == "beyond the story budget of 2 (max_stories)"
    assert kept[2].put_back().omitted is None and kept[2].put_back().omission is None


#: Libraries a stage loads when it needs them; the command line itself loads none.
HEAVY = ("sumy", "nltk", "trafilatura", "mjml", "lxml", "numpy", "sklearn", "feedparser", "jinja2", "markdown_it")


def test_digest_help_loads_no_stage_library():
    import subprocess
    import sys

    code = ("import sys\nfrom digest.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "[]"
    module = subprocess.run([sys.executable, "-m", "digest", "--help"], capture_output=True, text=True, timeout=60)
    assert module.returncode == 0 and module.stdout.startswith("Usage: digest ")
