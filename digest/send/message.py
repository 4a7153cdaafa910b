"""A built issue as email: loading it, placeholders, headers, MIME.

The email version of an issue (kept by the build in the state folder; out/
holds the web version) has placeholders that are filled per recipient, in
one pass, from a fixed set (the values are never read as templates):
``{{ unsubscribe_url }}``, ``{{ email }}``, ``{{ name }}`` and
``{{ fields.COLUMN }}`` for any other column of the recipients CSV. In the
HTML part the values are HTML-escaped. See :mod:`digest.placeholders`.

The subject is a template with ``{newsletter}``, ``{date}``, ``{iso_date}``,
``{number}``, ``{headline}`` and ``{name}``; nothing else is allowed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import quote, urlsplit

from .. import placeholders
from ..config import Settings
from ..errors import ConfigError, DigestError, option
from ..state import export_path, load_email, write_private
from ..unsubscribe import SECRET_ENV, make_token
from .recipients import Recipient

PLACEHOLDER = placeholders.PLACEHOLDER
SUBJECT_FIELD = re.compile(r"\{([^{}]*)\}")
SUBJECT_NAMES = ("newsletter", "date", "iso_date", "number", "headline", "name")
URL_FIELDS = ("email", "token", "list", "date")


@dataclass(frozen=True)
class BuiltIssue:
    """The parts of OUT/<date>/ that make the email."""

    folder: Path
    date: dt.date
    number: int
    headline: str
    html: str
    text: str
    #: Built by an older digest: the parts come from out/ and article text was not defused.
    legacy: bool = False
    #: The edition file's Subject line, when it sets one (used as it is, never filled as a template).
    subject: str = ""

    @property
    def fingerprint(self) -> str:
        """A hash of the content, to notice an issue rebuilt in the middle of a send."""
        return hashlib.sha256((self.html + "\0" + self.text).encode("utf-8")).hexdigest()[:16]


def load_issue(out: Path, date: dt.date, state_dir: Path | None = None) -> BuiltIssue:
    """Read the issue built for ``date``: its manifest in ``out``, its email version in ``state_dir``.

    An issue built by an older digest has no email version: its parts are read
    from ``out`` (``legacy``). One clear error when the issue is not there.
    """
    folder = out / date.isoformat()
    email = load_email(state_dir, date) if state_dir is not None else None
    names = ("issue.json",) if email else ("index.html", "index.txt", "issue.json")
    missing = [name for name in names if not (folder / name).is_file()]
    if missing:
        raise DigestError(f"no issue built for {date.isoformat()} in {out} "
                          f"(missing {', '.join(missing)}); run: digest build {option('date')} {date.isoformat()}")
    try:
        manifest = json.loads((folder / "issue.json").read_text(encoding="utf-8"))
        html_part, text_part = email or ((folder / "index.html").read_text(encoding="utf-8"),
                                         (folder / "index.txt").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DigestError(f"cannot read the issue in {folder}: {exc}") from None
    stories = [s for s in manifest.get("stories", []) if s.get("shown", True)]
    headline = " ".join(str(stories[0].get("title", "")).split()) if stories else ""
    return BuiltIssue(folder=folder, date=date, number=int(manifest.get("number") or 1),
                      headline=headline, html=html_part, text=text_part, legacy=email is None,
                      subject=" ".join(str(manifest.get("subject") or "").split()))


def _domain(address: str) -> str:
    return address.rpartition("@")[2] or "localhost"


def sender_address(settings: Settings) -> Address:
    """From: the newsletter's name and the sender address."""
    try:
        return Address(display_name=" ".join(settings.newsletter_name.split()), addr_spec=settings.sender)
    except (ValueError, IndexError) as exc:
        raise ConfigError(f"setting 'sender': {settings.sender!r} is not an email address ({exc})") from None


def list_id(settings: Settings) -> str:
    """List-Id (RFC 2919): the setting, or one made from the newsletter name and sender domain."""
    value = " ".join(settings.list_id.split())
    if not value:
        label = re.sub(r"[^a-z0-9]+", "-", settings.newsletter_name.lower()).strip("-") or "digest"
        value = f"{label}.{_domain(settings.sender)}"
    if "<" in value:
        return value
    return f"{' '.join(settings.newsletter_name.split())} <{value}>"


