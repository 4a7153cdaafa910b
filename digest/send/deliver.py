"""``digest send``: every recipient gets the issue exactly once, whatever happens on the way.

The run: load the built issue, read the recipients, open the ledger (which
knows who already has the issue), then one SMTP transaction per recipient on
one reused connection, at most ``rate`` messages per second. A 2xx reply is
``sent``; a 5xx is ``failed`` and not retried; a 4xx or a network error
before DATA is retried with exponential backoff (``send_backoff`` seconds,
doubling) up to ``send_retries`` times, then left ``deferred`` for the next
run. A connection lost before the final "." of DATA is retried (a server
takes a message only at that dot); one lost while waiting for the reply to
the dot is ``unknown``: the server may have the message, so it is not resent
unless asked (``resend_unknown``).

Addresses on the suppression list (:mod:`digest.suppression`) are skipped,
and a 5xx reply to RCPT (a hard bounce) puts the address on it.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..config import Settings
from ..errors import ConfigError, DigestError, option
from ..placeholders import PLACEHOLDER, UNSUBSCRIBE, UNSUBSCRIBE_FIELD
from ..state import move_legacy_ledger, suppression_path
from ..suppression import BOUNCED, SuppressionList
from .ledger import Ledger, SendState, ledger_path
from .message import BuiltIssue, build_message, check_settings, load_issue, message_id, sender_address
from .recipients import Recipient, Rejected, from_addresses, read_csv
from .transport import Connection, Reply, TransportError, server_from

#: progress(done, total): called after each recipient is settled.
Progress = Callable[[int, int], None]
MAX_DELAY = 300.0
RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:/\s*(s|sec|second|m|min|minute|h|hour))?\s*$", re.I)


@dataclass(frozen=True)
class SendOptions:
    """What the ``digest send`` flags ask for."""

    to: tuple[str, ...] = ()
    recipients_file: Path | None = None
    dry_run: bool = False
    insecure: bool = False
    force: bool = False
    resend_unknown: bool = False
    retry_failed: bool = False


@dataclass(frozen=True)
class Outcome:
    """What happened to one recipient, with the server's reply or the error."""

    email: str
    state: SendState
    detail: str = ""


@dataclass
class SendReport:
    """Everything a run did and did not do; :meth:`lines` is the printed summary."""

    date: dt.date
    server: str
    total: int = 0
    sent: list[str] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    deferred: list[Outcome] = field(default_factory=list)
    unknown: list[Outcome] = field(default_factory=list)
    already_sent: list[str] = field(default_factory=list)
    skipped: list[Outcome] = field(default_factory=list)  # unknown or failed in an earlier run
    rejected: list[Rejected] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)  # on the suppression list: never sent
    bounced: list[str] = field(default_factory=list)  # put on the suppression list by this run
    previews: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stopped: str = ""
    ledger: str = ""
    totals: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        """True when every listed recipient has the issue (now or before) and no row was bad.

        A dry run is a check of the list and the messages: it succeeds when every
        message could be built; its bad rows are listed, not a failure.
        """
        if self.dry_run:
            return not self.stopped
        return not (self.failed or self.deferred or self.unknown or self.skipped or self.rejected or self.stopped)

    def lines(self) -> list[str]:
        """The final summary, one fact per line."""
        out = list(self.previews)
        out += [f"warning: {w}" for w in self.warnings]
        out += [f"bad row: {r.where}: {r.value!r}: {r.reason}" for r in self.rejected]
        out += [f"failed: {o.email}: {o.detail}" + (" (a hard bounce: now suppressed)" if o.email in self.bounced else "")
                for o in self.failed]
        out += [f"deferred: {o.email}: {o.detail} (run again to retry)" for o in self.deferred]
        out += [f"unknown: {o.email}: {o.detail} (the server may have it; resend with {option('resend_unknown')})"
                for o in self.unknown]
        for o in self.skipped:
            hint = option("resend_unknown") if o.state == SendState.UNKNOWN else option("retry_failed")
            out.append(f"skipped ({o.state} before): {o.email}: {o.detail} (use {hint} to send again)")
        if self.stopped:
            out.append(f"stopped: {self.stopped}; run the same command again to go on")
        skipped = len(self.already_sent) + len(self.skipped) + len(self.rejected)
        out.append(f"skipped {len(self.suppressed)} suppressed")
        if self.dry_run:
            out.append(f"Dry run: {len(self.previews)} messages built, nothing sent "
                       f"({len(self.rejected)} bad rows skipped).")
            return out
        out.append(f"Summary: sent {len(self.sent)}, failed {len(self.failed)}, deferred {len(self.deferred)}, "
                   f"unknown {len(self.unknown)}, skipped {skipped} ({len(self.already_sent)} already sent, "
                   f"{len(self.skipped)} unknown or failed before, {len(self.rejected)} bad rows)")
        if self.totals:
            parts = ", ".join(f"{n} {s}" for s, n in sorted(self.totals.items()))
            out.append(f"Ledger {self.ledger}: {parts}")
        return out


