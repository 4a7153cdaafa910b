import datetime as dt

from digest.config import Settings
from digest.model import Article, Issue, Story, Summary
from digest.render import render_html, render_text, safe_url


def hostile_issue(url: str) -> Issue:
    article = Article(path="x.txt", title="<script>alert(1)</script> {{ 7*7 }} <mj-raw>raw</mj-raw>",
                      body="b", date=dt.date(2021, 12, 7), source="Evil & Co", url=url)
    summary = Summary(lede="Lede with <b>tags</b> & {% if %} braces.", bullets=("Bullet <img src=x onerror=alert(1)>",))
    return Issue(date=dt.date(2021, 12, 7), days=1, stories=(Story(article, summary),))


def test_article_text_is_escaped_in_html():
    html = render_html(hostile_issue("https://example.com/a"), Settings())
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html
    assert "<img src=x" not in html
    assert "Evil &amp; Co" in html
    assert 'href="https://example.com/a"' in html


def test_article_text_is_literal_in_text_part():
    text = render_text(hostile_issue("https://example.com/a"), Settings())
    assert "<script>alert(1)</script> {{ 7*7 }}" in text
    assert all(len(line) <= 78 for line in text.splitlines())


def test_unsafe_links_are_dropped():
    html = render_html(hostile_issue("javascript:alert(1)"), Settings())
    text = render_text(hostile_issue("javascript:alert(1)"), Settings())
    assert "javascript:" not in html and "javascript:" not in text


def test_safe_url():
    assert safe_url("https://a.example/x") == "https://a.example/x"
    assert safe_url("mailto:ed@example.com") == "mailto:ed@example.com"
    for bad in ("javascript:alert(1)", "data:text/html,x", "ftp://x", "//x.example", "http://", "", None):
        assert safe_url(bad) is None


def test_no_web_font_link():
    html = render_html(hostile_issue("https://example.com/a"), Settings())
    assert "fonts.googleapis" not in html and "@import" not in html
    assert 'lang="en"' in html


def test_user_template_overrides_and_extends_default(tmp_path):
    (tmp_path / "issue.txt.j2").write_text('{% extends "default/issue.txt.j2" %}')
    (tmp_path / "issue.mjml.j2").write_text(
        '<mjml><mj-body><mj-section><mj-column><mj-text>Custom {{ newsletter_name }}</mj-text>'
        "</mj-column></mj-section></mj-body></mjml>")
    settings = Settings(templates=tmp_path, newsletter_name="Brief")
    issue = hostile_issue("https://example.com/a")
    assert "Custom Brief" in render_html(issue, settings)
    assert render_text(issue, settings) == render_text(issue, Settings(newsletter_name="Brief"))
