"""Offline sentence and word splitting.

Sentences come from pysbd, a rule-based splitter whose rules ship inside the
pip package (no data download; 47 of the 48 "Golden Rules" in
``../shared/data/sentences``). pysbd is thorough but slow (about 40 ms for a
600-word article), so :func:`split_sentences` puts a fast pass in front of it:

1. Sentences run together without a space ("at home.Half of") get one.
2. A regular expression cuts the text at *plain* boundaries: ``.``, ``!`` or
   ``?`` (and closing quotes) after an ordinary word that is not one of
   pysbd's abbreviations for the language, followed by space and a capital
   letter or an opening quote. pysbd splits at such places too, except
   inside quotation marks: it keeps a quotation of several sentences whole,
   and as news paragraphs often open a quote they never close, that can be a
   whole paragraph; here each sentence of a quotation is a sentence.
3. A piece left between two plain boundaries that holds no other sentence
   punctuation followed by a space is one sentence as it is. Only pieces that
   still hold something ambiguous (``Mr.``, ``U.S.``, ``5 p.m.``, ``...``,
   ``"Why?" she asked``, list numbers) go through pysbd.

On news text most pieces are plain, which makes splitting 10-20x faster with
pysbd's answers (``bench/sentences.py`` prints both figures). Languages whose
sentences end in other marks ("。", "।", "؟", "։") go to pysbd directly.
"""

from __future__ import annotations

import functools
import re

import pysbd
from pysbd.languages import LANGUAGE_CODES

_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)

#: A candidate boundary: the word before it, sentence punctuation with any
#: closing quotes or brackets, white space, then a capital letter or digit
#: (maybe after an opening quote) starting the next sentence.
_BOUNDARY = re.compile(
    r"(?P<word>\S+?)(?P<stop>[.!?]+[\"'”’»)\]]*)(?P<space>\s+)(?=[\"'“‘«(\[]?[^\W\d_a-z])"
)
#: Anything in a piece that pysbd should look at: sentence punctuation
#: followed by white space and something other than a lower-case letter (after
#: which no splitter ends a sentence), an ellipsis, a line break, or list
#: markers ("•", "1)", "a)").
_AMBIGUOUS = re.compile(
    r"(?P<stop>[.!?…])[\"'”’»)\]]*(?:\s+(?![a-z])|$)|\.\.|\n|[•▪]|(?:^|\s)(?:\d{1,2}|[a-z])\)\s"
)
#: Two sentences run together without a space, as in text flattened from web
#: pages ("at home.Half of parents", "in 2007.The firm", "(ASI).It",
#: 'her title."She said', 'he said."We were', '"a new low".The'); not a domain or e-mail address
#: ("www.Example.com", "Jane.Doe@example.com"); a score may end the first ("won 3-1.City had").
#: ``quote`` is a quotation mark between the two, which closes the first sentence or opens the second.
_GLUED = re.compile(
    r"(?<=[.!?])(?:(?<=[^\W_]{2}[.!?])|(?<=[^\W_][)\"”’][.!?])|(?<=\d-\d[.]))(?P<quote>[\"”]?)"
    r"(?=[\"“]?(?:[^\W\d_a-z][^\W\d_A-Z]+\b(?![.@]\w)|[AI] [^\W\d_]|I['’][a-z]))"
)


#: The same with an acronym starting the second sentence ("in May.UKIP's", "in Russia.BBC Monitoring"),
#: after a word of lower-case letters (not "U.S.", "ASP.NET"), not before a list of codes ("Bagle.AT,").
_GLUED_CAPS = re.compile(r"(?<=[^\W\d_][^\W\d_A-Z]{2}\.)(?=[^\W\d_a-z]{2,}(?:['’]s)?\s+(?!and\b|or\b)[^\W_])")
#: A comma glued to the next word ("with Wada,Igor", "£2,980,815,The"): a space; before a word that
#: only starts a sentence ("The", "It", "He") it was a full stop lost in the flattening.
_GLUED_COMMA = re.compile(r"(?<=[^\W_]),(?=(?P<word>[^\W\d_a-z][^\W\d_A-Z]+)\b(?![.@]\w))")
_GLUE_HINT = re.compile(r"[a-z]\.[A-Z]{2}|\w,[A-Z]")
_STARTERS = frozenset("The It He She They We This These Those There Here His Her Their Its But However".split())


