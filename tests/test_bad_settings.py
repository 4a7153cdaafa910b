"""Bad settings get one line naming where the value came from (digest.toml, DIGEST_*, a flag), never a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from digest.cli import main
from digest.config import load_settings
from digest.errors import ConfigError


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.mark.parametrize("toml, message", [
    ("days = 99999999999", "digest.toml: setting 'days': 99999999999 is out of range: use 1 to 3660"),
    ("days = 1.9", "digest.toml: setting 'days': 1.9 is not a whole number"),
    ("days = true", "digest.toml: setting 'days': true is not a whole number"),
    ("newsletter_name = true", "digest.toml: setting 'newsletter_name': true is not a valid text value"),
    ('out = ""', "digest.toml: setting 'out': '' is empty; give a folder"),
    ('articles = ""', "digest.toml: setting 'articles': '' is empty; give a folder"),
    ('color_accent = "red"', "digest.toml: setting 'color_accent': 'red' is not a colour"),
    ("bullets = 11", "digest.toml: setting 'bullets': 11 is out of range: use 0 to 10"),
    ("days = 1" + "0" * 5000, "digest.toml: holds a number too long to read"),
])
def test_bad_toml_values(articles, toml, message):
    open("digest.toml", "w").write(toml + "\n")
    result = run("build", "--date", "2021-12-07")
    assert result.exit_code == 1
    assert f"Error: {message}" in result.output
    assert "Traceback" not in result.output


def test_binary_toml(articles):
    open("digest.toml", "wb").write(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    result = run("build", "--date", "2021-12-07")
    assert result.exit_code == 1 and "digest.toml: not a TOML file (it is not UTF-8 text)" in result.output


@pytest.mark.parametrize("args, message", [
    (["--days", "999999999"], "--days: setting 'days': 999999999 is out of range"),
    (["--date", "0001-01-01", "--days", "5"], "would start before the year 1"),
])
def test_bad_flags(articles, args, message):
    argv = ["build", "--date", "2021-12-07", *args] if "--date" not in args else ["build", *args]
    result = run(*argv)
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("key", ["DIGEST_UNSUBSCRIBE_URL", "DIGEST_UNSUBSCRIBE_MAILTO"])
@pytest.mark.parametrize("value", ["https://news.example/u\r\nBcc: all@example.com", "mailto:a@b\nX: y"])
def test_line_breaks_in_header_settings_are_refused(articles, key, value):
    result = run("build", "--date", "2021-12-07", env={key: value})
    assert result.exit_code == 1
    assert f"{key}: setting '{key[7:].lower()}'" in result.output and "line break" in result.output


def test_a_postal_address_may_span_lines():
    assert load_settings(env={"DIGEST_ADDRESS": "1 Main St\nSpringfield"}).address == "1 Main St\nSpringfield"


def test_zero_bullets_and_zero_retries_are_valid_everywhere(articles, tmp_path):
    assert load_settings(env={"DIGEST_SEND_RETRIES": "0", "DIGEST_BULLETS": "0"}).send_retries == 0
    open("digest.toml", "w").write("bullets = 0\nsend_retries = 0\n")
    assert load_settings(env={}).bullets == 0
    result = run("build", "--date", "2021-12-07", "--bullets", "0", env={"DIGEST_SEND_RETRIES": "0"})
    assert result.exit_code == 0, result.output
    import json

    [story] = json.loads((tmp_path / "out" / "2021-12-07" / "issue.json").read_text())["stories"]
    assert story["bullets"] == [] and story["lede"]


def test_days_and_other_counts_still_start_at_one():
    with pytest.raises(ConfigError, match="'days': '0' is out of range"):
        load_settings(env={"DIGEST_DAYS": "0"})
    with pytest.raises(ConfigError, match="'max_stories': '0' is less than 1"):
        load_settings(env={"DIGEST_MAX_STORIES": "0"})


def test_a_colour_error_names_its_source():
    with pytest.raises(ConfigError, match=r"^DIGEST_COLOR_TEXT: setting 'color_text'"):
        load_settings(env={"DIGEST_COLOR_TEXT": "black"})


def test_config_after_the_subcommand(articles, tmp_path):
    (tmp_path / "my.toml").write_text('newsletter_name = "Morning Brief"\n')
    for argv in (["--config", "my.toml", "build"], ["build", "--config", "my.toml"]):
        result = run(*argv, "--date", "2021-12-07", "--force")
        assert result.exit_code == 0, result.output
        assert "Morning Brief" in (tmp_path / "out" / "2021-12-07" / "index.html").read_text()
        (tmp_path / "out" / "2021-12-07" / "index.html").unlink()
    (tmp_path / "bad.toml").write_text("days = 0\n")
    result = run("build", "--date", "2021-12-07", "--config", "bad.toml")
    assert result.exit_code == 1 and "bad.toml: setting 'days'" in result.output
