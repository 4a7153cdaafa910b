"""The command line: parse, call one library function, turn DigestError into one line."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, Callable

import click

from . import __version__
from .config import Settings, load_settings
from .errors import DigestError, ReadError
from .model import Article
from .output import article_record
from .readers import load_text, read_file
from .send import SendOptions, export_issue, send_issue

FORMATS = click.Choice(["text", "json", "jsonl"])


def _parse_date(_: click.Context, __: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _parse_since(_: click.Context, __: click.Parameter, value: str | None) -> dt.date | str | None:
    if value is None or value == "last":
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD, nor 'last'") from None


def _settings(ctx: click.Context, **overrides: Any) -> Settings:
    try:
        return load_settings(ctx.obj.get("config"), overrides=overrides)
    except DigestError as exc:
        raise click.ClickException(str(exc)) from None


def _run(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except DigestError as exc:
        raise click.ClickException(str(exc)) from None


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
@click.pass_context
def build(ctx: click.Context, date: dt.date, articles: Path | None, out: Path | None, days: int | None,
          bullets: int | None, max_words: int | None, templates: Path | None, force: bool, quiet: bool,
          since: dt.date | str | None,
          max_stories: int | None, word_budget: int | None, sections: str | None, workers: int | None) -> None:
    """Build the issue dated --date into OUT/DATE/.

    Writes index.html (the email), index.txt (its plain-text part) and
    issue.json (a manifest of every article file considered, and why it is or
    is not in the issue), then updates OUT/index.html (every issue) and
    OUT/feed.xml (Atom). Reports of the same event become one story. With
    --since, nothing new in the window means no issue and exit code 1.

    \b
    Example:
      digest build --date 2021-12-07
      digest build --date 2021-12-07 --days 7 --articles ~/news --force
      digest build --date 2021-12-14 --since last --max-stories 10
    """
    settings = _settings(ctx, articles=articles, out=out, days=days, bullets=bullets, max_words=max_words,
                         templates=templates, max_stories=max_stories, word_budget=word_budget, sections=sections, workers=workers)
    progress = (lambda _: None) if quiet else (lambda line: click.echo(line, err=True))
    from .pipeline import build as build_issue  # the summarizer's imports (sumy, NLTK) take seconds

    folder = _run(lambda: build_issue(settings, date, force=force, progress=progress, since=since))
    click.echo(folder / "index.html")


def _read_each(paths: tuple[Path, ...], read: Callable[[Path], Any]) -> tuple[list[Any], int]:
    """Read every file; a bad one gets one line on stderr and is counted, the rest go on."""
    results, failures = [], 0
    for path in paths:
        try:
            results.append(read(path))
        except DigestError as exc:
            click.echo(f"Error: {exc}", err=True)
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
    from .summarize import summarize as summarize_article  # sumy and NLTK take seconds to import

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
        config_file=ctx.obj.get("config"), announce=click.echo,
        progress=lambda line: click.echo(line, err=True)))


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
@click.pass_context
def send(ctx: click.Context, date: dt.date, to: tuple[str, ...], recipients: Path | None, out: Path | None,
         rate: str | None, dry_run: bool, insecure: bool, resend_unknown: bool, retry_failed: bool,
         force: bool, quiet: bool) -> None:
    """Send the issue built for --date by SMTP, exactly once per recipient.

    The server comes from smtp_url (digest.toml or DIGEST_SMTP_URL) and the
    password from DIGEST_SMTP_PASSWORD or DIGEST_SMTP_URL, never from a file.
    A ledger beside the issue (OUT/DATE.send-ledger.sqlite) records every
    recipient, so running the same command again after a crash sends only to
    those not yet sent. Exit code 0 when every recipient has the issue.

    \b
    Example:
      digest send --date 2021-12-07 --to me@example.com --dry-run
      DIGEST_SMTP_URL=smtp://apikey:SECRET@smtp.sendgrid.net:587 \\
        digest send --date 2021-12-07 --recipients subscribers.csv --rate 10
    """
    settings = _settings(ctx, out=out, send_rate=rate)
    options = SendOptions(to=to, recipients_file=recipients, dry_run=dry_run, insecure=insecure, force=force,
                          resend_unknown=resend_unknown, retry_failed=retry_failed)
    bar = _SendProgress(quiet, "Building" if dry_run else "Sending")
    try:
        report = _run(lambda: send_issue(settings, date, options, progress=bar))
    finally:
        bar.finish()
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        raise SystemExit(1)


@main.command()
@click.option("--date", "date", required=True, callback=_parse_date, help="Issue date, YYYY-MM-DD.")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder holding the built issue (default: out).")
@click.option("--unsubscribe", "unsubscribe_text", metavar="TEXT",
              help="What the unsubscribe link becomes, e.g. a mail service's merge tag (default: the mailto link).")
@click.pass_context
def export(ctx: click.Context, date: dt.date, out: Path | None, unsubscribe_text: str | None) -> None:
    """Write the issue built for --date as one email file, OUT/DATE/issue.eml.

    The message is the one `digest send` sends, addressed to the newsletter
    itself (To = From) with no per-recipient link: ready to open in a mail
    client or to hand to a mail service.

    \b
    Example:
      digest export --date 2021-12-07
      digest export --date 2021-12-07 --unsubscribe '*|UNSUB|*'
    """
    settings = _settings(ctx, out=out)
    click.echo(_run(lambda: export_issue(settings, date, unsubscribe_text=unsubscribe_text)))


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
        click.echo(line)
    if not report.ok:
        raise SystemExit(1)
