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
}
_CORPORATE_SUFFIX = re.compile(
    r"[\s,]+(media network|media group|news network|news & media|ltd\.?|limited|inc\.?|llc\.?|plc|pty\.?|gmbh"
    r"|corporation|corp\.?|co\.|company|all rights reserved\.?|english|or its affiliated companies\.?"
    r"|\(about us\))\s*$",
    re.IGNORECASE,
)
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
    while True:
        shorter = _CORPORATE_SUFFIX.sub("", name).strip(" .:,")
        if shorter == name:
            break
        name = shorter
    return name if 2 <= len(name) <= 60 else None


def source_from_lines(lines: list[str]) -> str | None:
    """The publisher's name from a copyright or "Follow" line near the page's end."""
    for line in reversed(lines[-60:]):
        match = re.match(r"^(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(.{2,80})$", line, re.IGNORECASE)
        if match is None:
            match = re.match(r"^follow\s+(?:us\s+on\s+)?(.{2,40}?)\s*:$", line, re.IGNORECASE)
        if match:
            name = clean_name(match.group(1))
            if name:
                return name
    return None


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


def source_from_url(url: str | None) -> str | None:
    """The publisher's name for a URL: a well-known name, else its domain (``example.com``)."""
    if not url:
        return None
    return known_publisher(url) or registered_domain(url)