def parse_rate(value: str) -> float:
    """Seconds between messages for a rate like ``10``, ``10/s``, ``600/min`` or ``3600/h`` (0: no limit)."""
    if not value or not value.strip() or value.strip() == "0":
        return 0.0
    match = RATE.match(value)
    if not match or float(match.group(1)) <= 0:
        raise ConfigError(f"rate {value!r} is not a number of messages per second, like 10, 10/s or 600/min")
    per = {"s": 1, "m": 60, "h": 3600}[(match.group(2) or "s")[0].lower()]
    return per / float(match.group(1))


def _backoff(settings: Settings) -> float:
    try:
        base = float(settings.send_backoff)
    except ValueError:
        base = -1
    if not base >= 0:
        raise ConfigError(f"setting 'send_backoff': {settings.send_backoff!r} is not a number of seconds")
    return base


def _recipients(options: SendOptions) -> tuple[list[Recipient], list[Rejected]]:
    if bool(options.to) == bool(options.recipients_file):
        raise DigestError(f"give either {option('to')} ADDRESS (one or more) or {option('recipients')} FILE.csv")
    recipients, rejected = read_csv(options.recipients_file) if options.recipients_file else from_addresses(options.to)
    if not recipients:
        raise DigestError(f"no valid recipient address ({len(rejected)} bad rows)")
    return recipients, rejected