#: A closing straight quote set off by spaces after a full stop ('a lot to me. " Muir, who ...').
_SPACED_QUOTE = re.compile(r'(?<=[.!?]) "(?= [^\W\d_a-z])')


def opens_quotation(text: str, position: int) -> bool:
    """Whether a straight quotation mark at ``position`` opens a quotation: an even number come before it."""
    return text.count('"', 0, position) % 2 == 0


def _close_spaced_quote(match: re.Match[str]) -> str:
    # Closing only when it does not open one.
    return match.group() if opens_quotation(match.string, match.start()) else '"'


def _unglue_comma(match: re.Match[str]) -> str:
    return ". " if match.group("word") in _STARTERS else ", "


def _unglue(match: re.Match[str]) -> str:
    quote = match.group("quote")
    if quote == '"' and opens_quotation(match.string, match.start()):
        return ' "'
    return quote + " "
#: A plain word: two or more letters, letters mixed with digits ("3pm", "U2")
#: or a number of three or more digits (a year), with inner hyphens or apostrophes, maybe
#: inside quotes or brackets. Single letters (initials) and digits (list
#: numbers) are not plain.
_PLAIN_WORD = re.compile(
    r"[\"'“‘«(\[]?(?:[^\W\d_]{2,}|[^\W_]*[^\W\d_][^\W_]*\d[^\W_]*|[^\W_]*\d[^\W_]*[^\W\d_]|\d[\d,]+\d)"
    r"(?:[-'’][^\W_]+)*[\"'”’»)\]]*"
)


#: Languages whose sentences end in ".", "!" or "?" followed by a space: the
#: fast pass applies to them.
_FAST_LANGUAGES = frozenset({"bg", "da", "de", "en", "es", "fr", "it", "kk", "nl", "pl", "ru", "sk"})


@functools.cache
def _segmenter(language: str) -> pysbd.Segmenter:
    code = language if language in LANGUAGE_CODES else "en"
    return pysbd.Segmenter(language=code, clean=False)


@functools.cache
def _abbreviations(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """pysbd's abbreviations for the language, and those that only ever stand
    before a name ("Mr.", "Dr."), lower case without the final dot."""
    rules = LANGUAGE_CODES.get(language, LANGUAGE_CODES["en"]).Abbreviation
    extra = _TITLES if language == "en" else frozenset()
    return (frozenset(a.strip().lower() for a in rules.ABBREVIATIONS) | extra,
            frozenset(a.strip().lower() for a in rules.PREPOSITIVE_ABBREVIATIONS) | extra)


#: Titles before a name that pysbd does not know (news ranks and offices):
#: a full stop after them never ends a sentence ("Spc. John Smith", "then-Sen. Obama").
_TITLES = frozenset(
    "sen gov rep gen spc pfc sgt cpl pvt lt col capt maj adm cmdr supt insp det rev hon pres atty const cst".split()
)
#: A sentence ending on a US state's abbreviation (AP style) whose next piece opens on an abbreviated
#: title: "... along with Wash." + "Gov. Jay Inslee ..." is one sentence ("Calif. Gov. Jerry Brown").
_STATE_END = re.compile(
    r"(?:^|[\s(-])(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|"
    r"Neb|Nev|N\.[HJMYCD]|Okla|Ore|Pa|R\.I|S\.[CD]|Tenn|Tex|Vt|Va|Wash|W\.Va|Wis|Wyo)\.$"
)
_TITLE_START = re.compile(r"(?:Gov|Sen|Rep|Lt|Atty|Gen|Sgt|Det)\. [A-Z]")
#: A sentence ending on a clock time ("at 2:09 a.m.") whose next piece opens on a day, a month or a time
#: zone: AP style dates the time after it ("at 2:09 a.m. Thursday by a magnitude 4.6 earthquake").
_TIME_END = re.compile(r"\d\s?[ap]\.m\.$")
_TIME_GOES_ON = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|"
    r"Nov|Dec|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|BST|UTC)\b(?!['’])"
)
#: A sentence ending on a lone initial ("George R.", "by E!"): the name goes on in the next piece.
_INITIAL_END = re.compile(r"(?:^|[\s(])(?:[A-HJ-Z]\.|E!)$")


