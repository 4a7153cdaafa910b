"""The publisher's name: from the page (title suffix, copyright, "Follow" line) or its URL."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: Well-known publishers whose names cannot be read off their domain.
PUBLISHERS: dict[str, str] = {
    "aljazeera.com": "Al Jazeera", "aljazeera.net": "Al Jazeera", "bbc.co.uk": "BBC News", "bbc.com": "BBC News",
    "cnn.com": "CNN", "nytimes.com": "The New York Times", "washingtonpost.com": "The Washington Post",
    "theguardian.com": "The Guardian", "reuters.com": "Reuters", "apnews.com": "AP News",
    "wsj.com": "The Wall Street Journal", "ft.com": "Financial Times", "bloomberg.com": "Bloomberg",
    "npr.org": "NPR", "foxnews.com": "Fox News", "nbcnews.com": "NBC News", "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News", "huffpost.com": "HuffPost", "huffingtonpost.com": "HuffPost",
    "theatlantic.com": "The Atlantic", "economist.com": "The Economist", "politico.com": "Politico",
    "thehill.com": "The Hill", "usatoday.com": "USA Today", "latimes.com": "Los Angeles Times",
    "cnbc.com": "CNBC", "dw.com": "DW", "france24.com": "France 24", "lemonde.fr": "Le Monde",
    "spiegel.de": "Der Spiegel", "elpais.com": "El País", "independent.co.uk": "The Independent",
    "telegraph.co.uk": "The Telegraph", "dailymail.co.uk": "Daily Mail", "thetimes.co.uk": "The Times",
    "venturebeat.com": "VentureBeat", "wired.com": "Wired", "techcrunch.com": "TechCrunch",
    "theverge.com": "The Verge", "arstechnica.com": "Ars Technica", "vox.com": "Vox", "axios.com": "Axios",
    "time.com": "Time", "newsweek.com": "Newsweek", "forbes.com": "Forbes", "businessinsider.com": "Business Insider",
    "sciencealert.com": "ScienceAlert", "space.com": "Space.com", "scmp.com": "South China Morning Post",
    "cbssports.com": "CBS Sports", "espn.com": "ESPN", "politifact.com": "PolitiFact",
    # Sites whose own name is not their domain's first label written with a capital.
    "ap.org": "Associated Press", "appleinsider.com": "AppleInsider", "digg.com": "Digg",
    "wccftech.com": "Wccftech", "healthline.com": "Healthline", "moneycontrol.com": "Moneycontrol",
    "dealbreaker.com": "Dealbreaker", "livescience.com": "Live Science", "deccanherald.com": "Deccan Herald",
    "sputniknews.com": "Sputnik", "oregonlive.com": "OregonLive", "msn.com": "MSN",
}
#: Parent companies and hosting platforms: never the outlet a reader knows ("Gannett" for USA Today,
#: "Quiller Media" for AppleInsider, "Hosted" for AP's pages on hosted.ap.org).
NOT_OUTLETS = {"gannett", "quiller", "quillermedia", "hosted", "advancelocal", "microsoft", "healthlinemedia",
               "nexstar", "nexstarmediagroup", "sinclair", "hearst", "mcclatchy", "tribunepublishing",
               "newscorp", "condenast", "vox media", "voxmedia", "wordpress", "wordpresscom", "blogger",
               "medium", "substack", "cbsinteractive", "nbcuniversal", "verizonmedia", "oath"}
_CORPORATE_SUFFIX = re.compile(
    r"[\s,]+(media network|media group|news network|news & media|ltd\.?|limited|inc\.?|llc\.?|plc|pty\.?|gmbh"
    r"|corporation|corp\.?|co\.|company|all rights reserved\.?|english|or its affiliated companies\.?"
    r"|\(about us\)|contact us|media|\d{4}(?:\s*[-\u2013]\s*\d{4})?)\s*$",
    re.IGNORECASE,
)
#: Tails that describe the owner rather than name the publisher: ", a Digital First Media Newspaper",
#: ". A Division of NBCUniversal", "powered by Science X Network", "- ISSN: 2283-5474".
_OWNER_TAIL = re.compile(
    r"(?:,\s+an?\s|\.\s+an?\s+(?:division|subsidiary|part|member|unit)\s+of\s|\s+powered\s+by\s"
    r"|\s+[-\u2013|]\s+issn\b|\s+issn\s*:).*$",
    re.IGNORECASE,
)
#: "TheHill" -> "The Hill": a leading "The" glued to a capitalised word is two words.
_GLUED_THE = re.compile(r"^The(?=[A-Z][a-z]{2,}$)")
#: "Headline - Site", "Headline | Section | Site", "Headline — Site".
_TITLE_PARTS = re.compile(r"\s+[|\-\u2013\u2014\u00b7\u2022\u00bb]\s+")
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or"}


def split_title(title: str) -> tuple[str, str | None]:
    """A page title split into the headline and the site's name ("Headline - Site")."""
    parts = _TITLE_PARTS.split(title.strip())
    if len(parts) < 2:
        return title.strip(), None
    site = parts[-1].strip()
    headline = parts[0].strip()
    if len(site.split()) > 5 or len(site) > 40 or len(headline) < len(site):
        return title.strip(), None
    return headline, site


def clean_name(name: str) -> str | None:
    """A publisher's name without years, corporate suffixes and punctuation around it."""
    name = re.sub(r"^(?:\d{4}(?:\s*[-\u2013]\s*\d{4})?\s*)", "", name.strip(" .:,"))
    name = re.sub(r"^(?:copyright|©|\(c\))\s*", "", name, flags=re.IGNORECASE)
    name = _OWNER_TAIL.sub("", name).strip(" .:,")
    while True:
        shorter = _CORPORATE_SUFFIX.sub("", name).strip(" .:,")
        if shorter == name:
            break
        name = shorter
    return name if 2 <= len(name) <= 60 else None


