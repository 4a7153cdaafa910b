"""The message digest sends: MIME structure, headers, placeholders, recipients, export."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.cli import main
from digest.config import Settings, load_settings
from digest.errors import ConfigError, DigestError
from digest.send import build_message, load_issue, parse_rate
from digest.send.message import message_id
from digest.send.recipients import Recipient, from_addresses, read_csv
from smtp_server import HEADLINE, write_issue_folder

DATE = dt.date(2021, 12, 7)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def parse(raw: bytes):
    return BytesParser(policy=policy.default).parsebytes(raw)


def settings(**values) -> Settings:
    return Settings(newsletter_name="The Digest", sender="news@example.org", **values)


def test_export_writes_a_multipart_alternative_message(tmp_path):
    folder = write_issue_folder(tmp_path / "out")
    result = run("export", "--date", "2021-12-07")
    assert result.exit_code == 0, result.output
    target = Path(".digest") / "exports" / "2021-12-07.eml"
    assert result.output.strip() == str(target)
    assert target.stat().st_mode & 0o777 == 0o600 and not (folder / "issue.eml").exists()
    raw = target.read_bytes()
    message = parse(raw)
    assert message.get_content_type() == "multipart/alternative"
    plain, html = message.get_payload()
    assert [plain.get_content_type(), html.get_content_type()] == ["text/plain", "text/html"]
    for part in (plain, html):
        assert part.get_content_charset() == "utf-8"
        assert part["Content-Transfer-Encoding"] == "quoted-printable"
    assert b"base64" not in raw.lower()
    assert max(len(line) for line in raw.splitlines()) <= 78
    assert message["Subject"] == f"The Digest, 7 December 2021: {HEADLINE}"
    assert message["From"].addresses[0].addr_spec == "digest@localhost"
    assert message["To"] == message["From"]
    assert message["Date"].datetime is not None
    assert re.fullmatch(r"<2021-12-07\.[0-9a-f]{32}@localhost>", message["Message-ID"])
    assert message["List-Id"] == "The Digest <the-digest.localhost>"
    assert message["List-Unsubscribe"] == "<mailto:digest@localhost?subject=unsubscribe>"
    assert message["List-Unsubscribe-Post"] is None  # one-click needs an https URL
    text, page = plain.get_content(), html.get_content()
    assert "Café déjà vu — for ." in text and "\U0001F4F0" in page
    assert "Unsubscribe: mailto:digest@localhost?subject=unsubscribe" in text
    assert 'href="mailto:digest@localhost?subject=unsubscribe"' in page
    assert "{{" not in text and "{{" not in page
    assert [p.name for p in target.parent.iterdir() if p.name.startswith(".")] == []


def test_export_with_a_merge_tag_and_replacing_an_earlier_file(tmp_path):
    write_issue_folder(tmp_path / "out")
    target = Path(".digest") / "exports" / "2021-12-07.eml"
    target.parent.mkdir(parents=True)
    target.write_text("old")
    assert run("export", "--date", "2021-12-07", "--unsubscribe", "*|UNSUB|*").exit_code == 0
    message = parse(target.read_bytes())
    assert "Unsubscribe: *|UNSUB|*" in message.get_body(("plain",)).get_content()
    assert 'href="*|UNSUB|*"' in message.get_body(("html",)).get_content()


def test_export_of_an_issue_not_built_is_one_line(tmp_path):
    result = run("export", "--date", "2021-12-08")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: no issue built for 2021-12-08 in out (missing index.html, index.txt, issue.json); "
        "run: digest build --date 2021-12-08"]


def test_export_of_a_real_build(articles, tmp_path):
    assert run("build", "--date", "2021-12-07").exit_code == 0
    assert run("export", "--date", "2021-12-07").exit_code == 0
    message = parse((tmp_path / ".digest" / "exports" / "2021-12-07.eml").read_bytes())
    assert message["Subject"] == ("The Digest, 7 December 2021: "
                                  "Biden urges Putin to de-escalate Ukraine tensions in direct talks")
    assert "Biden urges Putin" in message.get_body(("html",)).get_content()
    assert "Vladimir Putin" in message.get_body(("plain",)).get_content()


def test_per_recipient_unsubscribe_link_token_and_one_click(tmp_path, monkeypatch):
    write_issue_folder(tmp_path / "out")
    monkeypatch.setenv("DIGEST_UNSUBSCRIBE_SECRET", "s3cret")
    config = settings(unsubscribe_url="https://example.org/unsub?u={email}&t={token}",
                      unsubscribe_mailto="leave@example.org", list_id="digest.example.org")
    issue = load_issue(Path("out"), DATE, Path(".digest"))
    recipient = Recipient("ann+news@example.com", 'Ann "<b>" O\'Neil', {"plan": "<i>pro</i>"})
    raw = build_message(config, issue, recipient).as_bytes()
    message = parse(raw)
    day = dt.datetime.now(dt.UTC).strftime("%Y%m%d")
    mac = hmac.new(b"s3cret", f"digest-unsubscribe\0The Digest <digest.example.org>\0ann+news@example.com\0{day}".encode(),
                   hashlib.sha256).hexdigest()[:32]
    url = f"https://example.org/unsub?u=ann%2Bnews@example.com&t={day}.{mac}"
    assert f"\r\nList-Unsubscribe: <{url}>,\r\n <mailto:leave@example.org?subject=unsubscribe>\r\n".encode() in raw
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Id"] == "The Digest <digest.example.org>"
    assert message["To"].addresses[0].addr_spec == "ann+news@example.com"
    assert message["To"].addresses[0].display_name == 'Ann "<b>" O\'Neil'
    text = message.get_body(("plain",)).get_content()
    page = message.get_body(("html",)).get_content()
    assert f"Unsubscribe: {url}" in text and 'for Ann "<b>" O\'Neil.' in text
    assert f'href="{url.replace("&", "&amp;")}"' in page
    assert "for Ann &quot;&lt;b&gt;&quot; O&#x27;Neil." in page
    assert "&lt;i&gt;pro&lt;/i&gt;" in page and "<i>" not in page


def test_plain_http_unsubscribe_gets_no_one_click_header(tmp_path):
    write_issue_folder(tmp_path / "out")
    config = settings(unsubscribe_url="http://example.org/unsub/{email}")
    message = build_message(config, load_issue(Path("out"), DATE, Path(".digest")), Recipient("a@example.com"))
    assert message["List-Unsubscribe-Post"] is None
    assert "<http://example.org/unsub/a@example.com>" in message["List-Unsubscribe"]


def test_recipient_values_are_never_expanded_as_placeholders(tmp_path):
    write_issue_folder(tmp_path / "out")
    recipient = Recipient("a@example.com", "{{ unsubscribe_url }} {newsletter}", {"plan": "{{ email }}"})
    message = build_message(settings(), load_issue(Path("out"), DATE, Path(".digest")), recipient)
    text = message.get_body(("plain",)).get_content()
    assert "for {{ unsubscribe_url }} {newsletter}." in text
    assert "{{ email }}" in message.get_body(("html",)).get_content()


def test_message_id_is_stable_per_issue_and_recipient():
    config = settings()
    first = message_id(config, DATE, "a@example.com")
    assert first == message_id(config, DATE, "A@Example.com")
    assert first.endswith("@example.org>")
    assert first != message_id(config, DATE, "b@example.com")
    assert first != message_id(config, dt.date(2021, 12, 8), "a@example.com")
    assert first != message_id(config, DATE, "a@example.com", round_number=2)


def test_subject_template_and_its_fields(tmp_path):
    write_issue_folder(tmp_path / "out")
    (tmp_path / "digest.toml").write_text('subject = "No. {number} for {name}: {headline} ({iso_date})"\n')
    result = run("send", "--date", "2021-12-07", "--to", "Ann <ann@example.com>", "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"Subject: No. 4 for Ann: {HEADLINE} (2021-12-07)" in result.output
    (tmp_path / "digest.toml").write_text('subject = "{newsletter.__class__}"\n')
    result = run("send", "--date", "2021-12-07", "--to", "ann@example.com", "--dry-run")
    assert result.exit_code == 1
    assert result.output.startswith("Error: setting 'subject': unknown field {newsletter.__class__}")


def test_dry_run_builds_every_message_and_touches_nothing(tmp_path):
    write_issue_folder(tmp_path / "out")
    (tmp_path / "list.csv").write_text("email,name\na@example.com,A\nb@example.com,B\nnot-an-address,C\n")
    result = run("send", "--date", "2021-12-07", "--recipients", "list.csv", "--dry-run")
    lines = result.output.splitlines()
    assert sum(line.startswith("would send: To: A <a@example.com> | Subject: The Digest,") for line in lines) == 1
    assert sum(line.startswith("would send: To: B <b@example.com>") for line in lines) == 1
    assert "bad row: list.csv line 4: 'not-an-address': not an email address" in lines
    assert lines[-1] == "Dry run: 2 messages built, nothing sent (1 bad rows skipped)."
    # The dry run did its job (every message built, the bad row listed); the real send exits 1 for it.
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["2021-12-07"]  # no ledger


def test_recipients_csv(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("\ufeffEmail, Name ,Plan\n"
                    "ann@example.com,Ann Lee,pro\n"
                    "bob@Bücher.example,Bob,\n"
                    "ANN@example.com,Dup,\n"
                    ",nobody,\n"
                    "\"eve@example.com\r\nbcc: x@y.z\",Eve,\n"
                    "\"Zoë\" ,zoë@example.com,\n", encoding="utf-8")
    recipients, rejected = read_csv(path)
    assert [(r.email, r.name, r.fields) for r in recipients] == [
        ("ann@example.com", "Ann Lee", {"plan": "pro"}),
        ("bob@xn--bcher-kva.example", "Bob", {"plan": ""}),
    ]
    assert [(r.where, r.reason) for r in rejected] == [
        ("list.csv line 4", "repeated address"),
        ("list.csv line 5", "not an email address"),
        ("list.csv line 6", "not an email address"),
        ("list.csv line 7", "not an email address"),
    ]


def test_recipients_csv_needs_an_email_column(tmp_path):
    (tmp_path / "list.csv").write_text("address\nann@example.com\n")
    with pytest.raises(DigestError, match="one of them 'email'"):
        read_csv(tmp_path / "list.csv")


def test_to_addresses_with_names():
    recipients, rejected = from_addresses(["Ann Lee <ann@example.com>", "bob@example.com", "x\r\nBcc: y@z.org"])
    assert [(r.email, r.name) for r in recipients] == [("ann@example.com", "Ann Lee"), ("bob@example.com", "")]
    assert len(rejected) == 1


@pytest.mark.parametrize("rate, interval", [("", 0), ("0", 0), ("10", 0.1), ("4/s", 0.25), ("120/min", 0.5),
                                            ("3600/h", 1), ("0.5", 2)])
def test_rate(rate, interval):
    assert parse_rate(rate) == pytest.approx(interval)


@pytest.mark.parametrize("rate", ["fast", "-1", "10/day", "1e9"])
def test_bad_rate(rate):
    with pytest.raises(ConfigError, match="messages per second"):
        parse_rate(rate)


def test_password_in_digest_toml_is_refused(tmp_path):
    toml = tmp_path / "digest.toml"
    toml.write_text('smtp_url = "smtp://me:hunter2@mail.example.com:587"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert "DIGEST_SMTP_PASSWORD" in str(caught.value) and "hunter2" not in str(caught.value)
    toml.write_text('[smtp]\nsmtp_url = "smtp://me@mail.example.com:587"\nsmtp_password = "hunter2"\n')
    with pytest.raises(ConfigError, match="must not be in a settings file"):
        load_settings()
    toml.write_text('smtp_url = "smtp://me@mail.example.com:587"\n')
    assert load_settings().smtp_url == "smtp://me@mail.example.com:587"


def test_settings_repr_hides_the_smtp_url(monkeypatch):
    monkeypatch.setenv("DIGEST_SMTP_URL", "smtp://me:hunter2@mail.example.com:587")
    loaded = load_settings()
    assert loaded.smtp_url.endswith("@mail.example.com:587") and "hunter2" not in repr(loaded)


def test_unsubscribe_token_needs_the_secret(tmp_path):
    write_issue_folder(tmp_path / "out")
    (tmp_path / "digest.toml").write_text('unsubscribe_url = "https://example.org/u?t={token}"\n')
    result = run("send", "--date", "2021-12-07", "--to", "a@example.com", "--dry-run")
    assert result.exit_code == 1
    assert "set DIGEST_UNSUBSCRIBE_SECRET in the environment" in result.output


def test_an_issue_without_the_unsubscribe_placeholder_is_warned_about(tmp_path):
    write_issue_folder(tmp_path / "out")
    (tmp_path / ".digest" / "emails" / "2021-12-07" / "email.html").write_text("<p>No link here</p>")
    result = run("send", "--date", "2021-12-07", "--to", "a@example.com", "--dry-run")
    assert result.exit_code == 0
    assert "warning: the issue's HTML has no {{ unsubscribe_url }} placeholder" in result.output


def test_bad_rows_fail_a_real_send_but_not_a_dry_run():
    from digest.send.deliver import SendReport
    from digest.send.recipients import Rejected

    bad = [Rejected("list.csv line 4", "not-an-address", "not an email address")]
    assert not SendReport(date=dt.date(2021, 12, 7), server="s", rejected=bad).ok
    assert SendReport(date=dt.date(2021, 12, 7), server="s", rejected=bad, dry_run=True).ok
    assert not SendReport(date=dt.date(2021, 12, 7), server="s", dry_run=True, stopped="interrupted").ok