class _Pace:
    """Keeps at least ``interval`` seconds between the starts of two messages."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.last = float("-inf")

    def wait(self) -> None:
        delay = self.last + self.interval - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        self.last = time.monotonic()


def send_issue(settings: Settings, date: dt.date, options: SendOptions,
               progress: Progress = lambda done, total: None) -> SendReport:
    """Send the issue built for ``date`` to the recipients in ``options``; see the module doc."""
    check_settings(settings)
    issue = load_issue(settings.out, date, settings.state_dir)
    recipients, rejected = _recipients(options)
    suppressed = _suppressed(settings)
    held = [r for r in recipients if r.key in suppressed]
    recipients = [r for r in recipients if r.key not in suppressed]
    interval = parse_rate(settings.send_rate)
    backoff = _backoff(settings)
    server = server_from(settings.smtp_url)
    report = SendReport(date=date, server=server.name, rejected=rejected, dry_run=options.dry_run,
                        total=len(recipients), suppressed=[r.email for r in held])
    if issue.legacy:
        report.warnings.append(f"the {date.isoformat()} issue was built by an older digest (no email version in "
                               f"{settings.state_dir}): rebuild it with digest build {option('force')}, so that article "
                               "text can never be taken for a placeholder")
    if not any(m.group(1) == UNSUBSCRIBE_FIELD for m in PLACEHOLDER.finditer(issue.html)):
        report.warnings.append(f"the issue's HTML has no {UNSUBSCRIBE} placeholder, so no unsubscribe "
                               "link in the body (the List-Unsubscribe header is still there)")
    if not recipients:
        return report
    if options.dry_run:
        for done, recipient in enumerate(recipients, start=1):
            message = build_message(settings, issue, recipient)
            report.previews.append(f"would send: To: {message['To']} | Subject: {message['Subject']} | "
                                   f"{message['Message-ID']} | {len(message.as_bytes())} bytes")
            progress(done, len(recipients))
        return report
    moved = move_legacy_ledger(settings.out, settings.state_dir, date)
    if moved:
        report.warnings.append(f"moved the send ledger an older digest left in {settings.out} to {moved}")
    path = ledger_path(settings.state_dir, date)
    report.ledger = str(path)
    with Ledger(path) as ledger, SuppressionList(settings.state_dir) as suppression:
        def bounce(email: str, detail: str) -> None:
            suppression.suppress(email, BOUNCED, detail)
            report.bounced.append(email)

        _run(settings, issue, recipients, options, ledger, report, interval, backoff,
             Connection(server, insecure=options.insecure), progress, bounce)
        report.totals = ledger.counts()
    return report


def _suppressed(settings: Settings) -> set[str]:
    """The suppressed addresses (none when there is no list yet: a dry run creates nothing)."""
    if not suppression_path(settings.state_dir).is_file():
        return set()
    with SuppressionList(settings.state_dir) as suppression:
        return suppression.suppressed()


def _run(settings: Settings, issue: BuiltIssue, recipients: list[Recipient], options: SendOptions,
         ledger: Ledger, report: SendReport, interval: float, backoff: float, connection: Connection,
         progress: Progress, bounce: Callable[[str, str], None]) -> None:
    interrupted = ledger.settle_interrupted()
    if interrupted:
        report.warnings.append(f"{interrupted} message(s) were being handed over when an earlier run stopped: "
                               "their outcome is unknown")
    if ledger.round == 0 or options.force:
        ledger.start_round(issue.fingerprint)
    elif ledger.fingerprint() != issue.fingerprint:
        report.warnings.append("the issue was rebuilt since this send began: "
                               "recipients sent before got the earlier version")
    entries = ledger.entries()
    queue = []
    for recipient in recipients:
        entry = entries.get(recipient.key)
        state = entry.state if entry else SendState.PENDING
        if state == SendState.SENT:
            report.already_sent.append(recipient.email)
        elif ((state == SendState.UNKNOWN and not options.resend_unknown)
              or (state == SendState.FAILED and not options.retry_failed)):
            report.skipped.append(Outcome(recipient.email, state, entry.detail if entry else ""))
        else:
            queue.append(recipient)
    if not queue and len(report.already_sent) == len(recipients):
        raise DigestError(f"the {issue.date.isoformat()} issue was sent already to all {len(recipients)} "
                          f"recipients (see {ledger.path}); use {option('force')} to send it again")
    sender = sender_address(settings).addr_spec
    pace = _Pace(interval)
    try:
        for done, recipient in enumerate(queue, start=1):
            outcome = _deliver(settings, issue, recipient, ledger, connection, pace, backoff, sender, bounce)
            if outcome.state == SendState.SENT:
                report.sent.append(recipient.email)
            else:
                {SendState.FAILED: report.failed, SendState.DEFERRED: report.deferred,
                 SendState.UNKNOWN: report.unknown}[outcome.state].append(outcome)
            progress(done, len(queue))
            if outcome.state == SendState.DEFERRED and outcome.detail.startswith("cannot connect"):
                report.stopped = f"{connection.server.name} cannot be reached ({outcome.detail})"
                break
    finally:
        connection.close()


def _deliver(settings: Settings, issue: BuiltIssue, recipient: Recipient, ledger: Ledger,
             connection: Connection, pace: _Pace, backoff: float, sender: str,
             bounce: Callable[[str, str], None]) -> Outcome:
    """Send to one recipient, retrying temporary failures; the ledger is updated at each step."""
    mid = message_id(settings, issue.date, recipient.key, ledger.round)
    retries = settings.send_retries
    for attempt in range(retries + 1):
        pace.wait()
        data = build_message(settings, issue, recipient, round_number=ledger.round).as_bytes()
        try:
            reply = connection.send(sender, recipient.email, data,
                                    before_data=lambda: ledger.mark(recipient.key, SendState.SENDING, mid, attempt=True))
        except TransportError as exc:
            if exc.after_data:
                ledger.mark(recipient.key, SendState.UNKNOWN, mid, str(exc))
                return Outcome(recipient.email, SendState.UNKNOWN, str(exc))
            reply = Reply(0, str(exc))
        if reply.ok:
            ledger.mark(recipient.key, SendState.SENT, mid, str(reply))
            return Outcome(recipient.email, SendState.SENT, str(reply))
        if reply.permanent:
            ledger.mark(recipient.key, SendState.FAILED, mid, str(reply))
            if reply.hard_bounce:
                bounce(recipient.email, str(reply))
            return Outcome(recipient.email, SendState.FAILED, str(reply))
        if attempt == retries:
            ledger.mark(recipient.key, SendState.DEFERRED, mid, str(reply))
            return Outcome(recipient.email, SendState.DEFERRED, str(reply))
        ledger.mark(recipient.key, SendState.PENDING, mid, str(reply))
        time.sleep(min(MAX_DELAY, backoff * 2 ** attempt))
    raise AssertionError("unreachable")