def source_from_lines(lines: list[str]) -> str | None:
    """The publisher's name from a copyright or "Follow" line near the page's end.

    Evidence is ranked: a copyright owner or a "Follow X:" line first (nearest
    the end first); an owner in capitals ("© 2019 NBC UNIVERSAL") is usually
    the parent company, so a bare "Follow NBC News" line beats it; it is used
    only when nothing else names the site.
    """
    found: list[tuple[int, str]] = []
    for line in reversed(lines[-60:]):
        rank = 0
        match = re.match(r"^(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(.{2,80})$", line, re.IGNORECASE)
        if match is None:
            match = re.match(r"^follow\s+(?:us\s+on\s+)?(.{2,40}?)\s*:$", line, re.IGNORECASE)
        if match is None:
            match, rank = re.match(r"^(?i:follow)\s+(?!(?i:us)\b)((?:[A-Z0-9][\w.&'-]*\s?){1,4})$", line), 1
        if match:
            name = clean_name(match.group(1))
            if name:
                found.append((2 if rank == 0 and _is_shouted(name) else rank, name))
    return min(found, key=lambda item: item[0])[1] if found else None


def _is_shouted(name: str) -> bool:
    """A name written all in capitals with more than one word ("NBC UNIVERSAL")."""
    return name.isupper() and len(name.split()) > 1


def canonical_name(name: str | None, url: str | None = None) -> str | None:
    """A source as a newsletter reader expects it, the same from every reader.

    In order: the well-known publisher for the URL; a name that is only the
    URL domain's first label ("Nj" for nj.com: a site name made up from the
    host) becomes the domain form ("NJ.com"); a name a well-known publisher
    goes by (its name, its domain, or its domain's first label: "WIRED",
    "CBSSports.com", "TheHill") becomes that publisher's name; corporate tails
    are dropped; a leading "The" glued to a word is split ("TheHill").
    """
    known = known_publisher(url)
    if known:
        return known
    if name and _compact(clean_name(name) or name).replace(" ", "") in NOT_OUTLETS:
        name = None
    if not name:
        return domain_form(url)
    cleaned = clean_name(name) or name.strip()
    domain = registered_domain(url) if url else None
    label = domain.split(".")[0] if domain else None
    if label and cleaned in (label, label.capitalize()):
        return domain_form(url)
    alias = _ALIASES.get(_compact(cleaned)) or _ALIASES.get(_compact(_GLUED_CAPS.sub("", cleaned)))
    if alias:
        return alias
    if re.fullmatch(r"[a-z0-9-]{1,3}\.[a-z.]{2,6}", cleaned):
        return domain_form("http://" + cleaned)
    return _GLUED_THE.sub("The ", cleaned)


def site_evidence(title_site: str | None, sitename: str | None, url: str | None) -> str | None:
    """The better of a page title's site part and a page's declared site name.

    The title's site part ("Headline - SFGate") is what a reader sees and what
    the .txt reader finds too, so it wins when it matches the URL's domain (its
    compact form or one of its longer words is in it); a declared site name
    can be a news agency ("Associated Press") or a service ("DH News Service").
    Otherwise the site name wins: a title's last part may be a headline piece.
    """
    domain = _compact(registered_domain(url) or "") if url else ""
    if title_site and domain:
        words = [_compact(word) for word in re.findall(r"\w{4,}", title_site)]
        if _compact(title_site) in domain or any(word in domain for word in words):
            return title_site
    return sitename or title_site


def domain_form(url: str | None) -> str | None:
    """A URL's domain as a name: ``nj.com`` -> ``NJ.com`` (a label of three letters or fewer is an acronym)."""
    domain = registered_domain(url) if url else None
    if domain is None:
        return None
    first, _, rest = domain.partition(".")
    return f"{first.upper() if len(first) <= 3 else first}.{rest}"


def _compact(name: str) -> str:
    return re.sub(r"[\s.]+", "", name.casefold().removeprefix("www."))


def registered_domain(url: str) -> str | None:
    """``news.example.co.uk/x`` -> ``example.co.uk``; None for URLs without a host."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2 or host.replace(".", "").isdigit():
        return None
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def known_publisher(url: str | None) -> str | None:
    """The name of a well-known publisher from :data:`PUBLISHERS` for a URL, or None."""
    domain = registered_domain(url) if url else None
    if domain is None:
        return None
    host = (urlsplit(url.strip()).hostname or "").lower() if url else ""
    for known in (host.removeprefix("www."), domain):
        if known in PUBLISHERS:
            return PUBLISHERS[known]
    return None


#: A section glued to a publisher's name in capitals: "CNNPolitics" -> "CNN".
_GLUED_CAPS = re.compile(r"(?<=[A-Z]{2})[A-Z][a-z]+$")


def _aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for domain, name in PUBLISHERS.items():
        for alias in (name, domain, domain.split(".")[0]):
            aliases.setdefault(_compact(alias), name)
    return aliases


#: Compact forms (lower case, no spaces or dots) under which a well-known publisher goes.
_ALIASES = _aliases()


def source_from_url(url: str | None) -> str | None:
    """The publisher's name for a URL: a well-known name, else its domain (``example.com``)."""
    if not url:
        return None
    return known_publisher(url) or registered_domain(url)
