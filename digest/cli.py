"""The command line: parse, call one library function, turn DigestError into one line."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import click

from . import __version__
from .config import Settings, load_settings, parse_day
from .errors import DigestError

# Each command imports the stages it runs, so that `digest --help` and a
# small build do not pay for every stage's libraries.
if TYPE_CHECKING:
    from .model import Article

FORMATS = click.Choice(["text", "json", "jsonl"])
#: How a library message names one of the user's options (errors.option): shown as this CLI's flag.
_OPTION = re.compile(r"`([a-z][a-z0-9_]*)`")


def _flags(text: object) -> str:
    """A library message with each option named as its flag: ```max_stories``` -> ``--max-stories``.

    Only names of this CLI's flags are replaced; other text in backticks (an
    article's, a file's) stays as it is.
    """
    flags = _flag_names()
    return _OPTION.sub(lambda m: flags.get(m.group(1), m.group(0)), str(text))


@functools.lru_cache(maxsize=1)
def _flag_names() -> dict[str, str]:
    """``max_stories`` -> ``--max-stories`` for every long flag of every command."""
    params = [*main.params, *(p for command in main.commands.values() for p in command.params)]
    return {opt[2:].replace("-", "_"): opt for p in params for opt in p.opts if opt.startswith("--")}


def _say(line: str) -> None:
    """One progress line on stderr."""
    click.echo(_flags(line), err=True)


def _parse_date(_: click.Context, __: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_day(value)
    except DigestError as exc:
        raise click.BadParameter(_flags(exc)) from None


def _parse_since(_: click.Context, __: click.Parameter, value: str | None) -> dt.date | str | None:
    if value is None or value == "last":
        return value
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD, nor 'last'")
    return _parse_date(_, __, value)


def _config_after(ctx: click.Context, __: click.Parameter, value: Path | None) -> None:
    """--config given after the subcommand counts as if given before it."""
    if value is not None:
        ctx.obj["config"] = value


#: ``digest build --config FILE`` as well as ``digest --config FILE build``.
_config_option = click.option("--config", type=click.Path(path_type=Path, dir_okay=False), expose_value=False,
                              callback=_config_after, help="Settings file (also accepted before the command).")


def _settings(ctx: click.Context, **overrides: Any) -> Settings:
    try:
        return load_settings(ctx.obj.get("config"), overrides=overrides)
    except DigestError as exc:
        raise click.ClickException(_flags(exc)) from None


def _run(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except DigestError as exc:
        raise click.ClickException(_flags(exc)) from None


@click.group()
@click.version_option(__version__, prog_name="digest")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False),
              help="Settings file (default: ./digest.toml when present, or $DIGEST_CONFIG).")
@click.pass_context
def main(ctx: click.Context, config: Path | None) -> None:
    """Turn a folder of news articles into a dated newsletter issue."""
    ctx.obj = {"config": config}


@main.command()
@click.option("--date", "date", required=True, callback=_parse_date, help="Issue date, YYYY-MM-DD.")
@click.option("--articles", type=click.Path(path_type=Path), help="Folder of article files (default: articles).")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: out).")
@click.option("--days", type=click.IntRange(min=1), help="Days in the issue's window, ending on --date (default: 1).")
@click.option("--bullets", type=click.IntRange(min=0, max=10), help="Bullets per story (default: 3).")
@click.option("--max-words", type=click.IntRange(min=1), help="Words per story summary, lede and bullets together (default: no limit).")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False), help="Folder of templates that override the shipped ones.")
@click.option("--force", is_flag=True, help="Replace an issue that was built before.")
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
@click.option("--since", "since", callback=_parse_since, metavar="YYYY-MM-DD|last",
              help="Window from this day (or the day after the last issue in OUT) through --date; replaces --days.")
@click.option("--max-stories", type=click.IntRange(min=1), help="Show at most N stories; the rest are listed in issue.json.")
@click.option("--word-budget", type=click.IntRange(min=1), help="Show stories until their words (title, lede, bullets) reach N.")
@click.option("--sections", type=click.Choice(["auto", "on", "off"]), help="Group stories under topic headings (default: auto, from 6 stories).")
@click.option("--workers", type=click.IntRange(min=1), help="Processes for reading and summarizing (default: CPU count, at most 4).")
@click.option("--editions", type=click.Path(path_type=Path, file_okay=False), help="Folder of edition files, DATE.toml (default: editions).")
@click.option("--list", "list_stories", is_flag=True, help="Print each story's id and title (for the edition file).")
@_config_option
@click.pass_context
def build(ctx: click.Context, date: dt.date, articles: Path | None, out: Path | None, days: int | None,
          bullets: int | None, max_words: int | None, templates: Path | None, force: bool, quiet: bool,
          since: dt.date | str | None,
          max_stories: int | None, word_budget: int | None, sections: str | None, workers: int | None,
          editions: Path | None = None, list_stories: bool = False) -> None:
    """Build the issue dated --date into OUT/DATE/.

    Writes index.html (the email), index.txt (its plain-text part) and
    issue.json (a manifest of every article file considered, and why it is or
    is not in the issue), then updates OUT/index.html (every issue) and
    OUT/feed.xml (Atom). Reports of the same event become one story. With
    --since, nothing new in the window means no issue and exit code 1. The
    edition file EDITIONS/DATE.toml, when there is one, is applied (see
    digest edit).

    \b
    Example:
      digest build --date 2021-12-07
      digest build --date 2021-12-07 --days 7 --articles ~/news --force
      digest build --date 2021-12-14 --since last --max-stories 10
      digest build --date 2021-12-07 --force --list
    """
    settings = _settings(ctx, articles=articles, out=out, days=days, bullets=bullets, max_words=max_words,
                         templates=templates, max_stories=max_stories, word_budget=word_budget, sections=sections, workers=workers,
                         editions=editions)
    progress = (lambda _: None) if quiet else _say
    from .pipeline import build as build_issue

    folder = _run(lambda: build_issue(settings, date, force=force, progress=progress, since=since))
    if list_stories:
        from .edition import story_lines

        for line in _run(lambda: story_lines(folder)):
            click.echo(line)
    click.echo(folder / "index.html")


def _read_each(paths: tuple[Path, ...], read: Callable[[Path], Any]) -> tuple[list[Any], int]:
    """Read every file; a bad one gets one line on stderr and is counted, the rest go on."""
    results, failures = [], 0
    for path in paths:
        try:
            results.append(read(path))
        except DigestError as exc:
            click.echo(f"Error: {_flags(exc)}", err=True)
            failures += 1
    return results, failures


def _emit(rows: list[dict[str, Any]], fmt: str, as_text: Callable[[dict[str, Any]], str]) -> None:
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif rows:
        click.echo("\n\n".join(as_text(row) for row in rows))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="Output format.")
def extract(files: tuple[Path, ...], fmt: str) -> None:
    """Show what the readers find in each FILE: title, date, source, URL, body.

    A jsonl row is {"path", "title", "date", "source", "url", "body",
    "warnings", ...}; the body's paragraphs are separated by blank lines.

    \b
    Example:
      digest extract articles/*.txt
      digest extract --format jsonl page.html
    """
    from .output import article_record
    from .readers import read_file

    found, failures = _read_each(files, read_file)
    rows = [{**article_record(a), "body": a.body} for articles in found for a in articles]

    def as_text(row: dict[str, Any]) -> str:
        head = [f"== {row['path']}", f"title:  {row['title']}", f"date:   {row['date'] or '(none)'}",
                f"source: {row['source'] or '(none)'}", f"url:    {row['url'] or '(none)'}"]
        if row["warnings"]:
            head.append("warnings: " + "; ".join(row["warnings"]))
        return "\n".join(head) + "\n\n" + row["body"]

    _emit(rows, fmt, as_text)
    if failures:
        raise SystemExit(1)


def _clean_text_article(path: Path) -> list[Article]:
    from .model import Article
    from .readers import load_text

    return [Article(path=str(path), title=path.stem, body=load_text(path).strip())]


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--bullets", type=click.IntRange(min=0, max=10), default=3, show_default=True, help="Bullets per article.")
@click.option("--max-words", type=click.IntRange(min=1), help="Word budget for lede and bullets together (bullets that do not fit are left out).")
@click.option("--no-extract", is_flag=True, help="Take each file's whole content as clean body text.")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="Output format.")
def summarize(files: tuple[Path, ...], bullets: int, max_words: int | None, no_extract: bool, fmt: str) -> None:
    """Summarize each FILE into a lede and bullets.

    A jsonl row is {"path", "title", "lede", "bullets": [...], "keywords":
    [...], "reading_minutes"}.

    \b
    Example:
      digest summarize articles/000_f6368936aa7368ae.txt
      digest summarize --no-extract --bullets 2 --format jsonl story.txt
      digest summarize --max-words 60 articles/*.txt
    """
    from .readers import read_file
    from .summarize import summarize as summarize_article

    found, failures = _read_each(files, _clean_text_article if no_extract else read_file)
    rows = []
    for article in (a for articles in found for a in articles):
        summary = summarize_article(article, bullets=bullets, max_words=max_words)
        rows.append({"path": article.path, "title": article.title, "lede": summary.lede,
                     "bullets": list(summary.bullets), "keywords": list(summary.keywords),
                     "reading_minutes": summary.reading_minutes})

    def as_text(row: dict[str, Any]) -> str:
        return "\n".join([f"== {row['path']}", row["title"], "", row["lede"], *("  - " + b for b in row["bullets"])])

    _emit(rows, fmt, as_text)
    if failures:
        raise SystemExit(1)


@main.command()
@click.option("--date", "date", callback=_parse_date, help="Issue to show first, YYYY-MM-DD (default: the newest); built first if needed.")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True, help="Port to listen on; 0 picks a free one.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; anything but loopback exposes your issues to the network.")
@click.option("--no-open", is_flag=True, help="Do not open a browser.")
@click.option("--watch", is_flag=True, help="Rebuild the issue when an article, template or digest.toml changes; the page reloads itself.")
@click.option("--articles", type=click.Path(path_type=Path), help="Folder of article files (default: articles).")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder to serve (default: out).")
@click.option("--days", type=click.IntRange(min=1), help="Days in the issue's window, when building (default: 1).")
@click.option("--bullets", type=click.IntRange(min=0, max=10), help="Bullets per story, when building (default: 3).")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False), help="Folder of templates that override the shipped ones.")
@_config_option
@click.pass_context
def preview(ctx: click.Context, date: dt.date | None, port: int, host: str, no_open: bool, watch: bool,
            articles: Path | None, out: Path | None, days: int | None, bullets: int | None,
            templates: Path | None) -> None:
    """Show the built issues in a browser, as the reader will see them.

    Serves OUT on 127.0.0.1: an archive of every issue, and around each issue
    the email at desktop and phone widths, light or dark, its plain text, its
    HTML source and the checks (Gmail clipping, links, images, text/HTML
    parity, extraction warnings). Ctrl-C stops it.

    \b
    Example:
      digest preview
      digest preview --date 2021-12-07 --watch --templates my-templates
      digest preview --no-open --port 0
    """
    from .preview import serve_preview

    flags = dict(articles=articles, out=out, days=days, bullets=bullets, templates=templates)
    settings = _settings(ctx, **flags)
    _run(lambda: serve_preview(
        settings, date, host=host, port=port, open_browser=not no_open, watch=watch,
        load_settings=lambda: load_settings(ctx.obj.get("config"), overrides=flags),
        config_file=ctx.obj.get("config"), announce=lambda line: click.echo(_flags(line)),
        progress=_say))


# --- Sending: digest send / digest export (logic in digest/send/) ---



class _SendProgress:
    """A progress bar on stderr, drawn once the number of messages is known."""

    def __init__(self, quiet: bool, label: str) -> None:
        self.quiet = quiet
        self.label = label
        self.bar: Any = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        if self.quiet:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
        self.bar.update(done - self.done)
        self.done = done

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()


@main.command()
@click.option("--date", "date", required=True, callback=_parse_date, help="Issue date, YYYY-MM-DD.")
@click.option("--to", "to", multiple=True, metavar="ADDR", help="A recipient (repeat for more); 'Name <addr>' is fine.")
@click.option("--recipients", type=click.Path(path_type=Path, dir_okay=False),
              help="CSV file with a header row: email (required), name, any other columns.")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder holding the built issue (default: out).")
@click.option("--rate", help="At most this many messages per second: 10, 10/s, 600/min, 3600/h (default: no limit).")
@click.option("--dry-run", is_flag=True, help="Build every message and show it; no server, no ledger.")
@click.option("--insecure", is_flag=True, help="Allow a plain connection to a server that is not on loopback.")
@click.option("--resend-unknown", is_flag=True, help="Send again to recipients whose outcome is unknown.")
@click.option("--retry-failed", is_flag=True, help="Send again to recipients that were refused (5xx) before.")
@click.option("--force", is_flag=True, help="Send the whole issue again, even to recipients that have it.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--state-dir", type=click.Path(path_type=Path, file_okay=False),
              help="State folder: ledgers, suppression list (default: .digest).")
@_config_option
@click.pass_context
def send(ctx: click.Context, date: dt.date, to: tuple[str, ...], recipients: Path | None, out: Path | None,
         rate: str | None, dry_run: bool, insecure: bool, resend_unknown: bool, retry_failed: bool,
         force: bool, quiet: bool, state_dir: Path | None = None) -> None:
    """Send the issue built for --date by SMTP, exactly once per recipient.

    The server comes from smtp_url (digest.toml or DIGEST_SMTP_URL) and the
    password from DIGEST_SMTP_PASSWORD or DIGEST_SMTP_URL, never from a file.
    A ledger in the state folder (.digest/ledgers/DATE.send-ledger.sqlite)
    records every recipient, so running the same command again after a crash
    sends only to those not yet sent. Suppressed addresses (digest
    unsubscribe, one-click requests, hard bounces) are skipped. Exit code 0
    when every recipient has the issue. With --dry-run,
    0 when every message could be built (bad rows are listed).

    \b
    Example:
      digest send --date 2021-12-07 --to me@example.com --dry-run
      DIGEST_SMTP_URL=smtp://apikey:SECRET@smtp.sendgrid.net:587 \\
        digest send --date 2021-12-07 --recipients subscribers.csv --rate 10
    """
    from .send import SendOptions, send_issue

    settings = _settings(ctx, out=out, send_rate=rate, state_dir=state_dir)
    options = SendOptions(to=to, recipients_file=recipients, dry_run=dry_run, insecure=insecure, force=force,
                          resend_unknown=resend_unknown, retry_failed=retry_failed)
    bar = _SendProgress(quiet, "Building" if dry_run else "Sending")
    try:
        report = _run(lambda: send_issue(settings, date, options, progress=bar))
    finally:
        bar.finish()
    for line in report.lines():
        click.echo(_flags(line))
    if not report.ok:
        raise SystemExit(1)


@main.command()
@click.option("--date", "date", required=True, callback=_parse_date, help="Issue date, YYYY-MM-DD.")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder holding the built issue (default: out).")
@click.option("--unsubscribe", "unsubscribe_text", metavar="TEXT",
              help="What the unsubscribe link becomes, e.g. a mail service's merge tag (default: the mailto link).")
@click.option("--output", "output", type=click.Path(path_type=Path), help="Write here (default: .digest/exports/DATE.eml).")
@click.option("--force", is_flag=True, help="Replace an existing --output file.")
@click.option("--state-dir", type=click.Path(path_type=Path, file_okay=False), help="State folder (default: .digest).")
@_config_option
@click.pass_context
def export(ctx: click.Context, date: dt.date, out: Path | None, unsubscribe_text: str | None,
           output: Path | None = None, force: bool = False, state_dir: Path | None = None) -> None:
    """Write the issue built for --date as one email file (never into OUT, which is published).

    By default .digest/exports/DATE.eml (mode 600). The message is the one
    `digest send` sends, addressed to the newsletter itself (To = From) with
    no per-recipient link: ready to open in a mail client or to hand to a
    mail service. No unsubscribe secret is needed.

    \b
    Example:
      digest export --date 2021-12-07
      digest export --date 2021-12-07 --unsubscribe '*|UNSUB|*'
      digest export --date 2021-12-07 --output issue.eml
    """
    from .send import export_issue

    settings = _settings(ctx, out=out, state_dir=state_dir)
    click.echo(_run(lambda: export_issue(settings, date, unsubscribe_text=unsubscribe_text, target=output, force=force)))


# --- Subscribers: the suppression list and the one-click endpoint (logic in digest/suppression.py,
# digest/unsubscribe.py; the state folder in digest/state.py) ---

_STATE_DIR = click.option("--state-dir", type=click.Path(path_type=Path, file_okay=False),
                          help="State folder: ledgers, suppression list, exports (default: .digest).")


def _addresses(addresses: tuple[str, ...], file: Path | None) -> list[str]:
    from .suppression import read_address_file

    found = list(addresses) + (_run(lambda: read_address_file(file)) if file else [])
    if not found:
        raise click.UsageError("give one or more addresses, or --file FILE")
    return found


@main.command()
@click.argument("addresses", nargs=-1, metavar="ADDR...")
@click.option("--file", "file", type=click.Path(path_type=Path, dir_okay=False),
              help="Addresses, one per line, or a CSV file with an email column.")
@_STATE_DIR
@click.pass_context
def unsubscribe(ctx: click.Context, addresses: tuple[str, ...], file: Path | None, state_dir: Path | None) -> None:
    """Put addresses on the suppression list: no send will go to them again.

    \b
    Example:
      digest unsubscribe ann@example.com bob@example.org
      digest unsubscribe --file leavers.txt
    """
    from .suppression import suppress_all

    settings = _settings(ctx, state_dir=state_dir)
    added, already, bad = _run(lambda: suppress_all(settings.state_dir, _addresses(addresses, file)))
    for line in bad:
        click.echo(f"not an address: {line}", err=True)
    click.echo(f"suppressed {len(added)} address(es), {len(already)} already suppressed")
    if bad:
        raise SystemExit(1)


@main.command()
@click.argument("addresses", nargs=-1, required=True, metavar="ADDR...")
@_STATE_DIR
@click.pass_context
def resubscribe(ctx: click.Context, addresses: tuple[str, ...], state_dir: Path | None) -> None:
    """Take addresses off the suppression list (only when the person asked to come back).

    \b
    Example:
      digest resubscribe ann@example.com
    """
    from .suppression import resubscribe_all

    settings = _settings(ctx, state_dir=state_dir)
    done, absent, bad = _run(lambda: resubscribe_all(settings.state_dir, addresses))
    for line in bad:
        click.echo(f"not an address: {line}", err=True)
    for email in absent:
        click.echo(f"not suppressed: {email}", err=True)
    click.echo(f"resubscribed {len(done)} address(es)")
    if bad or absent:
        raise SystemExit(1)


@main.command()
@click.option("--recipients", type=click.Path(path_type=Path, dir_okay=False),
              help="Also list the addresses of this CSV file (active unless suppressed).")
@_STATE_DIR
@click.pass_context
def subscribers(ctx: click.Context, recipients: Path | None, state_dir: Path | None) -> None:
    """List addresses and their state: active, unsubscribed, one-click or bounced.

    One line each: address, state, detail, when (UTC), tab-separated.

    \b
    Example:
      digest subscribers
      digest subscribers --recipients subscribers.csv
    """
    from .send.recipients import read_csv
    from .suppression import subscriber_states

    settings = _settings(ctx, state_dir=state_dir)
    listed = [r.email for r in _run(lambda: read_csv(recipients))[0]] if recipients else []
    rows = _run(lambda: subscriber_states(settings.state_dir, listed))
    for row in rows:
        click.echo("\t".join((row.email, row.state, row.detail, row.updated)).rstrip("\t"))
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.state] = counts.get(row.state, 0) + 1
    click.echo(", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no addresses", err=True)


@main.command("unsubscribe-server")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (put a TLS proxy in front).")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8025, show_default=True, help="Port; 0 picks a free one.")
@_STATE_DIR
@click.pass_context
def unsubscribe_server(ctx: click.Context, host: str, port: int, state_dir: Path | None) -> None:
    """Serve one-click unsubscribe (RFC 8058) for small set-ups; Ctrl-C stops.

    Set unsubscribe_url to this server's public https address with
    ?email={email}&token={token}, and DIGEST_UNSUBSCRIBE_SECRET to the value
    digest send uses. A GET shows a confirmation button; a POST unsubscribes.
    See docs/sending.md for running the same app under any WSGI server.

    \b
    Example:
      DIGEST_UNSUBSCRIBE_SECRET=... digest unsubscribe-server --port 8025
    """
    from .unsubscribe import UnsubscribeServer, make_app

    settings = _settings(ctx, state_dir=state_dir)
    server = _run(lambda: UnsubscribeServer(make_app(settings), host=host, port=port))
    from .urls import is_loopback

    if not is_loopback(host):
        click.echo(f"warning: listening on {host}, not loopback: anyone who can reach it can post tokens", err=True)
    click.echo(f"http://{host}:{server.port}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped", err=True)
    finally:
        server.stop()


# --- Fetching: digest fetch (logic in digest/fetch/) ---


@main.command()
@click.argument("urls", nargs=-1, metavar="[PAGE_URL]...")
@click.option("--feed", "feeds", multiple=True, metavar="URL",
              help="A feed (RSS, Atom, JSON Feed) or a site's home page that links to one; repeat for more.")
@click.option("--opml", type=click.Path(path_type=Path, dir_okay=False), help="An OPML file of feeds to fetch.")
@click.option("--articles", type=click.Path(path_type=Path, file_okay=False), help="Folder to save articles in (default: articles).")
@click.option("--allow-private-hosts", is_flag=True, default=None,
              help="Fetch from loopback and private addresses too (intranet feeds, tests).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def fetch(ctx: click.Context, urls: tuple[str, ...], feeds: tuple[str, ...], opml: Path | None,
          articles: Path | None, allow_private_hosts: bool | None, quiet: bool) -> None:
    """Save new articles from feeds (and single PAGE_URLs) into the articles folder.

    Feeds come from `feeds` and `opml` in digest.toml, --feed and --opml.
    Each new entry is saved once, as a JSON article file `digest build`
    reads; what was seen, and each feed's ETag, are kept in
    STATE_DIR/fetch.sqlite. robots.txt, per-host limits and size caps
    apply; private addresses are refused. Exit code 1 when a feed or a page failed.

    \b
    Example:
      digest fetch --feed https://example.org/feed.xml
      digest fetch --opml subscriptions.opml && digest build --date 2026-12-02
      digest fetch https://example.org/2026/12/02/story.html
    """
    from .fetch import feed_urls
    from .fetch import fetch as fetch_all

    settings = _settings(ctx, articles=articles, allow_private_hosts=allow_private_hosts or None)
    bar = _SendProgress(quiet, "Fetching")
    try:
        report = _run(lambda: fetch_all(settings, feed_urls(settings, feeds, opml), list(urls), progress=bar))
    finally:
        bar.finish()
    for line in report.lines():
        click.echo(_flags(line))
    if not report.ok:
        raise SystemExit(1)


@main.command()
@click.option("--date", "date", required=True, callback=_parse_date, help="Issue date, YYYY-MM-DD.")
@click.option("--force", is_flag=True, help="Replace an edition file that exists already.")
@click.option("--editions", type=click.Path(path_type=Path, file_okay=False), help="Folder of edition files (default: editions).")
@click.option("--articles", type=click.Path(path_type=Path), help="Folder of article files, to build the issue first (default: articles).")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder holding the built issue (default: out).")
@click.pass_context
def edit(ctx: click.Context, date: dt.date, force: bool, editions: Path | None, articles: Path | None,
         out: Path | None) -> None:
    """Start the edition file EDITIONS/DATE.toml from the built issue and open it in $EDITOR.

    The file lists every story with its id, title, lede and bullets, all
    commented out: uncomment what you change. In it: subject, intro
    (Markdown, in both parts), order (ids shown first), drop (ids left out),
    [stories.ID] title/lede/bullets/section, and [[extra]] stories written by
    hand. Every digest build of the date applies it. An issue not built yet
    is built first; an existing file is kept unless --force.

    \b
    Example:
      digest edit --date 2021-12-07
      EDITOR=nano digest edit --date 2021-12-07 --force
      digest build --date 2021-12-07 --force --list
    """
    import os

    from .edition import check_edition, edition_path, read_manifest, write_starting_file

    settings = _settings(ctx, editions=editions, articles=articles, out=out)
    path = edition_path(settings, date)
    if path.exists() and not force:
        raise click.ClickException(f"{path} exists already; edit it, or use --force to start it again")
    manifest = _run(lambda: read_manifest(settings.out, date))
    if manifest is None:
        from .pipeline import build as build_issue

        click.echo(f"Issue {date.isoformat()} is not built yet; building it", err=True)
        _run(lambda: build_issue(settings, date, progress=_say, edition=False))
        manifest = _run(lambda: read_manifest(settings.out, date)) or {}
    click.echo(_run(lambda: write_starting_file(settings, date, manifest, force=force)))
    editor = os.environ.get("EDITOR")
    if not editor:
        click.echo("Set $EDITOR to have it opened; then run: "
                   f"digest build --date {date.isoformat()} --force", err=True)
        return
    click.edit(filename=str(path), editor=editor)
    click.echo(_run(lambda: check_edition(settings, date, manifest)))
    click.echo(f"Apply it with: digest build --date {date.isoformat()} --force", err=True)