def _is_ambiguous(body: str, prepositive: frozenset[str]) -> bool:
    """True when a piece may hold a sentence boundary that only pysbd can judge."""
    for match in _AMBIGUOUS.finditer(body):
        if match.group("stop") != ".":
            return True
        # A full stop after "Mr", "Dr", "Gen"... never ends a sentence.
        start = match.start()
        word = body[body.rfind(" ", 0, start) + 1:start].lstrip("\"'“‘«([").lower()
        if word not in prepositive and word.rsplit("-", 1)[-1] not in prepositive:
            return True
    return False


def _is_plain(word: str, stop: str, abbreviations: frozenset[str]) -> bool:
    """True when a boundary after ``word`` + ``stop`` is certainly a sentence end."""
    if not _PLAIN_WORD.fullmatch(word):
        return False
    bare = word.lstrip("\"'“‘«([").lower()
    if stop[0] == "." and (len(stop) > 1 and stop[1] == "." or bare in abbreviations
                           or bare.rsplit("-", 1)[-1] in abbreviations):
        return False
    return True


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Split one paragraph (or any text) into sentences, stripped, none empty."""
    text = text.strip()
    if not text:
        return []
    if language not in _FAST_LANGUAGES and language in LANGUAGE_CODES:
        return [s.strip() for s in _segmenter(language).processor(text).process() if s.strip()]
    abbreviations, prepositive = _abbreviations(language)
    text = _GLUED.sub(_unglue, text)
    if _GLUE_HINT.search(text):  # one cheap scan; most paragraphs have no glued acronym or comma
        text = _GLUED_COMMA.sub(_unglue_comma, _GLUED_CAPS.sub(" ", text))
    if ' " ' in text:
        text = _SPACED_QUOTE.sub(_close_spaced_quote, text)
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _is_plain(match.group("word"), match.group("stop"), abbreviations):
            end = match.start("space")
            pieces.append(text[start:end])
            start = match.end("space")
    pieces.append(text[start:])
    sentences: list[str] = []
    for piece in pieces:
        # The piece's own final punctuation is not ambiguous: look before it.
        body = piece.rstrip(".!?\"'”’»)] ")
        if _is_ambiguous(body, prepositive):
            # processor().process() is segment() without its recovery of each
            # sentence's character span (a regex compiled per sentence); the
            # sentences are the same, and they are stripped here anyway.
            for sentence in _segmenter(language).processor(piece).process():
                sentence = sentence.strip()
                # pysbd sometimes leaves a closing quote to start the next sentence.
                if sentences and sentence[:1] in "’”»" and sentence[1:2] in ("", " "):
                    sentences[-1] += sentence[0]
                    sentence = sentence[1:].strip()
                if sentences and _INITIAL_END.search(sentences[-1]) and sentence:
                    sentences[-1] += " " + sentence  # "George R.R." + "Martin wrote ..."
                    continue
                sentences.append(sentence)
        else:
            sentences.append(piece.strip())
    sentences = [s for s in sentences if s]
    return _join_false_ends(sentences) if language == "en" else sentences


def _join_false_ends(sentences: list[str]) -> list[str]:
    """Sentences split between a state's abbreviation and a title ("Wash." / "Gov. Jay Inslee ...") or between
    a clock time and its day ("at 2:09 a.m." / "Thursday by ...") joined."""
    joined: list[str] = []
    for sentence in sentences:
        if joined and ((_TITLE_START.match(sentence) and _STATE_END.search(joined[-1]))
                       or (_TIME_GOES_ON.match(sentence) and _TIME_END.search(joined[-1]))):
            joined[-1] += " " + sentence
        else:
            joined.append(sentence)
    return joined


def split_words(text: str) -> list[str]:
    """Words of a sentence: runs of letters and digits, with inner hyphens and apostrophes."""
    return _WORD.findall(text)

