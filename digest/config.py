"""Settings: shipped defaults < digest.toml < DIGEST_* environment < command-line flags.

The result is one frozen :class:`Settings`. Secrets (the SMTP password) are read
from the environment only and never stored here in a form that gets printed.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import os
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Callable, Mapping

from .errors import ConfigError, option

CONFIG_FILE = "digest.toml"
ENV_PREFIX = "DIGEST_"
#: Values of the ``images`` setting: what the email shows of the stories' lead images.
IMAGE_MODES = ("lead", "thumbnails", "none")


@dataclass(frozen=True)
class Settings:
    """Every setting digest knows, with its default."""

    newsletter_name: str = "The Digest"
    sender: str = "digest@localhost"
    address: str = ""
    web_url: str = ""
    language: str = "en"
    articles: Path = Path("articles")
    out: Path = Path("out")
    templates: Path | None = None
    #: Edition files (editions/<date>.toml): the editor's pins, drops, rewrites and intro.
    editions: Path = Path("editions")
    days: int = 1
    bullets: int = 3
    #: Words per story summary (lede and bullets together); None: no limit.
    max_words: int | None = None
    # Assembling: story budget, word budget, sections, worker processes.
    max_stories: int | None = None
    word_budget: int | None = None
    sections: str = "auto"
    workers: int | None = None
    # Email: the colours per scheme, and the HTML size budget.
    color_text: str = "#1b1b1f"
    color_background: str = "#ffffff"
    color_accent: str = "#0b57d0"
    color_text_dark: str = "#e6e6ea"
    color_background_dark: str = "#18191c"
    color_accent_dark: str = "#8ab4f8"
    #: Largest HTML part in KB (1024 bytes); Gmail clips above about 102 KB.
    html_budget_kb: int = 100
    #: Lead images (docs/images.md): "lead" (the top story's), "thumbnails" (and the others' beside them) or "none".
    images: str = "lead"

    # Sending (digest send / export; see digest/send/). No password here: it
    # comes from DIGEST_SMTP_PASSWORD or DIGEST_SMTP_URL in the environment.
    smtp_url: str = dataclasses.field(default="", repr=False)
    subject: str = "{newsletter}, {date}: {headline}"
    list_id: str = ""
    unsubscribe_url: str = ""
    unsubscribe_mailto: str = ""
    send_rate: str = ""
    send_retries: int = 5
    send_backoff: str = "1"
    # Everything not for publishing (ledgers, suppression list, exports): see digest/state.py.
    state_dir: Path = Path(".digest")

    # Fetching (digest fetch; see digest/fetch/). Its state lives in state_dir too.
    feeds: tuple[str, ...] = ()
    opml: Path | None = None
    #: Named in the User-Agent so site owners can reach whoever runs the fetch.
    contact_url: str = ""
    fetch_connections_per_host: int = 2
    #: Requests a second per host; 0: no pause between requests.
    fetch_rate: float = 1.0
    fetch_concurrency: int = 16
    fetch_timeout: float = 10.0
    fetch_total_timeout: float = 30.0
    fetch_max_kb: int = 2048
    fetch_retries: int = 2
    fetch_backoff: float = 1.0
    allow_private_hosts: bool = False

    # Assembling (docs/assembling.md): outlet names by domain, and sections with their own hints; tables in
    # digest.toml only ([sources] "example.com" = "Name"; [section_hints] "Local" = ["local", "council"]).
    sources: tuple[tuple[str, str], ...] = ()
    section_hints: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name.startswith("color_") and not re.fullmatch(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})", value):
                raise ConfigError(f"setting {f.name!r}: {value!r} is not a colour like #1a73e8")
        if self.images not in IMAGE_MODES:
            raise ConfigError(f"setting 'images': {self.images!r} is not one of {', '.join(IMAGE_MODES)}")


#: Inclusive bounds of the whole-number settings (None: no upper bound); the
#: others run from 1 up. 0 is valid where it means "none": no bullets (the lede
#: alone), no retries. The upper bounds keep a typo from asking for a
#: thousand-year window or a million worker processes.
INT_RANGES: dict[str, tuple[int, int | None]] = {
    "bullets": (0, 10), "send_retries": (0, 100), "days": (1, 3660), "workers": (1, 64),
    "fetch_retries": (0, 20),
}
#: Settings whose text may span lines (a postal address); every other text
#: setting is one line, as most end up in mail headers.
MULTILINE = frozenset({"address"})
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def _coerce(name: str, value: Any) -> Any:
    """Turn a TOML or environment value into the type the field needs; a bad one is a :class:`ConfigError`."""
    field_type = {f.name: f.type for f in fields(Settings)}[name]
    def bad(why: str) -> ConfigError:
        return ConfigError(f"setting {name!r}: {_shown(value)} {why}")

    if name in TABLE_SETTINGS:
        return _table(name, value)
    if field_type == "bool":
        try:
            return _as_bool(value)
        except ValueError:
            raise bad("is not true or false") from None
    if field_type == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise bad("is not a number")
        try:
            number = float(value)
        except ValueError:
            raise bad("is not a number") from None
        if not 0 <= number < float("inf"):
            raise bad("must be a number from 0 up")
        return number
    if field_type == "tuple[str, ...]":
        items = value.replace(",", " ").split() if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise bad("is not a list of text values")
        return tuple(items)
    if field_type in ("int", "int | None"):
        if isinstance(value, bool) or isinstance(value, float) or not isinstance(value, (int, str)):
            raise bad("is not a whole number")
        try:
            number = int(value)
        except ValueError:
            raise bad("is not a whole number") from None
        low, high = INT_RANGES.get(name, (1, None))
        if number < low or (high is not None and number > high):
            raise bad(f"is out of range: use {low} to {high}" if high is not None else f"is less than {low}")
        return number
    if isinstance(value, bool) or not isinstance(value, (str, int, float, os.PathLike)):
        raise bad(f"is not a valid {'path' if 'Path' in field_type else 'text'} value")
    text = os.fspath(value) if isinstance(value, os.PathLike) else str(value)
    if field_type in ("Path", "Path | None"):
        if "\x00" in text:
            raise bad("holds a NUL character")
        if not text.strip():
            if field_type == "Path":
                raise bad("is empty; give a folder")
            return None
        return Path(text).expanduser()
    if name.startswith("color_") and not _COLOUR.fullmatch(text):
        raise bad("is not a colour like #1a73e8")
    if name not in MULTILINE and any(ch < " " or ch == "\x7f" for ch in text):
        raise bad("holds a line break or control character; it must be one line")
    return text


def _shown(value: Any) -> str:
    """A value for an error message, shortened: a 5,000-digit number is not worth printing."""
    text = str(value).lower() if isinstance(value, bool) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on", "0", "false", "no", "off"):
        return value.strip().lower() in ("1", "true", "yes", "on")
    raise ValueError


#: Settings given as a TOML table of names (not flattened like [newsletter] or [paths]).
TABLE_SETTINGS = ("sources", "section_hints")


def _table(name: str, value: Any) -> tuple:
    """``[sources]`` (domain -> outlet name) or ``[section_hints]`` (section -> list of hints) as pairs."""
    if not isinstance(value, dict):
        raise ConfigError(f"setting {name!r}: must be a table in {CONFIG_FILE} ([{name}] with one line per name)")
    pairs = []
    for key, item in value.items():
        if name == "sources" and isinstance(item, str) and item.strip() and key.strip():
            pairs.append((key.strip().lower(), item.strip()))
        elif (name == "section_hints" and key.strip() and isinstance(item, list) and item
              and all(isinstance(hint, str) and hint.strip() for hint in item)):
            pairs.append((key.strip(), tuple(hint.strip() for hint in item)))
        else:
            wanted = "a name" if name == "sources" else "a list of words"
            raise ConfigError(f"setting {name!r}: {key!r} must be given {wanted}, not {item!r}")
    return tuple(pairs)


def _from_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not a TOML file (it is not UTF-8 text)") from None
    except ValueError:  # a number past Python's digit limit
        raise ConfigError(f"{path}: holds a number too long to read") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    known = {f.name for f in fields(Settings)}
    # Nested tables ([newsletter], [paths], ...) are a convenience: their keys
    # are the same flat setting names.
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if key in TABLE_SETTINGS:
            flat[key] = value
        elif isinstance(value, dict):
            flat.update(value)
        else:
            flat[key] = value
    _refuse_secrets(path, flat)
    unknown = sorted(set(flat) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown setting {unknown[0]!r}")
    return flat


def _refuse_secrets(path: Path, flat: Mapping[str, Any]) -> None:
    """A password in a settings file is an error: it belongs in the environment."""
    from urllib.parse import urlsplit

    url = flat.get("smtp_url")
    try:
        has_password = isinstance(url, str) and urlsplit(url).password is not None
    except ValueError:
        has_password = False
    if "smtp_password" in flat or has_password:
        raise ConfigError(f"{path}: the SMTP password must not be in a settings file; "
                          "set DIGEST_SMTP_PASSWORD (or DIGEST_SMTP_URL) in the environment")


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    values = {}
    for f in fields(Settings):
        key = ENV_PREFIX + f.name.upper()
        if key in env:
            values[f.name] = env[key]
    return values


def load_settings(
    config_path: Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Merge the settings layers into one :class:`Settings`.

    ``config_path`` is an explicit file (it must exist); otherwise
    ``$DIGEST_CONFIG`` or ``./digest.toml`` is used when present.
    ``overrides`` are command-line flags; ``None`` values mean "not given".
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {}

    def layer(found: Mapping[str, Any], origin: Callable[[str], str]) -> None:
        """Coerce one layer's values, naming where a bad one came from."""
        for key, value in found.items():
            try:
                values[key] = _coerce(key, value)
            except ConfigError as exc:
                raise ConfigError(f"{origin(key)}: {exc}") from None

    if config_path is None and env.get("DIGEST_CONFIG"):
        config_path = Path(env["DIGEST_CONFIG"])
        if not config_path.is_file():
            raise ConfigError(f"DIGEST_CONFIG names {config_path}, which does not exist")
    if config_path is None and Path(CONFIG_FILE).is_file():
        config_path = Path(CONFIG_FILE)
    elif config_path is not None and not config_path.is_file():
        raise ConfigError(f"config file {config_path} does not exist")
    if config_path is not None:
        layer(_from_toml(config_path), lambda _: str(config_path))
    layer(_from_env(env), lambda key: ENV_PREFIX + key.upper())
    layer({k: v for k, v in (overrides or {}).items() if v is not None}, option)
    return dataclasses.replace(Settings(), **values)


def parse_day(value: str) -> dt.date:
    """A YYYY-MM-DD date; a :class:`ConfigError` says whether the form is wrong or the day does not exist."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not match:
        raise ConfigError(f"{value!r} is not a date in the form YYYY-MM-DD")
    year, month, day = (int(part) for part in match.groups())
    if year < 1:
        raise ConfigError(f"{value!r}: there is no year 0")
    if not 1 <= month <= 12:
        raise ConfigError(f"{value!r}: there is no month {month}")
    length = calendar.monthrange(year, month)[1]
    if not 1 <= day <= length:
        raise ConfigError(f"{value!r}: that day does not exist ({calendar.month_name[month]} {year} has {length} days)")
    return dt.date(year, month, day)
