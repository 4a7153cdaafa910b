"""The publisher's name: one readable form, whichever reader found it."""

import pytest

from digest.readers.source import canonical_name, clean_name, domain_form, site_evidence, source_from_lines


@pytest.mark.parametrize("name, expected", [
    ("The Detroit News, a Digital First Media Newspaper", "The Detroit News"),
    ("CNBC LLC. All Rights Reserved. A Division of NBCUniversal", "CNBC"),
    ("Phys.org 2003 - 2019 powered by Science X Network", "Phys.org"),
    ("Inexhibit 2019 - ISSN: 2283-5474", "Inexhibit"),
    ("Healthline Media", "Healthline"),
    ("2019 Al Jazeera Media Network", "Al Jazeera"),
])
def test_corporate_and_owner_tails_are_dropped(name, expected):
    assert clean_name(name) == expected


def test_known_publisher_by_url_wins_over_the_page():
    assert canonical_name("NBC UNIVERSAL", "https://www.nbcnews.com/news/x") == "NBC News"


def test_site_name_that_is_the_domains_first_label_becomes_the_domain_form():
    assert canonical_name("Nj", "https://www.nj.com/entertainment/x.html") == "NJ.com"
    assert canonical_name("Cleveland", "https://www.cleveland.com/x") == "cleveland.com"
    # a styled name is the publisher's own spelling, kept
    assert canonical_name("Al Bawaba", "https://www.albawaba.com/x") == "Al Bawaba"


def test_short_domain_labels_are_acronyms():
    assert domain_form("https://www.nj.com/x") == "NJ.com"
    assert canonical_name("nj.com") == "NJ.com"
    assert domain_form("https://www.oregonlive.com/x") == "oregonlive.com"


@pytest.mark.parametrize("name, expected", [
    ("WIRED", "Wired"), ("CBSSports.com", "CBS Sports"), ("CNNPolitics", "CNN"), ("TheHill", "The Hill"),
    ("Al Jazeera", "Al Jazeera"),
])
def test_names_a_known_publisher_goes_by(name, expected):
    assert canonical_name(name) == expected


def test_glued_the_is_split_only_before_a_capitalised_word():
    assert canonical_name("TheWrap") == "The Wrap"
    assert canonical_name("Thenews") == "Thenews"
    assert canonical_name("TheStreetNews") == "TheStreetNews"


def test_a_follow_line_beats_a_copyright_owner_in_capitals():
    lines = ["Body text of the story.", "Follow NBC News", "About", "© 2019 NBC UNIVERSAL"]
    assert source_from_lines(lines) == "NBC News"
    assert source_from_lines(["Body.", "© 2019 NBC UNIVERSAL"]) == "NBC UNIVERSAL"
    assert source_from_lines(["Body.", "Follow us", "© 2021 Al Jazeera Media Network"]) == "Al Jazeera"


def test_title_site_part_beats_a_declared_site_name_when_it_matches_the_domain():
    url = "https://www.sfgate.com/news/article/x.php"
    assert site_evidence("SFGate", "Associated Press", url) == "SFGate"
    # a title part unrelated to the domain is likely a headline piece: the site name wins
    assert site_evidence("‘The plague is coming’", "Express.co.uk", "https://www.express.co.uk/x") == "Express.co.uk"
    assert site_evidence(None, "Express.co.uk", None) == "Express.co.uk"
