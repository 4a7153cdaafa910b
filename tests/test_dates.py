"""The article's own publication date in scraped text: formats, numeric order, and which date wins."""

import datetime as dt

import pytest

from digest.readers import read_article
from digest.readers.dates import copyright_year, find_date, find_dates, is_dateline, numeric_order
from test_readers_plaintext import AFTER, BODY, NAV

NOV_19 = dt.date(2019, 11, 19)


@pytest.mark.parametrize("line, order, expected", [
    ("11/19/19", "mdy", NOV_19),
    ("By Tess Bonn - 11/19/19 06:56 AM EST", "mdy", NOV_19),
    ("19.11.2019", "dmy", NOV_19),
    ("21:17 19.11.2019 Get short URL", "dmy", NOV_19),
    ("11.19.2019 09:00 AM", "dmy", NOV_19),            # only readable month first
    ("19/11/2019", "mdy", NOV_19),                     # only readable day first
    ("01/02/2019", "mdy", dt.date(2019, 1, 2)),
    ("01/02/2019", "dmy", dt.date(2019, 2, 1)),
    ("Nov. 19, 2019 10:00 AM ET", "mdy", NOV_19),
    ("Tuesday, 19 November 2019", "mdy", NOV_19),
    ("Published 19 November 2019", "mdy", NOV_19),
    ("2019-11-19T10:00:00Z", "mdy", NOV_19),
    ("2019.11.19", "mdy", NOV_19),
    ("2019年11月19日", "mdy", NOV_19),
    ("By Jane Doe | November 19, 2019", "mdy", NOV_19),
    ("By Matthew Digby on Tuesday, November 19th, 2019 at 11:08 a.m.", "mdy", NOV_19),
    ("Von Moritz Bachmann publiziert am 19. November 2019", "dmy", NOV_19),
    ("terça-feira, 19 de novembro de 2019 às 20:13", "dmy", NOV_19),
    ("Текст: Венера Ерофеева · 19 ноября 2019", "dmy", NOV_19),
    ("mardi 19 novembre 2019", "dmy", NOV_19),
    ("19 de noviembre de 2019", "dmy", NOV_19),
])
def test_date_formats(line, order, expected):
    assert [mention.date for mention in find_dates(line, order)] == [expected]


def test_labels_published_and_updated():
    mentions = find_dates("Updated Nov 19, 2019 6:55 AM; Posted Nov 18, 2019 6:51 AM")
    assert [(m.date.day, m.kind) for m in mentions] == [(19, "updated"), (18, "published")]
    assert [m.kind for m in find_dates("November 19, 2019 | 4:20am | Updated November 20, 2019")] == ["", "updated"]


def test_yearless_dates_need_a_year():
    assert find_dates("Posted Nov 19, 6:51 AM") == []
    assert [m.date for m in find_dates("Posted Nov 19, 6:51 AM", year=2019)] == [NOV_19]


@pytest.mark.parametrize("line", [
    "In this Dec. 12, 2006, file photo, made available by NASA, astronauts work outside the station.",
    "\u00a9 2004-2019 CBS Interactive. Updated 19 Nov 2019.",
    "— Jane Doe (@janedoe) November 18, 2019",
    "Correction, Nov. 15, 2019: This article originally misidentified the publisher.",
])
def test_captions_copyright_and_embedded_posts_are_not_dates(line):
    assert find_dates(line) == []


def test_numeric_order_rule():
    # The page decides when one of its dates can only be read one way ...
    assert numeric_order(["Posted 01/02/2019", "Comment 13/06/2019"], "en") == "dmy"
    assert numeric_order(["Posted 01/02/2019", "Comment 06/13/2019"], "de") == "mdy"
    # ... otherwise English pages are read month first and others day first.
    assert numeric_order(["Posted 01/02/2019"], "en") == "mdy"
    assert numeric_order(["Posted 01/02/2019"], "pt") == "dmy"


def test_copyright_year():
    assert copyright_year(["Home", "\u00a9 2004-2019 CBS Interactive. All Rights Reserved."]) == 2019
    assert copyright_year(["Home", "no year here"]) is None


def page(tmp_path, *header: str, before: tuple[str, ...] = (), after: tuple[str, ...] = tuple(AFTER)):
    path = tmp_path / "page.txt"
    path.write_text("\n".join([
        "Council votes to close harbour bridge to cars - Example News", *NAV, *before,
        "Council votes to close harbour bridge to cars", *header, *BODY, *after,
    ]) + "\n")
    return read_article(path)


