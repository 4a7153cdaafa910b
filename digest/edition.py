"""The editor's hand: ``editions/<date>.toml`` pins, drops, rewrites and adds stories, and sets an intro.

An edition file is plain TOML kept with the user's sources (the ``editions``
setting, never inside ``out/``, which is published). Every build of the date
applies it after the stories are arranged and before they are fitted and
rendered, so a rebuild after new articles arrive keeps the editor's work.
Stories are named by short ids made from their lead article (its URL, else its
path below the articles folder): the same story keeps its id across rebuilds,
and an id of another report of the same event (``Story.also``) still finds
the story when a better report has become its lead.

Editor-written text is treated like article text: escaped in the HTML, never
filled as a template; links must be http(s) (mailto too in the intro).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence
from urllib.parse import urlsplit

from .arrange import OTHER_SECTION, SectionMode, apply_budgets, section_of
from .atomic import write_atomic
from .config import Settings
from .errors import DigestError, EditionError, option
from .model import Article, Edit, EditionSummary, Issue, Omission, Story, Summary
from .progress import Progress, quiet

#: Hex digits of a story id: 32 bits, so two stories of an issue practically never share one.
ID_LENGTH = 8
#: What an id given by hand to an [[extra]] story may look like.
HAND_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")
EDITION_KEYS = ("subject", "intro", "order", "drop", "stories", "extra")
STORY_FIELDS = ("title", "lede", "bullets", "section")
EXTRA_FIELDS = ("id", "title", "url", "lede", "bullets", "section", "source")
#: The reasons arrange.apply_budgets gives; such stories are budgeted again after the edits.
BUDGETS = (Omission.STORY_BUDGET, Omission.WORD_BUDGET)



@dataclass(frozen=True)
class StoryEdit:
    """``[stories.<id>]``: the fields the editor rewrites (None: keep the summarizer's)."""

    title: str | None = None
    lede: str | None = None
    bullets: tuple[str, ...] | None = None
    section: str | None = None


@dataclass(frozen=True)
class ExtraStory:
    """``[[extra]]``: a story written by hand."""

    title: str
    url: str | None = None
    lede: str = ""
    bullets: tuple[str, ...] = ()
    section: str | None = None
    source: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Edition:
    """One edition file, read and checked for its own sake (ids are checked against the issue later)."""

    path: Path
    subject: str | None = None
    intro: str = ""
    order: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    stories: Mapping[str, StoryEdit] = field(default_factory=dict)
    extras: tuple[ExtraStory, ...] = ()


# --- Story ids ---------------------------------------------------------------


def _url_key(url: str | None) -> str | None:
    """The article's link without what does not name the page (fragment, trailing slash, case of host)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.netloc.lower()}{parts.path.rstrip('/')}{query}"


def _path_key(path: str, articles: Path) -> str:
    """The file's path below the articles folder (so a different spelling of the folder changes nothing)."""
    file = Path(path)
    for base, target in ((articles, file), (articles.resolve(), file.resolve())):
        try:
            return target.relative_to(base).as_posix()
        except ValueError:
            continue
    return file.as_posix()


def _hash(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:ID_LENGTH]


def article_id(article: Article, articles: Path) -> str:
    """The id a story led by ``article`` gets: from its URL, else its path."""
    return _hash(_url_key(article.url) or "file:" + _path_key(article.path, articles))


def assign_ids(issue: Issue, articles: Path) -> Issue:
    """Every story with its id; stories from one file without links (a feed) are told apart by title."""
    ids = [story.id or article_id(story.article, articles) for story in issue.stories]
    seen: dict[str, int] = {}
    for position, story in enumerate(issue.stories):
        story_id = ids[position]
        if story_id in seen:
            story_id = _hash(f"{_url_key(story.article.url) or _path_key(story.article.path, articles)}\n{story.article.title}")
            suffix = 2
            while story_id in seen:
                story_id, suffix = f"{ids[position]}-{suffix}", suffix + 1
        seen[story_id] = position
        ids[position] = story_id
    stories = tuple(dataclasses.replace(s, id=i) for s, i in zip(issue.stories, ids))
    return dataclasses.replace(issue, stories=stories)


# --- Reading and checking an edition file --------------------------------------


def edition_path(settings: Settings, date: dt.date) -> Path:
    """``<editions>/<date>.toml``."""
    return settings.editions / f"{date.isoformat()}.toml"


def load_edition(path: Path) -> Edition | None:
    """The edition in ``path``, or None when there is no such file. Bad TOML names the file and line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise EditionError(f"{path}: is a folder, not an edition file") from None
    except OSError as exc:
        raise EditionError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise EditionError(f"{path}, line {line}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if found:
            message = message.replace(found.group(0), "").strip()
            raise EditionError(f"{path}, line {found.group(1)}: bad TOML: {message} "
                               f"(column {found.group(2)})") from None
        raise EditionError(f"{path}: bad TOML: {message}") from None
    return _edition(path, data)


def _edition(path: Path, data: dict[str, Any]) -> Edition:
    where = str(path)
    _known_keys(where, "", data, EDITION_KEYS)
    stories_table = data.get("stories", {})
    if not isinstance(stories_table, dict):
        raise EditionError(f"{where}: stories must be tables, [stories.<id>]")
    stories = {}
    for story_id, table in stories_table.items():
        name = f"[stories.{story_id}]"
        if not isinstance(table, dict):
            raise EditionError(f"{where}: {name} must be a table of {', '.join(STORY_FIELDS)}")
        _known_keys(where, name + " ", table, STORY_FIELDS)
        stories[story_id] = StoryEdit(
            title=_text(where, name, "title", table.get("title"), required=False, empty_ok=False),
            lede=_text(where, name, "lede", table.get("lede"), required=False),
            bullets=_bullets(where, name, table.get("bullets")),
            section=_text(where, name, "section", table.get("section"), required=False, empty_ok=False),
        )
    extra_tables = data.get("extra", [])
    if not isinstance(extra_tables, list) or not all(isinstance(t, dict) for t in extra_tables):
        raise EditionError(f"{where}: extra stories must be [[extra]] tables")
    extras = []
    for number, table in enumerate(extra_tables, 1):
        name = f"[[extra]] #{number}"
        _known_keys(where, name + " ", table, EXTRA_FIELDS)
        url = _text(where, name, "url", table.get("url"), required=False)
        if url is not None and _url_key(url) is None:
            raise EditionError(f"{where}: {name}: url {url!r} is not an http or https link")
        hand_id = _text(where, name, "id", table.get("id"), required=False)
        if hand_id is not None and not HAND_ID.fullmatch(hand_id):
            raise EditionError(f"{where}: {name}: id {hand_id!r} may hold only letters, digits, - and _")
        extras.append(ExtraStory(
            title=_text(where, name, "title", table.get("title"), required=True, empty_ok=False) or "",
            url=url or None,
            lede=_text(where, name, "lede", table.get("lede"), required=False) or "",
            bullets=_bullets(where, name, table.get("bullets")) or (),
            section=_text(where, name, "section", table.get("section"), required=False, empty_ok=False),
            source=_text(where, name, "source", table.get("source"), required=False, empty_ok=False),
            id=hand_id,
        ))
    intro = data.get("intro", "")
    if not isinstance(intro, str):
        raise EditionError(f"{where}: intro must be a string (Markdown; \"\"\"...\"\"\" for several lines)")
    if intro.strip():
        from .intro import intro_problems

        problems = intro_problems(intro)
        if problems:
            raise EditionError(f"{where}: intro: {problems[0]}")
    return Edition(
        path=path,
        subject=_text(where, "", "subject", data.get("subject"), required=False, empty_ok=False),
        intro=intro.strip(),
        order=_ids(where, "order", data.get("order", [])),
        drop=_ids(where, "drop", data.get("drop", [])),
        stories=stories,
        extras=tuple(extras),
    )


def _known_keys(where: str, name: str, table: Mapping[str, Any], known: Sequence[str]) -> None:
    unknown = [key for key in table if key not in known]
    if unknown:
        raise EditionError(f"{where}: {name}unknown key {unknown[0]!r}; the keys are {', '.join(known)}")


def _text(where: str, name: str, key: str, value: Any, required: bool, empty_ok: bool = True) -> str | None:
    label = f"{name} {key}".strip()
    if value is None:
        if required:
            raise EditionError(f"{where}: {label} is missing")
        return None
    if not isinstance(value, str):
        raise EditionError(f"{where}: {label} must be a string, not {value!r}")
    text = " ".join(value.split())
    if not text and not empty_ok:
        raise EditionError(f"{where}: {label} is empty")
    return text


def _bullets(where: str, name: str, value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(b, str) for b in value):
        raise EditionError(f"{where}: {name} bullets must be a list of strings")
    return tuple(text for text in (" ".join(b.split()) for b in value) if text)


def _ids(where: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(i, str) for i in value):
        raise EditionError(f"{where}: {key} must be a list of story ids, like {key} = [\"3f9c2a1b\"]")
    return tuple(dict.fromkeys(i.strip() for i in value))  # listed twice: once is what was meant


# --- Applying an edition ------------------------------------------------------------


def _words(*parts: str) -> int:
    return sum(len(part.split()) for part in parts)


def _check_words(where: str, name: str, lede: str, bullets: Sequence[str], max_words: int | None) -> None:
    if max_words is None:
        return
    if _words(lede) > max_words:
        raise EditionError(f"{where}: {name} lede has {_words(lede)} words, over the word budget of {max_words} "
                           f"(max_words); shorten it")
    if _words(lede, *bullets) > max_words:
        raise EditionError(f"{where}: {name} lede and bullets have {_words(lede, *bullets)} words, over the word "
                           f"budget of {max_words} (max_words); shorten them")


def _rewrite(story: Story, change: StoryEdit, where: str, max_words: int | None) -> Story:
    summary, article, edits = story.summary, story.article, list(story.edits)
    name = f"[stories.{story.id}]"
    if change.title is not None:
        edits.append(Edit("title", article.title))
        article = dataclasses.replace(article, title=change.title)
    bullets = summary.bullets
    if change.bullets is not None:
        edits.append(Edit("bullets", summary.bullets))
        bullets = change.bullets
    if change.lede is not None:
        edits.append(Edit("lede", summary.lede))
        if change.bullets is None and max_words is not None:
            # The summarizer's bullets give way to the editor's lede, as they do to its own.
            kept: list[str] = []
            for bullet in bullets:
                if _words(change.lede, *kept, bullet) > max_words:
                    break
                kept.append(bullet)
            bullets = tuple(kept)
        summary = dataclasses.replace(summary, lede=change.lede)
    if change.lede is not None or change.bullets is not None:
        _check_words(where, name, summary.lede, bullets, max_words)
        summary = dataclasses.replace(summary, bullets=bullets)
    if change.section is not None:
        edits.append(Edit("section", story.section))
    return dataclasses.replace(story, article=article, summary=summary, edits=tuple(edits),
                               section=change.section if change.section is not None else story.section)


def _extra_story(extra: ExtraStory, number: int, edition: Edition, issue: Issue, settings: Settings) -> Story:
    where = str(edition.path)
    _check_words(where, f"[[extra]] #{number}", extra.lede, extra.bullets, settings.max_words)
    host = urlsplit(extra.url).hostname if extra.url else None
    article = Article(
        path=f"{edition.path}#extra-{number}",
        title=extra.title,
        body="\n\n".join(part for part in (extra.lede, *extra.bullets) if part),
        date=issue.date,
        source=extra.source or (host.removeprefix("www.") if host else settings.newsletter_name),
        url=extra.url,
        language=settings.language,
    )
    summary = Summary(lede=extra.lede, bullets=extra.bullets,
                      reading_minutes=max(1, round(_words(extra.lede, *extra.bullets) / 230)))
    return Story(article=article, summary=summary, section=extra.section, id=extra_id(extra), edits=(Edit("added"),))


def extra_id(extra: ExtraStory) -> str:
    """A hand-written story's id: its own, else from its URL, else from its title."""
    return extra.id or _hash(_url_key(extra.url) or "extra:" + extra.title)


def _valid_ids(stories: Sequence[Story]) -> str:
    return "; ".join(f"{s.id} ({_short(s.article.title)})" for s in stories)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def apply_edition(issue: Issue, edition: Edition, settings: Settings) -> Issue:
    """``issue`` (its stories with ids) as the edition file wants it.

    Pinned stories come first, in the file's order, then hand-written stories
    that are not pinned, then the others in their arranged order. Dropped
    stories stay in the manifest, marked omitted. The story and word budgets
    are applied again (a drop makes room), but never to pinned or hand-written
    stories; sections are grouped again (the first pinned story's section
    first). Raises :class:`EditionError` for an id no story has.
    """
    where = str(edition.path)
    stories = list(issue.stories)
    extras = [_extra_story(x, n, edition, issue, settings) for n, x in enumerate(edition.extras, 1)]
    index: dict[str, int] = {}
    for position, story in enumerate(stories):
        index.setdefault(story.id, position)
    for extra in extras:
        if extra.id in index:
            other = stories[index[extra.id]] if index[extra.id] < len(issue.stories) else None
            what = f"the story {other.article.title!r}" if other else "another extra story"
            raise EditionError(f"{where}: the extra story {extra.article.title!r} has the id {extra.id} of {what}; "
                               f"rewrite that one in [stories.{extra.id}] instead, or give the extra an id")
        index[extra.id] = len(stories)
        stories.append(extra)
    # An id of another report of the story (a lead that changed since the file was written) finds it too.
    for position, story in enumerate(issue.stories):
        for other in story.also:
            index.setdefault(article_id(other, settings.articles), position)

    named = [(i, "order") for i in edition.order] + [(i, "drop") for i in edition.drop] + \
            [(i, f"[stories.{i}]") for i in edition.stories]
    unknown = [(i, what) for i, what in named if i not in index]
    if unknown:
        listed = ", ".join(f"{i!r} ({what})" for i, what in unknown)
        raise EditionError(f"{where}: no story in the issue of {issue.date.isoformat()} has the id {listed}; "
                           f"the ids are: {_valid_ids(stories)}")
    both = [i for i in edition.order if index[i] in {index[d] for d in edition.drop}]
    if both:
        raise EditionError(f"{where}: {both[0]!r} is both pinned (order) and dropped (drop); keep one")

    rewritten = 0
    for story_id, change in edition.stories.items():
        position = index[story_id]
        if change != StoryEdit():
            rewritten += 1
        stories[position] = _rewrite(stories[position], change, where, settings.max_words)
    pinned = list(dict.fromkeys(index[i] for i in edition.order))
    dropped = set(index[i] for i in edition.drop)
    for position in pinned:
        stories[position] = dataclasses.replace(stories[position], edits=stories[position].edits + (Edit("pinned"),))
    reason = f"dropped in {edition.path}"
    for position in dropped:
        stories[position] = dataclasses.replace(stories[position].left_out(Omission.DROPPED, reason),
                                                edits=stories[position].edits + (Edit("dropped"),))

    first = len(issue.stories)
    ordered = pinned + [p for p in range(first, len(stories)) if p not in pinned] + \
        [p for p in range(first) if p not in pinned]
    chosen = set(pinned) | set(range(first, len(stories)))
    result = _budget([stories[p] for p in ordered], [p in chosen for p in ordered], settings)
    if not any(s.omitted is None for s in result):
        raise EditionError(f"{where}: the edition drops every story of the issue; nothing would be left to send")
    warnings: list[str] = []
    result = _sections(result, {stories[p].id for p in pinned}, settings, warnings, where)
    summary = EditionSummary(file=str(edition.path), pinned=len(pinned), dropped=len(dropped), rewritten=rewritten,
                             added=len(extras), intro=bool(edition.intro), subject=edition.subject is not None)
    return dataclasses.replace(issue, stories=tuple(result), intro=edition.intro, subject=edition.subject,
                               edition=summary, warnings=issue.warnings + tuple(warnings))


def _budget(stories: list[Story], exempt: list[bool], settings: Settings) -> list[Story]:
    """The story and word budgets again over the new order; the editor's own choices are always shown."""
    candidates = [s.omitted is None or s.omission in BUDGETS for s in stories]
    pool = [s.put_back() for s, c in zip(stories, candidates) if c]
    budgeted = iter(apply_budgets(pool, settings.max_stories, settings.word_budget))
    result = []
    for story, candidate, keep in zip(stories, candidates, exempt):
        if candidate:
            story = next(budgeted)
            if keep:
                story = story.put_back()
        result.append(story)
    return [s for s in result if s.omitted is None] + [s for s in result if s.omitted is not None]


def _sections(stories: list[Story], pinned: set[str], settings: Settings, warnings: list[str],
              where: str) -> list[Story]:
    """Group by section again: sections in the order of their first shown story; "More news" last
    unless it holds a pinned story. A section the edition sets turns sections on (unless they are off)."""
    has_sections = any(s.section for s in stories if s.omitted is None)
    if not has_sections:
        asked = [s for s in stories if s.section]
        if not asked:
            return stories
        if settings.sections == SectionMode.OFF:
            warnings.append(f"{where}: sections are off (the sections setting), so the sections it sets are not shown")
            return [dataclasses.replace(s, section=None) for s in stories]
    labelled = [s if s.section else dataclasses.replace(s, section=section_of(s)) for s in stories]
    shown = [s for s in labelled if s.omitted is None]
    order = list(dict.fromkeys(s.section for s in shown))
    if OTHER_SECTION in order and not any(s.id in pinned for s in shown if s.section == OTHER_SECTION):
        order.remove(OTHER_SECTION)
        order.append(OTHER_SECTION)
    grouped = [s for name in order for s in shown if s.section == name]
    return grouped + [s for s in labelled if s.omitted is not None]


def edit_issue(issue: Issue, settings: Settings, progress: Progress = quiet,
               use_edition: bool = True) -> Issue:
    """The pipeline's edit stage: a new Issue with story ids, then the edition file's changes for its date, if any."""
    issue = assign_ids(issue, settings.articles)
    if not use_edition:
        return issue
    path = edition_path(settings, issue.date)
    edition = load_edition(path)
    if edition is None:
        return issue
    if _inside(path, settings.out):
        raise EditionError(f"{path}: edition files must not be inside the output folder {settings.out}, "
                           f"which is published; set editions to a folder of your own")
    issue = apply_edition(issue, edition, settings)
    if issue.edition is not None:
        progress(issue.edition.text())
    return issue


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


# --- digest edit: a starting file; digest build --list ----------------------------


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's; DEL must be escaped too)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007F")


def _comment(text: str) -> str:
    return " ".join(text.split())


def _original(story: Mapping[str, Any], key: str) -> Any:
    original = story.get("original") or {}
    return original[key] if isinstance(original, dict) and key in original else story.get(key)


def starting_file(manifest: Mapping[str, Any], settings: Settings, date: dt.date) -> str:
    """An edition file listing every story of the built issue, all commented out: applied as it is, it changes nothing."""
    stories = [s for s in manifest.get("stories") or [] if isinstance(s, dict)
               and "added" not in (s.get("edited") or [])]
    iso = date.isoformat()
    lines = [
        f"# The edition of {settings.newsletter_name} for {iso}: the editor's changes to the built issue.",
        f"# Every `digest build --date {iso}` applies it (add --force to rebuild an issue).",
        "# Uncomment and edit what you need; docs/editions.md tells every key.",
        "",
        "# The email's Subject line (default: the subject setting).",
        f"# subject = {_toml_string(f'{settings.newsletter_name}, {date.day} {date:%B %Y}')}",
        "",
        "# A few words from the editor, in Markdown, at the top of both the HTML and the text part.",
        '# intro = """',
        "# Good morning. Today: **three things** worth your time, and [our survey](https://example.com/survey).",
        '# """',
        "",
        "# Stories shown first, in this order (the others follow in their usual order):",
        "# order = [",
        *[f"#   {_toml_string(s.get('id') or '')},  # {_comment(_short(str(_original(s, 'title')), 60))}"
          for s in stories],
        "# ]",
        "",
        "# Stories left out of the email (they stay listed in issue.json):",
        "# drop = []",
        "",
        "# The stories, in the built order. To rewrite one, uncomment its [stories.<id>] line and the fields",
        '# you change; section = "Sport" puts a story under that heading.',
    ]
    for story in stories:
        status = "shown" if story.get("shown", True) else f"not shown: {story.get('omitted')}"
        sources = ", ".join(str(a.get("source") or a.get("path")) for a in story.get("articles") or []
                            if isinstance(a, dict))
        lines += ["", f"# [stories.{story.get('id')}]  # {_comment(status)}; {_comment(_short(sources, 60))}",
                  f"# title = {_toml_string(str(_original(story, 'title') or ''))}",
                  f"# lede = {_toml_string(str(_original(story, 'lede') or ''))}",
                  "# bullets = ["]
        lines += [f"#   {_toml_string(str(b))}," for b in _original(story, "bullets") or []]
        lines += ["# ]"]
        section = _original(story, "section")
        if section:
            lines.append(f"# section = {_toml_string(str(section))}")
    lines += ["", "# A story written by hand (repeat the block for more); id is optional, for order and drop.",
              "# [[extra]]", '# title = "A story of our own"', '# url = "https://example.com/story"',
              '# lede = "One sentence on what happened."', '# bullets = ["A detail.", "Another."]',
              '# section = "More news"', '# id = "our-story"', ""]
    return "\n".join(lines)


def read_manifest(out: Path, date: dt.date) -> dict[str, Any] | None:
    """``out/<date>/issue.json``, or None when the issue is not built."""
    path = out / date.isoformat() / "issue.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise EditionError(f"{path}: cannot be read ({exc}); rebuild the issue with {option('force')}") from None
    return data if isinstance(data, dict) else None


def write_starting_file(settings: Settings, date: dt.date, manifest: Mapping[str, Any], force: bool = False) -> Path:
    """Write :func:`starting_file` to the date's edition file (atomically); an existing one only with ``force``."""
    path = edition_path(settings, date)
    if path.exists() and not force:
        raise EditionError(f"{path} exists already; edit it, or use {option('force')} to start it again")
    try:
        write_atomic(path, starting_file(manifest, settings, date))
    except DigestError as exc:
        raise EditionError(str(exc)) from None
    return path


def check_edition(settings: Settings, date: dt.date, manifest: Mapping[str, Any]) -> str:
    """Read the date's edition file and check its ids against the built issue's; a line saying what it does."""
    path = edition_path(settings, date)
    edition = load_edition(path)
    if edition is None:
        raise EditionError(f"{path} does not exist")
    known: set[str] = set()
    titles = []
    for story in manifest.get("stories") or []:
        if isinstance(story, dict) and "added" not in (story.get("edited") or []):
            known.add(str(story.get("id")))
            titles.append(f"{story.get('id')} ({_short(str(_original(story, 'title')))})")
    extra_ids = {extra_id(x) for x in edition.extras}
    named = [*edition.order, *edition.drop, *edition.stories]
    unknown = [i for i in named if i not in known | extra_ids]
    if unknown:
        raise EditionError(f"{path}: no story in the issue of {date.isoformat()} has the id "
                           f"{', '.join(repr(i) for i in unknown)}; the ids are: {'; '.join(titles)}")
    parts = [f"{len(edition.order)} pinned", f"{len(edition.drop)} dropped",
             f"{sum(1 for c in edition.stories.values() if c != StoryEdit())} rewritten", f"{len(edition.extras)} added"]
    return f"{path}: {', '.join(parts)}"


def story_lines(folder: Path) -> list[str]:
    """``digest build --list``: each story of the built issue with its id, shown ones first."""
    try:
        manifest = json.loads((folder / "issue.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EditionError(f"{folder / 'issue.json'}: cannot be read ({exc})") from None
    lines = []
    for story in manifest.get("stories") or []:
        notes = []
        if story.get("edited"):
            notes.append("edited: " + ", ".join(story["edited"]))
        if not story.get("shown", True):
            notes.append(f"not shown: {story.get('omitted')}")
        section = f"[{story['section']}] " if story.get("section") else ""
        lines.append(f"{story.get('id')}  {section}{story.get('title')}" + (f"  ({'; '.join(notes)})" if notes else ""))
    return lines
