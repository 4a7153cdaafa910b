"""Email settings: colours per scheme and the HTML size budget, from digest.toml and the environment."""

import pytest

from digest.colors import AA_CONTRAST, contrast, scheme
from digest.config import Settings, load_settings
from digest.errors import ConfigError
from digest.render import palettes, render_issue
from email_issues import feature_issue


def test_colours_and_budget_from_a_table_in_digest_toml(tmp_path):
    (tmp_path / "digest.toml").write_text('[email]\ncolor_accent = "#7a1f1f"\ncolor_background_dark = "#000"\n'
                                          "html_budget_kb = 80\n")
    settings = load_settings(env={"DIGEST_COLOR_TEXT": "#222222"})
    assert (settings.color_accent, settings.color_background_dark, settings.html_budget_kb) == ("#7a1f1f", "#000", 80)
    assert settings.color_text == "#222222"


@pytest.mark.parametrize("value", ["red", "#12345", "#gggggg", "#fff;}</style>", ""])
def test_a_bad_colour_is_an_error_naming_the_setting(tmp_path, value):
    (tmp_path / "digest.toml").write_text(f'color_accent = "{value}"\n')
    with pytest.raises(ConfigError, match="setting 'color_accent'"):
        load_settings(env={})


def test_default_palettes_keep_aa_contrast_everywhere():
    for palette in palettes(Settings()):
        assert contrast(palette.text, palette.background) >= AA_CONTRAST
        assert contrast(palette.muted, palette.background) >= AA_CONTRAST
        assert contrast(palette.accent, palette.background) >= AA_CONTRAST
        assert contrast(palette.accent, palette.tint) >= AA_CONTRAST
        assert contrast(palette.page_muted, palette.page) >= AA_CONTRAST


def test_muted_text_is_darkened_until_it_is_readable():
    palette = scheme("#595959", "#ffffff", "#0b57d0")  # grey text: a 70% mix would be too faint
    assert contrast(palette.muted, palette.background) >= AA_CONTRAST
    assert palette.muted != palette.text


def test_weak_colour_settings_make_a_build_warning():
    issue = render_issue(feature_issue(), Settings(color_accent="#9bb7e0")).issue
    assert any(w.startswith("light colours: accent has a contrast of") for w in issue.warnings)
    issue = render_issue(feature_issue(), Settings()).issue
    assert not issue.warnings


def test_contrast_matches_wcag_reference_values():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#fff", "#fff") == pytest.approx(1)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic "just fails AA" grey
    assert contrast("#0000ff", "#ffffff") == pytest.approx(8.59, abs=0.01)
