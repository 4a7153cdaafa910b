"""Telling a scraped page's article text from its clutter, line by line.

A scraped page is every visible line of a news page: navigation, the headline,
bylines and captions, the body with its subheads, then related stories,
headline lists, share and "Follow" lines, copyright and cookie text. The body
is the one long run of prose lines. Each line gets a score (long prose lines
score high, short and menu-like lines below zero, known clutter far below);
the body is the run with the highest total, preferring the run that starts
just below the headline. Short lines inside that run (subheads, a quoted
tweet's attribution) stay; known clutter inside it (advertisement labels,
image credits, share buttons) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import find_date, is_dateline

#: Lines that are page furniture wherever they stand, in any position.
CLUTTER_LINE = re.compile(
    r"^(advertisement|advertising|anzeige|publicidade|publicidad|pubblicità|реклама|sponsored"
    r"|story continues below|continue reading|read more|read next|related|recommended|see also|more from\b"
    r"|share\b|share this|tweet\b|email\b|print\b|comments?\b|\d+\s+comments?"
    r"|follow\b|sign up\b|subscribe\b|newsletter|log ?in\b|sign in\b|register\b"
    r"|(image|photo|picture|video)\s*(credit|source)?s?\s*:|credit\s*:|getty images|shutterstock"
    r"|©|\(c\)\s*\d{4}|copyright\b|all rights reserved|you rely on\b"
    r"|tags?\s*:|topics?\s*:|filed under|posted in|categories\s*:"
    r"|facebook|twitter|whatsapp|linkedin|pinterest|reddit|instagram)",
    re.IGNORECASE,
)
#: Consent banners and legal small print, anywhere in a line.
CONSENT = re.compile(
    r"\bcookies?\b.*\b(consent|polic|preferences|browser|use|accept)|privacy policy|terms of (use|service)"
    r"|\bconsenting to\b|by clicking|personal (information|data)",
    re.IGNORECASE,
)
#: Image captions and credits: "... Credit: Getty", "(Photo: AP)", "[Reuters]", "/Getty Images".
CAPTION = re.compile(
    r"\b(credits?|photo(graph)?s?|image|picture|foto|bild)\s*:\s*\S|\[[^\]]{3,60}\]\s*$"
    r"|\((photo|image|picture|video|credit)[^)]{0,60}\)\s*$|/\s*(getty images|afp|reuters|ap|shutterstock|epa)\b"
    r"|\b(getty images|shutterstock|istock(photo)?)\b|^(click|tap) (here|to)\b"
    r"|\b(subscribe|newsletter|sign up|signup)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"[-+(]?[\d.,:%/]+\)?\*?")
_LIST_ITEM = re.compile(r"^(\d{1,2}[.)]|[-*\u2022\u2013\u00b7])\s+\S")
#: Headings of what follows an article: related stories, lists, comments, tags. The body ends there.
AFTER_BODY = re.compile(
    r"^(related|related (articles|stories|posts|content|coverage|news|links)|more (stories|news|from|on|in|articles)\b"
    r"|read (more|next|these next|also)|also read|see also|recommended|you (may|might) (also )?(like|enjoy|be interested)"
    r"|trending|most (read|popular|viewed|shared|watched)|popular (now|stories|posts)|top stories|latest (news|stories|posts)"
    r"|what to read next|editor'?s picks|don'?t miss|in case you missed it|around the web|from the web"
    r"|sponsored (content|stories)"
    r"|(leave a |post a )?(comment|reply)s?|join the (conversation|discussion)|comments? (are closed|policy)|\d+ comments?"
    r"|tags?|topics|filed under|categories|share (this|your thoughts|on)|about the author|more about"
    r"|você pode gostar|leia (também|mais)|veja também|mais lidas|notícias relacionadas|te puede interesar|lee también"
    r"|noticias relacionadas|vous aimerez aussi|à lire aussi|lire aussi|sur le même sujet|das könnte sie auch interessieren"
    r"|mehr zum thema|weitere artikel|potrebbe interessarti|leggi anche|articoli correlati|читайте также"
    r"|вам также может быть интересно|похожие (статьи|записи)|関連記事|관련기사)\b.{0,40}$",
    re.IGNORECASE,
)
#: Separators between a page title's headline and the site's name.
TITLE_SEPARATOR = re.compile(r"\s+[|\-\u2013\u2014:\u00b7\u2022\u00bb/]\s+")
_SENTENCE_END = ("." , "!", "?", "\u201d", '"', "\u2019", "'", ")", "\u2026", "\u3002", "\uff01", "\uff1f", "»", ":")
_DATE_WORDS = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
    "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
    "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thursday", "fri", "friday",
    "sat", "saturday", "sun", "sunday", "est", "edt", "gmt", "utc", "bst", "cet", "pst", "pdt", "published",
    "updated", "posted", "last", "modified", "ago", "hours", "minutes", "days", "the",
}
DATE_PATTERN_RESIDUE = re.compile(r"\b(\d{1,2}[:.]\d\d|[ap]\.?m\.?)\b", re.IGNORECASE)
#: CJK ideographs, kana, Hangul and full-width forms: one carries about as much as a short word.
_WIDE = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


@dataclass(frozen=True)
class Layout:
    """Where the parts of a scraped page stand, as line indexes."""

    headline: int | None
    body_start: int
    body_end: int
    dropped: tuple[int, ...] = ()


def weight(line: str) -> float:
    """A line's length in Latin-character equivalents (a CJK character counts three)."""
    return len(line) + 2 * len(_WIDE.findall(line))


def is_clutter(line: str) -> bool:
    """True for lines that are page furniture wherever they stand."""
    if weight(line) < 200 and (CLUTTER_LINE.match(line) or CAPTION.search(line)):
        return True
    return bool(CONSENT.search(line))


