"""The one exception family the library raises for problems the user can fix.

The CLI turns a :class:`DigestError` into one clear line on stderr and a
non-zero exit; anything else is a bug and keeps its traceback.
"""


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
    """The issue folder exists already and --force was not given."""


class EditionError(DigestError):
    """An edition file (editions/<date>.toml) is broken or names a story the issue does not have."""
