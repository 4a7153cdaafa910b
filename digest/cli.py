"""The command line: parse, call one library function, turn DigestError into one line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Callable

import click

from . import __version__
from .config import Settings, load_settings
from .errors import DigestError, ReadError
from .model import Article
from .output import article_record
from .pipeline import build as build_issue
from .readers import load_text, read_file
from .summarize import summarize as summarize_article

FORMATS = click.Choice(["text", "json", "jsonl"])


def _parse_date(_: click.Context, __: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


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
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False), help="Folder of templates that override the shipped ones.")
@click.option("--force", is_flag=True, help="Replace an issue that was built before.")
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
@click.pass_context
def build(ctx: click.Context, date: dt.date, articles: Path | None, out: Path | None, days: int | None,
          bullets: int | None, templates: Path | None, force: bool, quiet: bool) -> None:
    """Build the issue dated --date into OUT/DATE/.

    Writes index.html (the email), index.txt (its plain-text part) and
    issue.json (a manifest of every article file considered, and why it is or
    is not in the issue).

    \b
    Example:
      digest build --date 2021-12-07
      digest build --date 2021-12-07 --days 7 --articles ~/news --force
    """
    settings = _settings(ctx, articles=articles, out=out, days=days, bullets=bullets, templates=templates)
    progress = (lambda _: None) if quiet else (lambda line: click.echo(line, err=True))
    folder = _run(lambda: build_issue(settings, date, force=force, progress=progress))
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
    else:
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