@pytest.mark.parametrize("dateline", [
    "By Jane Doe - 11/19/19 06:56 AM EST", "By Jane Doe | November 19, 2019", "Published 19.11.2019 10:00",
    "Tuesday, 19 November 2019", "Nov. 19, 2019 10:00 AM ET", "2019-11-19T10:00:00Z",
])
def test_reader_takes_the_byline_date(tmp_path, dateline):
    article = page(tmp_path, dateline)
    assert article.date == NOV_19
    assert not any("date" in warning for warning in article.warnings)


def test_dateline_just_above_the_headline(tmp_path):
    assert page(tmp_path, "By Jane Doe", before=("November 19, 2019 / 12:21 AM / Updated 14 hours ago",)).date == NOV_19


def test_caption_date_loses_to_the_published_date(tmp_path):
    article = page(tmp_path, "In this Dec. 12, 2006, photo the bridge is seen from the harbour at dusk after a storm.",
                   "Published Tuesday, November 19, 2019 8:22AM EST")
    assert article.date == NOV_19


def test_published_wins_over_updated(tmp_path):
    article = page(tmp_path, "Updated Nov 20, 2019 6:55 AM; Posted Nov 19, 2019 6:51 AM")
    assert article.date == NOV_19


def test_updated_only_is_taken_with_a_warning(tmp_path):
    article = page(tmp_path, "Updated Nov 19, 2019, 10:28am EST")
    assert article.date == NOV_19
    assert any("'updated' date" in warning for warning in article.warnings)


def test_yearless_date_takes_the_copyright_year_with_a_warning(tmp_path):
    article = page(tmp_path, "Posted Nov 19, 6:51 AM")
    assert article.date == NOV_19
    assert any("copyright line" in warning for warning in article.warnings)


def test_yearless_date_without_copyright_line_stays_undated(tmp_path):
    article = page(tmp_path, "Posted Nov 19, 6:51 AM", after=tuple(line for line in AFTER if "\u00a9" not in line))
    assert article.date is None
    assert "no date found" in article.warnings


def test_teaser_and_copyright_dates_are_ignored(tmp_path):
    # AFTER holds related-story teasers dated 2 Mar 2019 / 14 Jan 2019 and a copyright line.
    article = page(tmp_path, "By Jane Doe")
    assert article.date is None
    assert "no date found" in article.warnings


@pytest.mark.parametrize("relative", ["2 hours ago", "Published 22 hours ago", "Jane Doe @janedoe / 2 days",
                                      "Today 12:01 AM"])
def test_relative_date_leaves_the_article_undated_with_a_warning(tmp_path, relative):
    article = page(tmp_path, "By Jane Doe", relative)
    assert article.date is None
    assert any("relative date" in warning for warning in article.warnings)


def test_non_english_page_reads_numeric_dates_day_first(tmp_path):
    path = tmp_path / "pagina.txt"
    path.write_text("\n".join([
        "Prefeitura fecha ponte do porto para carros",
        "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Cidade",
        "A prefeitura decidiu nesta manhã fechar a velha ponte do porto para carros a partir da próxima primavera, "
        "encerrando uma década de discussões sobre trânsito, segurança e o custo dos reparos na estrutura.",
        "A decisão veio depois de um relatório de engenheiros que encontraram corrosão nos suportes de aço da ponte, "
        "muito mais rápida do que o esperado, e que os caminhões pesados pioravam o dano a cada inverno.",
        "Os ciclistas e pedestres vão continuar usando a ponte, disse a prefeitura, enquanto os ônibus serão "
        "desviados pela nova travessia dois quilômetros rio acima, o que acrescenta cerca de seis minutos à viagem.",
    ]) + "\n")
    assert read_article(path).date == dt.date(2018, 10, 5)


@pytest.mark.parametrize("text, expected", [
    ("7 Dec 2021", dt.date(2021, 12, 7)),
    ("Published December 7, 2021", dt.date(2021, 12, 7)),
    ("Updated 2021-12-07T10:00", dt.date(2021, 12, 7)),
    ("Tue 7th Dec. 2021 10.02 GMT", dt.date(2021, 12, 7)),
    ("31 Feb 2021", None),
    ("no date here", None),
])
def test_find_date(text, expected):
    assert find_date(text) == expected


def test_dateline_is_short():
    assert is_dateline("7 Dec 2021")
    assert not is_dateline("On 7 Dec 2021 the president of the United States said that talks had gone well.")
