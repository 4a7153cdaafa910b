"""digest preview --watch: an edited template or setting rebuilds the issue; a broken one shows its error."""

from __future__ import annotations

import time
from pathlib import Path

from digest.config import load_settings
from digest.preview import Watcher
from digest.preview.watch import settings_file
from preview_helpers import SAMPLE_DATE, build_issue, get, running, version

HTML_TEMPLATE = """<mjml><mj-body><mj-section><mj-column>
<mj-text>{label}: {{{{ newsletter_name }}}}</mj-text>
</mj-column></mj-section></mj-body></mjml>
"""


def wait_for(condition, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def edit(path: Path, text: str) -> None:
    """Write ``text``, making sure the modification time moves even on coarse clocks."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text)
    if path.stat().st_mtime_ns == before:
        time.sleep(0.02)
        path.write_text(text)


def test_watch_rebuilds_on_template_and_settings_changes(articles, tmp_path):
    templates = tmp_path / "my-templates"
    templates.mkdir()
    (templates / "issue.mjml.j2").write_text(HTML_TEMPLATE.format(label="First version"))
    out = build_issue(tmp_path, templates=templates)
    flags = {"templates": templates}
    watcher = Watcher(SAMPLE_DATE, out, lambda: load_settings(overrides=flags),
                      config_file=settings_file(None), interval=0.1)
    assert settings_file(None) == Path("digest.toml")
    with running(out, watcher) as server:
        first = version(server)
        assert first["watching"] and first["error"] is None
        page = lambda: get(server, "/out/2021-12-07/index.html")[2].decode()  # noqa: E731
        assert "First version: The Digest" in page()

        # An edited template: a new build, a new version for the page to reload on.
        edit(templates / "issue.mjml.j2", HTML_TEMPLATE.format(label="Second version"))
        second = wait_for(lambda: (v := version(server))["version"] != first["version"] and not v["building"] and v)
        assert second["error"] is None
        assert "Second version: The Digest" in page()
        assert "Second version" in get(server, "/frame/2021-12-07")[2].decode()

        # A broken template: the error is reported, the server goes on with the last good build.
        edit(templates / "issue.mjml.j2", "<mjml>\n{% for x in %}\n</mjml>\n")
        broken = wait_for(lambda: (v := version(server))["error"] and v)
        assert "issue.mjml.j2, line 2" in broken["error"]
        assert broken["version"] != second["version"]
        status, _, body = get(server, "/issue/2021-12-07")
        assert status == 200 and "The rebuild failed" in body.decode() and "issue.mjml.j2, line 2" in body.decode()
        assert 'id="build-error" class="banner error" role="alert" hidden' not in body.decode()
        assert "Second version: The Digest" in page()

        # A setting changed in digest.toml (with the template fixed) is picked up.
        edit(templates / "issue.mjml.j2", HTML_TEMPLATE.format(label="Third version"))
        edit(tmp_path / "digest.toml", 'newsletter_name = "The Evening Post"\n')
        wait_for(lambda: "Third version: The Evening Post" in page())
        wait_for(lambda: version(server)["error"] is None)
        assert "THE EVENING POST" in get(server, "/out/2021-12-07/index.txt")[2].decode()


def test_watch_rebuilds_when_an_article_changes(articles, tmp_path):
    out = build_issue(tmp_path)
    watcher = Watcher(SAMPLE_DATE, out, lambda: load_settings(), interval=0.1)
    with running(out, watcher) as server:
        first = version(server)
        article = next(articles.iterdir())
        edit(article, article.read_text().replace("Biden urges Putin", "Biden presses Putin", 1))
        wait_for(lambda: "Biden presses Putin" in get(server, "/out/2021-12-07/index.html")[2].decode())
        assert wait_for(lambda: (v := version(server))["version"] != first["version"] and not v["building"] and v)


def test_an_edit_just_after_start_is_rebuilt_however_late_the_thread_runs(articles, tmp_path, monkeypatch):
    import threading

    from digest.preview import watch

    out = build_issue(tmp_path)
    taken = watch.snapshot

    def slow_off_the_main_thread(paths):
        # A loaded machine: the watcher's thread gets the CPU only well after start() returned.
        if threading.current_thread() is not threading.main_thread():
            time.sleep(0.5)
        return taken(paths)

    monkeypatch.setattr(watch, "snapshot", slow_off_the_main_thread)
    watcher = Watcher(SAMPLE_DATE, out, lambda: load_settings(), interval=0.1)
    article = next(articles.iterdir())
    watcher.start()
    try:
        edit(article, article.read_text().replace("Biden urges Putin", "Biden presses Putin", 1))
        wait_for(lambda: watcher.status.builds >= 1 and not watcher.status.building)
    finally:
        watcher.stop()
    assert watcher.status.error is None
    assert "Biden presses Putin" in (out / "2021-12-07" / "index.html").read_text()
