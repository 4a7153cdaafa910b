"""The one exception family the library raises for problems the user can fix.

The CLI turns a :class:`DigestError` into one clear line on stderr and a
non-zero exit; anything else is a bug and keeps its traceback.

A message names one of the user's options by its setting name in backticks
(:func:`option`); the CLI shows it as its flag (``max-stories`` with two dashes), so flag
names live in cli.py only.
"""


def option(name: str) -> str:
    """How a message names the user's option ``name`` (a setting or SendOptions name): ```max_stories```."""
    return f"`{name}`"


class DigestError(Exception):
    """A problem with the user's input, settings or environment."""


class ConfigError(DigestError):
    """digest.toml, an environment variable or a flag holds a bad value."""


class ReadError(DigestError):
    """An article file cannot be read (missing, binary, empty, wrong encoding)."""


class NoArticlesError(DigestError):
    """No article falls in the issue's date window."""


class TemplateError(DigestError):
    """A template is missing or broken; the message names the file and line."""


class IssueExistsError(DigestError):
    """The issue folder exists already and ``force`` was not given."""


class EditionError(DigestError):
    """An edition file (editions/<date>.toml) is broken or names a story the issue does not have."""
