"""``digest preview``: the built issues in a browser, as the reader will see them.

A small local server (standard library ``http.server``) shows the archive of
every issue in the output folder and, around each issue, a preview page: the
email in a frame at desktop and phone widths, light or dark, its plain-text
part, its HTML source and the checks (Gmail clipping, links, images, parity,
extraction warnings). With ``watch`` the issue is rebuilt whenever an article,
a template or the settings file changes, and the page reloads by itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import threading
import webbrowser
from pathlib import Path
from typing import Callable

from ..config import Settings
from ..errors import DigestError, option
from ..pipeline import build
from ..progress import Progress, quiet
from .archive import archive, issue_dates, issue_report, newest_issue
from .server import PreviewServer, PreviewSite
from .watch import Watcher, settings_file

__all__ = ["PreviewServer", "PreviewSite", "Watcher", "archive", "issue_dates", "issue_report",
           "newest_issue", "serve_preview"]



def _open_in_browser(url: str, progress: Progress) -> None:
    """Open ``url`` in the default browser, unless that would be a text browser taking this terminal."""
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        browser = None
    console = type(browser) is webbrowser.GenericBrowser and not os.environ.get("BROWSER")
    if browser is None or console or not browser.open(url):
        progress("No graphical browser to open; open the address above in yours")


def serve_preview(settings: Settings, date: dt.date | None = None, *, host: str = "127.0.0.1", port: int = 8000,
                  open_browser: bool = True, watch: bool = False,
                  load_settings: Callable[[], Settings] | None = None, config_file: Path | None = None,
                  announce: Progress = print, progress: Progress = quiet) -> None:
    """Serve ``settings.out`` until Ctrl-C, showing the issue dated ``date`` (default: the newest).

    An issue not built yet is built first. ``announce`` gets the page's URL
    once the server listens. With ``watch``, ``load_settings`` (default: the
    same settings every time) is called before each rebuild, and
    ``config_file`` is watched along with the articles and templates.
    """
    out = settings.out
    if date is None:
        date = newest_issue(out)
        if date is None:
            raise DigestError(f"no issue in {out} yet; build one with digest build {option('date')} YYYY-MM-DD, "
                              f"or pass {option('date')} to build it now")
    watcher = None
    if watch:
        reload = load_settings or (lambda: settings)
        watcher = Watcher(date, out, lambda: dataclasses.replace(reload(), out=out),
                          config_file=config_file or settings_file(None), progress=progress)
    # Listen first: a port in use is found before a build that may take a while.
    server = PreviewServer(out, host=host, port=port, watcher=watcher)
    if not server.httpd.loopback_only:
        progress(f"Warning: listening on {host}, not loopback: anyone on your network can read the issues "
                 f"in {out} (only issue files are served, and only to this machine's names and IP addresses)")
    try:
        if not (out / date.isoformat() / "index.html").is_file():
            progress(f"Issue {date.isoformat()} is not built yet; building it")
            build(settings, date, progress=progress)
    except BaseException:
        server.stop()
        raise
    url = server.issue_url(date)
    announce(url)
    progress(f"Previewing {out / date.isoformat()}{' (watching for changes)' if watch else ''}; Ctrl-C stops")
    if open_browser:
        threading.Thread(target=_open_in_browser, args=(url, progress), daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        progress("Stopped")
    finally:
        server.stop()
