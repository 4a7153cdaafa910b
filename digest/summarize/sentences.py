"""The body's sentences as summary material: page furniture removed, repaired, judged.

News text taken from web pages carries furniture that is not part of any
sentence: datelines ("LONDON (Reuters) -", "(CNN)"), bylines ("By . John Smith
. PUBLISHED: ..."), share bars ("Share this with Email Facebook ... Copy this
link"), "Scroll down for video", "Media playback is not supported on this
device". Photo captions lose their full stop when pages are flattened, so a
caption runs straight into the next sentence ("... on Friday The club said").
This module strips the furniture, splits such run-on captions off, and says
which sentences are fit to be a lede or a bullet.
"""

from __future__ import annotations

import re

from ..text import split_sentences, split_words

#: Bullets shorter than this are fragments ("He said no."), longer ones too
#: long to read at a glance. (On the CNN/DM dev set the 35-word cap costs 0.25
#: ROUGE-1 against no cap: some long early sentences are informative.)
MIN_BULLET_WORDS = 6
MAX_BULLET_WORDS = 35
#: Run-on captions are looked for only in sentences longer than this.
RUN_ON_WORDS = 25

_DATELINE = re.compile(
    # "(CNN)", "(The Hollywood Reporter)"
    r"^\([A-Z][\w.&'’ -]{1,40}\)\s*(?:--|[-–—:])?\s*(?=\S)"
    # "Kathmandu, Nepal (CNN) --", "LONDON (Reuters) -", "Boston (CNN)Guilty": after a place,
    # a dash or no space at all; "The Crown Prosecution Service (CPS) will" is a subject.
    r"|^[A-Z][\w.'’-]*(?:,?\s+[A-Z][\w.'’-]*){0,4},?\s*\([A-Z][\w.&'’ -]{1,40}\)(?:\s*(?:--|[-–—:])\s*|(?=\S))"
    # "WASHINGTON --", "LONDON, England —"
    r"|^[A-Z][A-Z.'’-]+(?:,?\s+[A-Z][\w.'’-]*){0,3}\s+(?:--|[-–—])\s+"
)
_FURNITURE = re.compile(
    r"Share this with\s?\S*?Copy this link|Scroll down for (?:video|videos|more)\b\.?"
    r"|Media playback is (?:not supported|unsupported) on (?:this|your) device\.?",
    re.IGNORECASE,
)
#: A Daily Mail style byline opening a paragraph: "By . Jane Doe . PUBLISHED: .
#: 10:37 EST, 2 July 2013 . | . UPDATED: . 12:13 EST, 2 July 2013 ."
_BYLINE = re.compile(
    r"^\s*By\s*\.\s*[^.]{1,80}?\s*\.\s*(?:(?:PUBLISHED|UPDATED)\s*:\s*\.\s*[^.|]{1,40}?\d{4}\s*\.\s*\|?\s*\.?\s*)*"
)
#: Sentences that are page furniture as a whole.
_JUNK = re.compile(
    r"^(?:By\b.{0,60}$|By\s*\.|PUBLISHED\b|UPDATED\b|Last updated\b|Updated\b.{0,40}\d{4}|Click here\b"
    r"|Follow\s+@|Sign up\b|Read more\b|READ MORE\b|Subscribe\b|Advertisement\b|Copyright\b|©"
    r"|(?:Photo|Picture|Image|Video|Credit)s?\s*:)"
    r"|\((?:Getty Images|AP|Reuters|AFP|PA)\)\s*$|All rights reserved",
    re.IGNORECASE,
)
#: Words that start a sentence after a caption lost its full stop.
_RUN_ON = re.compile(
    r"(?<=[a-z0-9%’'”)])\s+(?=(?:The|A|An|He|She|It|They|His|Her|Their|Police|But|This|In|Officers|Authorities)\s)"
)
#: Words after which a capitalized "The"/"A" is a title ("dubbed The Great Escape").
_TITLE_CUES = frozenset(
    "in of the a an to for on at by with from and or as into than that this is was be dubbed called named".split()
)
_OPENING_QUOTE = re.compile(r"^[\"“‘'«]")
_ANY_WORD = re.compile(r"\w")
#: First-person words: in news they stand inside quotations ("I'm fortunate
#: to be here"), whose speaker is in another sentence. Not "US", not "World War I".
_FIRST_PERSON = re.compile(r"\b(?:(?<!War )I|I['’](?:m|ve|ll|d)|[Mm]e|[Mm]y|[Ww]e|[Ww]e['’](?:re|ve|ll|d)|[Oo]urs?|us)\b")