def ends_sentence(line: str) -> bool:
    return line.rstrip().endswith(_SENTENCE_END)


def is_bare_date(line: str) -> bool:
    """A line that is only a date (and maybe a time or weekday): a teaser's date, not a byline."""
    if find_date(line) is None or weight(line) > 50:
        return False
    rest = re.sub(r"\d", " ", DATE_PATTERN_RESIDUE.sub(" ", line))
    words = [w for w in re.findall(r"[^\W\d_]{3,}", rest) if w.casefold() not in _DATE_WORDS]
    return len(words) == 0


def line_score(line: str) -> float:
    """Positive for prose, negative for menus, teasers and furniture."""
    if AFTER_BODY.match(line):
        return -150.0
    if is_clutter(line):
        return -60.0
    size = weight(line)
    if size >= 100 or (size >= 50 and ends_sentence(line)):
        return min(size, 600.0) - 40.0 + (20.0 if ends_sentence(line) else 0.0)
    words = line.split()
    if ends_sentence(line) and len(words) >= 4:
        return 0.0  # a short sentence: neither prose nor menu
    if is_bare_date(line):
        return -15.0
    if len(words) >= 3 and sum(1 for w in words if _NUMBER.fullmatch(w)) >= 0.4 * len(words):
        return 5.0  # a table row
    if _LIST_ITEM.match(line) and len(words) >= 3:
        return 0.0
    if len(words) >= 6 and sum(1 for w in words if w[:1].isupper()) < 0.5 * len(words):
        return -3.0  # a phrase in sentence case: a list item more likely than a menu
    return -15.0


def best_run(scores: list[float], start: int = 0, stop: int | None = None) -> tuple[float, int, int]:
    """The run ``[i, j)`` of ``scores[start:stop]`` with the largest sum (Kadane)."""
    stop = len(scores) if stop is None else stop
    best = (float("-inf"), start, start)
    total, run_start = 0.0, start
    for index in range(start, stop):
        if total <= 0:
            total, run_start = 0.0, index
        total += scores[index]
        if total > best[0]:
            best = (total, run_start, index + 1)
    return best


def anchored_run(scores: list[float], start: int, reach: int = 8) -> tuple[float, int, int]:
    """The best run that begins within ``reach`` lines of ``start`` (the line after the headline)."""
    best = (float("-inf"), start, start)
    for first in range(start, min(start + reach, len(scores))):
        if scores[first] <= 0:
            continue
        total = 0.0
        for index in range(first, len(scores)):
            total += scores[index]
            if total > best[0]:
                best = (total, first, index + 1)
    return best


def normalise(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def headline_candidates(lines: list[str]) -> list[int]:
    """Lines below the first that repeat the page title's headline (line 1 is the page title)."""
    title = normalise(lines[0])
    parts = [normalise(p) for p in TITLE_SEPARATOR.split(lines[0])]
    heads = {title} | {p for p in parts if len(p) >= 12}
    found = []
    for index, line in enumerate(lines[1:], start=1):
        text = normalise(line)
        if len(text) < 12 or weight(line) > 300:
            continue
        if text in heads or (len(text) >= 25 and title.startswith(text)):
            found.append(index)
    return found


def find_layout(lines: list[str]) -> Layout:
    """Find the headline and the body among a scraped page's lines."""
    scores = _in_context([line_score(line) for line in lines])
    overall = best_run(scores, 1)
    headline = None
    chosen = overall
    for index in headline_candidates(lines):
        anchored = anchored_run(scores, index + 1)
        if anchored[0] >= min(0.4 * overall[0], 300.0):
            headline, chosen = index, anchored
            break
    _, start, end = chosen
    if headline is None:
        # The page title is the headline (the seed's layout) unless the body starts far below it.
        headline = 0 if start <= 6 else None
    start = _after_header(lines, headline, start)
    end = _before_after_body(lines, scores, start, end)
    while end > start and scores[end - 1] < 0:
        end -= 1
    dropped = tuple(i for i in range(start, end) if is_clutter(lines[i]))
    return Layout(headline=headline, body_start=start, body_end=end, dropped=dropped)


def _in_context(scores: list[float], window: int = 5) -> list[float]:
    """Short lines cost more the more short lines stand just above them (menus, lists, link blocks)."""
    result = []
    for index, score in enumerate(scores):
        if -20 < score < 0:
            crowd = sum(1 for s in scores[max(index - window, 0):index] if s < 0)
            score *= 1 + crowd
        result.append(score)
    return result


def _before_after_body(lines: list[str], scores: list[float], start: int, end: int) -> int:
    """Cut the run at the first heading of what follows an article, or at a related-story teaser."""
    seen_prose = 0
    for index in range(start, end):
        line = lines[index]
        if scores[index] > 0:
            seen_prose += 1
            continue
        if not seen_prose:
            continue
        if is_bare_date(line) and seen_prose >= 2 and _teaser_list_follows(lines, index, end):
            # A teaser: headline, maybe a standfirst, then its date.
            cut = index
            for back in (1, 2):
                if index - back > start and weight(lines[index - back]) < 250:
                    cut = index - back
            return cut
    return end


def _teaser_list_follows(lines: list[str], index: int, end: int) -> bool:
    """True when more dated teasers follow a date line (a list of related stories, each with its date)."""
    return sum(1 for line in lines[index + 1:end] if is_bare_date(line)) >= 1 or not any(
        weight(line) >= 100 for line in lines[index + 1:end])


def _after_header(lines: list[str], headline: int | None, start: int) -> int:
    """Move the body's start past a dateline that closes the header (standfirst, caption, date)."""
    if headline is None:
        return start
    for index in range(max(start, headline + 1), min(start + 4, len(lines))):
        if is_dateline(lines[index]):
            return index + 1
    return start
