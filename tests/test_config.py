from pathlib import Path

import pytest

from digest.config import load_settings
from digest.errors import ConfigError


def test_defaults():
    settings = load_settings(env={})
    assert settings.articles == Path("articles") and settings.days == 1 and settings.bullets == 3


def test_layers_toml_then_env_then_flags(tmp_path):
    (tmp_path / "digest.toml").write_text('newsletter_name = "Morning Brief"\ndays = 2\n[paths]\nout = "issues"\n')
    settings = load_settings(env={"DIGEST_DAYS": "5"}, overrides={"bullets": 2, "out": None})
    assert settings.newsletter_name == "Morning Brief"
    assert settings.days == 5
    assert settings.bullets == 2
    assert settings.out == Path("issues")
    assert load_settings(env={"DIGEST_DAYS": "5"}, overrides={"days": 7}).days == 7


@pytest.mark.parametrize("toml, message", [
    ("days = ", "digest.toml"),
    ("colour = 'red'", "unknown setting 'colour'"),
    ("days = 0", "'days'"),
])
def test_bad_config(tmp_path, toml, message):
    (tmp_path / "digest.toml").write_text(toml)
    with pytest.raises(ConfigError, match=message):
        load_settings(env={})


def test_explicit_config_must_exist(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml", env={})


def test_a_bad_value_names_where_it_came_from(tmp_path):
    (tmp_path / "digest.toml").write_text('days = "x"\n')
    with pytest.raises(ConfigError, match=r"^digest.toml: setting 'days'"):
        load_settings(env={})
    (tmp_path / "digest.toml").unlink()
    with pytest.raises(ConfigError, match=r"^DIGEST_BULLETS: setting 'bullets'"):
        load_settings(env={"DIGEST_BULLETS": "lots"})
    with pytest.raises(ConfigError, match=r"^`max_stories`: setting 'max_stories'"):
        load_settings(env={}, overrides={"max_stories": "many"})