def clean_sentence(sentence: str) -> str:
    """A sentence without datelines, share bars and other page furniture, white space normalised."""
    sentence = _FURNITURE.sub(" ", sentence).strip()
    sentence = _DATELINE.sub("", sentence, count=1).strip()
    return " ".join(sentence.split())  # also no-break spaces, as pages use them


def is_junk(sentence: str) -> bool:
    """True for bylines, credits, promotions: sentences that are furniture as a whole."""
    return not _ANY_WORD.search(sentence) or bool(_JUNK.search(sentence))


def split_run_on(sentence: str) -> list[str]:
    """Split a long sentence where a photo caption ran into it without a full stop (given back)."""
    if sentence.count(" ") < RUN_ON_WORDS or len(split_words(sentence)) <= RUN_ON_WORDS:
        return [sentence]
    parts: list[str] = []
    start = 0
    for match in _RUN_ON.finditer(sentence):
        left = sentence[start:match.start()].split()
        right = sentence[match.end():].split()
        if len(left) >= 8 and len(right) >= 6 and left[-1].strip("’'”").lower() not in _TITLE_CUES:
            caption = " ".join(left)
            # The caption gets back the full stop it lost.
            parts.append(caption if caption.endswith((".", "!", "?")) else caption + ".")
            start = match.end()
    parts.append(sentence[start:].strip())
    return parts


#: A line break inside a sentence of hard-wrapped text: after a long line
#: that does not end a sentence, or before a lower-case letter.
_WRAPPED = re.compile(r"(?<=[^\n]{40}[^.!?:\"”’\n])[ \t]*\n[ \t]*(?=\S)|[ \t]*\n[ \t]*(?=[a-z])")


def unwrap(paragraph: str) -> str:
    """A paragraph of hard-wrapped lines as one line; a short heading line stays a line."""
    return _WRAPPED.sub(" ", paragraph)


def summary_sentences(paragraphs: list[str], language: str) -> list[str]:
    """The body's sentences, in order, cleaned and with run-on captions split; furniture dropped."""
    sentences = []
    for paragraph in paragraphs:
        for raw in split_sentences(_BYLINE.sub("", unwrap(paragraph), count=1), language):
            for sentence in split_run_on(clean_sentence(raw)):
                if not is_junk(sentence):
                    sentences.append(sentence)
    return sentences


def word_count(sentence: str) -> int:
    return len(split_words(sentence))


def can_lead(sentence: str, words: int | None = None) -> bool:
    """Whether a sentence can be the lede: a statement of some length, not a question.

    ``words`` is the sentence's word count when the caller knows it.
    """
    words = word_count(sentence) if words is None else words
    return words >= 3 and not sentence.rstrip("\"'”’»").endswith("?")


def can_be_bullet(sentence: str, words: int | None = None) -> bool:
    """Whether a sentence reads well as a bullet: a statement of 6-35 words, not a bare quotation.

    ``words`` is the sentence's word count when the caller knows it.
    """
    words = word_count(sentence) if words is None else words
    if not MIN_BULLET_WORDS <= words <= MAX_BULLET_WORDS:
        return False
    if sentence.rstrip("\"'”’»").endswith("?"):
        return False
    # A quotation standing alone ("'That's how football works." or a first-person
    # sentence in the middle of one) lacks its speaker.
    return not _OPENING_QUOTE.match(sentence) and not _FIRST_PERSON.search(sentence)
