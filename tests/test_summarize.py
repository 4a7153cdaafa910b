from digest.model import Article
from digest.readers import read_article
from digest.summarize import summarize


def test_seed_lede_is_first_body_sentence(articles):
    article = read_article(next(articles.iterdir()))
    summary = summarize(article)
    assert summary.lede.startswith("US President Joe Biden has warned his Russian counterpart Vladimir Putin")
    assert len(summary.bullets) == 3
    body_sentences = article.body
    for bullet in summary.bullets:
        assert bullet in body_sentences
        assert bullet != summary.lede
    assert summary.reading_minutes >= 3


def test_bullet_count_follows_request(articles):
    article = read_article(next(articles.iterdir()))
    assert len(summarize(article, bullets=1).bullets) == 1
    assert summarize(article, bullets=0).bullets == ()


def test_short_article_gives_what_it_has():
    article = Article(path="x", title="T", body="The council closed the bridge on Monday after engineers found cracks. "
                      "Engineers will inspect the cracked bridge again next week.")
    summary = summarize(article, bullets=3)
    assert summary.lede == "The council closed the bridge on Monday after engineers found cracks."
    assert summary.bullets == ("Engineers will inspect the cracked bridge again next week.",)


def test_empty_body_falls_back_to_title():
    assert summarize(Article(path="x", title="Title only", body="")).lede == "Title only"
