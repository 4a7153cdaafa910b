"""Sending an issue: MIME messages, recipients, SMTP delivery and the send ledger.

- :mod:`.message`: the built issue as an email (headers, placeholders, export);
- :mod:`.recipients`: addresses from the ``to`` option or a CSV file;
- :mod:`.transport`: one SMTP connection with TLS, replies classified;
- :mod:`.ledger`: the SQLite record that makes a re-run send only what is left;
- :mod:`.deliver`: the run that ties them together.
"""

from .deliver import SendOptions, SendReport, parse_rate, send_issue
from .message import build_message, export_issue, load_issue

__all__ = ["SendOptions", "SendReport", "build_message", "export_issue", "load_issue", "parse_rate", "send_issue"]