def message_id(settings: Settings, issue_date: dt.date, key: str, round_number: int = 1) -> str:
    """A Message-ID that is the same every time this issue goes to this recipient.

    Receiving servers use it to drop a copy they already have. A forced resend
    (round 2 and later) gets new ones, so it is not dropped as a duplicate.
    """
    seed = f"{issue_date.isoformat()}\0{list_id(settings)}\0{key.lower()}"
    if round_number > 1:
        seed += f"\0{round_number}"
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32]
    return f"<{issue_date.isoformat()}.{digest}@{_domain(settings.sender)}>"


@dataclass(frozen=True)
class Unsubscribe:
    """The unsubscribe links of one message."""

    url: str | None  # the https/http link, per recipient
    mailto: str | None

    @property
    def link(self) -> str:
        """What ``{{ unsubscribe_url }}`` becomes in the body."""
        return self.url or self.mailto or ""

    def header(self) -> str | None:
        """List-Unsubscribe (RFC 2369): the https link first, then the mailto, each in <>."""
        links = [f"<{u.replace(',', '%2C')}>" for u in (self.url, self.mailto) if u]
        return ", ".join(links) if links else None


class _ListUnsubscribe(str):
    """List-Unsubscribe folded only between its <...> entries, never encoded.

    The email package would fold a long URL as an RFC 2047 encoded word, which
    no mail provider reads as a link (so no one-click unsubscribe). A line may
    be up to 998 characters (RFC 5322 2.1.1): one URL per line fits.
    """

    name = "List-Unsubscribe"

    def fold(self, *, policy: Any) -> str:
        entries = [e.strip() for e in str(self).split(">,")]
        joined = ("," + policy.linesep + " ").join(e if e.endswith(">") else e + ">" for e in entries)
        return f"{self.name}: {joined}{policy.linesep}"


def check_settings(settings: Settings, env: Mapping[str, str] | None = None, per_recipient: bool = True) -> None:
    """Fail early, with the setting's name, on a subject or unsubscribe setting that cannot work.

    ``per_recipient=False`` (an export: no recipient, so no token) does not ask for the secret.
    """
    env = os.environ if env is None else env
    sender_address(settings)
    for name in SUBJECT_FIELD.findall(settings.subject):
        if name not in SUBJECT_NAMES:
            raise ConfigError(f"setting 'subject': unknown field {{{name}}}; use {_fields(SUBJECT_NAMES)}")
    if settings.unsubscribe_url:
        parts = urlsplit(settings.unsubscribe_url)
        if parts.scheme not in ("https", "http") or not parts.netloc:
            raise ConfigError("setting 'unsubscribe_url' must be an https:// URL template")
        for name in SUBJECT_FIELD.findall(settings.unsubscribe_url):
            if name not in URL_FIELDS:
                raise ConfigError(f"setting 'unsubscribe_url': unknown field {{{name}}}; use {_fields(URL_FIELDS)}")
        if any(c in settings.unsubscribe_url for c in '<>" \t\r\n'):
            raise ConfigError("setting 'unsubscribe_url' must not hold spaces, quotes or angle brackets")
        if per_recipient and "{token}" in settings.unsubscribe_url and not env.get(SECRET_ENV):
            raise ConfigError(f"setting 'unsubscribe_url' uses {{token}}: set {SECRET_ENV} in the environment")
    if settings.unsubscribe_mailto and "@" not in settings.unsubscribe_mailto:
        raise ConfigError("setting 'unsubscribe_mailto' must be an email address")


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Replace ``{name}`` fields in one pass; the values are never read as templates."""
    return SUBJECT_FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def unsubscribe_for(settings: Settings, issue_date: dt.date, email: str | None,
                    env: Mapping[str, str] | None = None) -> Unsubscribe:
    """The unsubscribe links for ``email`` (None: the generic links of an exported message)."""
    env = os.environ if env is None else env
    url = None
    if settings.unsubscribe_url and email is not None:
        secret = env.get(SECRET_ENV, "")
        url = _fill(settings.unsubscribe_url, {
            "email": quote(email, safe="@"),
            "token": make_token(email, secret, list_id(settings)) if secret else "",
            "list": quote(list_id(settings), safe=""),
            "date": issue_date.isoformat(),
        })
    mailto = placeholders.generic_unsubscribe(placeholders.unsubscribe_mailbox(settings)) or None
    return Unsubscribe(url=url, mailto=mailto)


class _Subject(str):
    """A non-ASCII Subject folded as whole encoded words.

    Python 3.11's header folder can break the line just before an encoded word
    and leave the space at the end of the line, which readers show as two
    spaces ("de-escalate  “Ukraine”"). Encoded words separated by folding
    whitespace are joined without a space (RFC 2047 6.2), so this is exact.
    """

    name = "Subject"

    def fold(self, *, policy: Any) -> str:
        encoded = Header(str(self), "utf-8", header_name="Subject").encode(linesep=policy.linesep)
        return f"Subject: {encoded}{policy.linesep}"


def subject_for(settings: Settings, issue: BuiltIssue, name: str = "") -> str:
    """The Subject line: the edition's, else the subject template filled in, on one line."""
    if issue.subject:
        return issue.subject
    d = issue.date
    values = {
        "newsletter": settings.newsletter_name, "date": f"{d.day} {d:%B %Y}", "iso_date": d.isoformat(),
        "number": str(issue.number), "headline": issue.headline or "", "name": name,
    }
    subject = " ".join(_fill(settings.subject, values).split())
    return subject.rstrip(" :,-·") if not issue.headline else subject


