from digest.checks import GMAIL_CLIP_BYTES, check_images, check_issue, check_links, check_parity, check_size


def test_size_over_gmail_limit_fails():
    assert check_size("x" * 1000).ok
    assert not check_size("x" * (GMAIL_CLIP_BYTES + 1)).ok


def test_links_without_text_or_with_bad_scheme_fail():
    assert check_links('<a href="https://a.example/">A</a>').ok
    assert not check_links('<a href="https://a.example/"> </a>').ok
    assert "unsafe" in check_links('<a href="javascript:alert(1)">x</a>').detail
    assert check_links('<a href="https://a.example/"><img src="logo.png" alt="Logo"></a>').ok


def test_images_need_alt():
    assert not check_images('<img src="a.png">').ok
    assert check_images('<img src="a.png" alt="">').ok


def test_parity_needs_every_link_in_text():
    html = '<a href="https://a.example/1">one</a> <a href="https://a.example/2">two</a>'
    assert check_parity(html, "one [1]\n\n[1] https://a.example/1\n[2] https://a.example/2").ok
    result = check_parity(html, "[1] https://a.example/1")
    assert not result.ok and "https://a.example/2" in result.detail


def test_check_issue_names():
    assert [c.name for c in check_issue("<p>x</p>", "x")] == ["size", "links", "images", "parity"]
