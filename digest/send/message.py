"""A built issue as email: loading OUT/<date>/, placeholders, headers, MIME.

The built ``index.html`` and ``index.txt`` hold placeholders that are filled
per recipient, in one pass, from a fixed set (the values are never read as
templates): ``{{ unsubscribe_url }}``, ``{{ email }}``, ``{{ name }}`` and
``{{ fields.COLUMN }}`` for any other column of the recipients CSV. In the
HTML part the values are HTML-escaped.

The subject is a template with ``{newsletter}``, ``{date}``, ``{iso_date}``,
``{number}``, ``{headline}`` and ``{name}``; nothing else is allowed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import html
import json
import os
import re
import tempfile
from dataclasses import dataclass
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import quote, urlsplit

from ..config import Settings
from ..errors import ConfigError, DigestError
from .recipients import Recipient

#: The environment variable holding the key of the per-recipient unsubscribe token.
SECRET_ENV = "DIGEST_UNSUBSCRIBE_SECRET"
PLACEHOLDER = re.compile(r"\{\{\s*(unsubscribe_url|email|name|fields\.[A-Za-z0-9_-]+)\s*\}\}")
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

    @property
    def fingerprint(self) -> str:
        """A hash of the content, to notice an issue rebuilt in the middle of a send."""
        return hashlib.sha256((self.html + "\0" + self.text).encode("utf-8")).hexdigest()[:16]


def load_issue(out: Path, date: dt.date) -> BuiltIssue:
    """Read the issue built for ``date`` in ``out``; one clear error when it is not there."""
    folder = out / date.isoformat()
    needed = [folder / name for name in ("index.html", "index.txt", "issue.json")]
    missing = [p.name for p in needed if not p.is_file()]
    if missing:
        raise DigestError(f"no issue built for {date.isoformat()} in {out} "
                          f"(missing {', '.join(missing)}); run: digest build --date {date.isoformat()}")
    try:
        manifest = json.loads((folder / "issue.json").read_text(encoding="utf-8"))
        html_part = (folder / "index.html").read_text(encoding="utf-8")
        text_part = (folder / "index.txt").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DigestError(f"cannot read the issue in {folder}: {exc}") from None
    stories = [s for s in manifest.get("stories", []) if s.get("shown", True)]
    headline = " ".join(str(stories[0].get("title", "")).split()) if stories else ""
    return BuiltIssue(folder=folder, date=date, number=int(manifest.get("number") or 1),
                      headline=headline, html=html_part, text=text_part)


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


def unsubscribe_token(email: str, secret: str) -> str:
    """An HMAC of the address: the unsubscribe page can check it without a database."""
    return hmac.new(secret.encode("utf-8"), email.lower().encode("utf-8"), hashlib.sha256).hexdigest()[:32]


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
        links = [f"<{u}>" for u in (self.mailto, self.url) if u]
        return ", ".join(links) if links else None


def check_settings(settings: Settings, env: Mapping[str, str] | None = None) -> None:
    """Fail early, with the setting's name, on a subject or unsubscribe setting that cannot work."""
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
        if "{token}" in settings.unsubscribe_url and not env.get(SECRET_ENV):
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
            "token": unsubscribe_token(email, secret) if secret else "",
            "list": quote(list_id(settings), safe=""),
            "date": issue_date.isoformat(),
        })
    mailbox = settings.unsubscribe_mailto or settings.sender
    mailto = f"mailto:{mailbox}?subject=unsubscribe" if mailbox else None
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
    """The Subject line: the subject template filled in, on one line."""
    d = issue.date
    values = {
        "newsletter": settings.newsletter_name, "date": f"{d.day} {d:%B %Y}", "iso_date": d.isoformat(),
        "number": str(issue.number), "headline": issue.headline or "", "name": name,
    }
    subject = " ".join(_fill(settings.subject, values).split())
    return subject.rstrip(" :,-·") if not issue.headline else subject


def personalize(body: str, values: Mapping[str, str], as_html: bool) -> str:
    """Fill the body's placeholders in one pass (HTML-escaped in the HTML part)."""
    def value(match: re.Match[str]) -> str:
        text = values.get(match.group(1), "")
        return html.escape(text, quote=True) if as_html else text
    return PLACEHOLDER.sub(value, body)


def build_message(settings: Settings, issue: BuiltIssue, recipient: Recipient | None,
                  round_number: int = 1, env: Mapping[str, str] | None = None,
                  unsubscribe_text: str | None = None) -> EmailMessage:
    """The email for ``recipient``, or the generic one (``recipient=None``, see :func:`export_issue`).

    multipart/alternative: text/plain first, text/html last, both UTF-8 and
    quoted-printable, with the list headers of RFC 2369, 2919 and 8058.
    """
    email = recipient.email if recipient else None
    unsubscribe = unsubscribe_for(settings, issue.date, email, env)
    values = {"unsubscribe_url": unsubscribe_text if unsubscribe_text is not None else unsubscribe.link,
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
        message["List-Unsubscribe"] = header
        if unsubscribe.url and unsubscribe.url.startswith("https://"):
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(personalize(issue.text, values, as_html=False), subtype="plain",
                        charset="utf-8", cte="quoted-printable")
    message.add_alternative(personalize(issue.html, values, as_html=True), subtype="html",
                            charset="utf-8", cte="quoted-printable")
    return message


def export_issue(settings: Settings, date: dt.date, unsubscribe_text: str | None = None) -> Path:
    """Write OUT/<date>/issue.eml atomically: the generic message, and return its path.

    It is addressed to the newsletter itself (From = To), has no per-recipient
    token, and ``{{ unsubscribe_url }}`` becomes ``unsubscribe_text`` (e.g. a
    mail service's merge tag) or else the mailto link.
    """
    check_settings(settings)
    issue = load_issue(settings.out, date)
    message = build_message(settings, issue, None, unsubscribe_text=unsubscribe_text)
    target = issue.folder / "issue.eml"
    try:
        handle, name = tempfile.mkstemp(prefix=".issue.", suffix=".eml", dir=issue.folder)
        with os.fdopen(handle, "wb") as out:
            out.write(message.as_bytes())
        os.chmod(name, 0o644)
        os.replace(name, target)
    except OSError as exc:
        raise DigestError(f"cannot write {target}: {exc.strerror}") from None
    finally:
        if "name" in locals() and os.path.exists(name):
            os.unlink(name)
    return target


def _fields(names) -> str:
    """The placeholders a setting may use, as written in it: {date}, {number}, ..."""
    return ", ".join("{" + name + "}" for name in names)