def personalize(body: str, values: Mapping[str, str], as_html: bool) -> str:
    """Fill the body's placeholders in one pass (HTML-escaped in the HTML part)."""
    return placeholders.fill(body, values, as_html)


def build_message(settings: Settings, issue: BuiltIssue, recipient: Recipient | None,
                  round_number: int = 1, env: Mapping[str, str] | None = None,
                  unsubscribe_text: str | None = None) -> EmailMessage:
    """The email for ``recipient``, or the generic one (``recipient=None``, see :func:`export_issue`).

    multipart/alternative: text/plain first, text/html last, both UTF-8 and
    quoted-printable, with the list headers of RFC 2369, 2919 and 8058.
    """
    email = recipient.email if recipient else None
    unsubscribe = unsubscribe_for(settings, issue.date, email, env)
    values = {placeholders.UNSUBSCRIBE_FIELD: unsubscribe_text if unsubscribe_text is not None else unsubscribe.link,
              "email": email or "", "name": recipient.name if recipient else ""}
    if recipient:
        values.update({f"fields.{k}": v for k, v in recipient.fields.items()})
    message = EmailMessage(policy=SMTP)
    message["From"] = sender_address(settings)
    message["To"] = (Address(display_name=recipient.name, addr_spec=recipient.email) if recipient
                     else sender_address(settings))
    subject = subject_for(settings, issue, recipient.name if recipient else "")
    message["Subject"] = subject if subject.isascii() else _Subject(subject)
    message["Date"] = formatdate(localtime=True)
    key = recipient.key if recipient else "(export)"
    message["Message-ID"] = message_id(settings, issue.date, key, round_number)
    message["List-Id"] = list_id(settings)
    header = unsubscribe.header()
    if header:
        message["List-Unsubscribe"] = _ListUnsubscribe(header)
        if unsubscribe.url and unsubscribe.url.startswith("https://"):
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(personalize(issue.text, values, as_html=False), subtype="plain",
                        charset="utf-8", cte="quoted-printable")
    message.add_alternative(personalize(issue.html, values, as_html=True), subtype="html",
                            charset="utf-8", cte="quoted-printable")
    return message


def export_issue(settings: Settings, date: dt.date, unsubscribe_text: str | None = None,
                 target: Path | None = None, force: bool = False) -> Path:
    """Write the generic message atomically (mode 600) and return its path.

    It goes to ``target``, or else the state folder (``exports/<date>.eml``),
    never to out/. It is addressed to the newsletter itself (From = To), has no
    per-recipient token, and ``{{ unsubscribe_url }}`` becomes
    ``unsubscribe_text`` (e.g. a mail service's merge tag) or else the mailto
    link, so no unsubscribe secret is needed. An existing ``target`` is
    replaced only with ``force``; the state folder's copy is always replaced.
    """
    check_settings(settings, per_recipient=False)
    issue = load_issue(settings.out, date, settings.state_dir)
    message = build_message(settings, issue, None, unsubscribe_text=unsubscribe_text)
    if target is None:
        target = export_path(settings.state_dir, date)
    elif target.resolve().is_relative_to(settings.out.resolve()):
        raise DigestError(f"{target} is in {settings.out}, which is published; write the export elsewhere")
    elif target.exists() and not force:
        raise DigestError(f"{target} exists already; use {option('force')} to replace it")
    elif target.is_dir():
        raise DigestError(f"{target} is a folder; give a file name")
    return write_private(target, message.as_bytes())


def _fields(names) -> str:
    """The placeholders a setting may use, as written in it: {date}, {number}, ..."""
    return ", ".join("{" + name + "}" for name in names)
