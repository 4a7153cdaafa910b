"""Sending speed: digest send to N recipients through a loopback SMTP server, beside a bare smtplib loop.

Run: python bench/send_bench.py [N]   (needs the test extra: aiosmtpd)

The baseline is the same messages sent with smtplib.sendmail on one
connection, without a ledger: the cost of digest's per-message build,
ledger commits (fsync) and bookkeeping is the difference. A second digest
run with faults (a dropped connection every 50 messages, a 451 every 40th
recipient, one 550) shows the cost of recovering.
"""

from __future__ import annotations

import datetime as dt
import os
import smtplib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from digest.config import Settings  # noqa: E402
from digest.send import SendOptions, build_message, load_issue, send_issue  # noqa: E402
from digest.send.recipients import Recipient  # noqa: E402
from smtp_server import Mailbox, smtp_server, write_issue_folder  # noqa: E402

DATE = dt.date(2021, 12, 7)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    work = Path(tempfile.mkdtemp(prefix="send-bench-"))
    os.chdir(work)
    write_issue_folder(work / "out")
    # A realistic size: about 60 KB of HTML, as a ten-story MJML issue (the email version, in the state folder).
    email = work / ".digest" / "emails" / DATE.isoformat() / "email.html"
    email.write_text(email.read_text() * 35)
    addresses = [f"reader{i:04d}@example.com" for i in range(count)]
    (work / "list.csv").write_text("email\n" + "\n".join(addresses) + "\n")
    html_kb = len(email.read_bytes()) / 1024

    mailbox = Mailbox()
    with smtp_server(mailbox) as server:
        settings = Settings(out=Path("out"), smtp_url=f"smtp://127.0.0.1:{server.port}", send_backoff="0.01")
        issue = load_issue(settings.out, DATE, settings.state_dir)
        start = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", server.port) as smtp:
            for address in addresses:
                smtp.sendmail("digest@localhost", [address], build_message(settings, issue, Recipient(address)).as_bytes())
        baseline = time.perf_counter() - start

        mailbox.received.clear()
        start = time.perf_counter()
        report = send_issue(settings, DATE, SendOptions(recipients_file=Path("list.csv")))
        clean = time.perf_counter() - start
        assert len(report.sent) == count == len(mailbox.received)

    faulty = Mailbox(refuse={addresses[7]},
                     mail_script={n: "drop" for n in range(50, 4 * count, 50)},
                     rcpt_script={a: ["451 4.3.0 Try later"] for a in addresses[::40]})
    for stale in (settings.state_dir / "ledgers").glob(f"{DATE}.send-ledger.sqlite*"):
        stale.unlink()
    with smtp_server(faulty) as server:
        settings = Settings(out=Path("out"), smtp_url=f"smtp://127.0.0.1:{server.port}", send_backoff="0.01")
        start = time.perf_counter()
        report = send_issue(settings, DATE, SendOptions(recipients_file=Path("list.csv")))
        with_faults = time.perf_counter() - start
    copies = [faulty.count(a) for a in addresses]
    others = copies[:7] + copies[8:]
    print(f"{count} recipients, {html_kb:.0f} KB HTML per message, loopback aiosmtpd")
    print(f"baseline smtplib loop (no ledger):  {count / baseline:7.1f} messages/s  ({baseline:.2f} s)")
    print(f"digest send:                        {count / clean:7.1f} messages/s  ({clean:.2f} s)")
    print(f"digest send with faults:            {count / with_faults:7.1f} messages/s  ({with_faults:.2f} s); "
          f"sent {len(report.sent)}, failed {len(report.failed)}, unknown {len(report.unknown)}; "
          f"copies per deliverable recipient: {min(others)}..{max(others)}, refused one: {copies[7]}")


if __name__ == "__main__":
    main()
