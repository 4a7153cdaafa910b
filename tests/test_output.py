import datetime as dt
import json

import pytest

from digest.errors import IssueExistsError
from digest.model import Issue
from digest.output import write_issue


def issue():
    return Issue(date=dt.date(2021, 12, 7), days=1, stories=())


def test_write_and_refuse_to_overwrite(tmp_path):
    folder = write_issue(tmp_path, issue(), {"index.html": "<p>1</p>"})
    assert folder == tmp_path / "2021-12-07"
    assert json.loads((folder / "issue.json").read_text())["date"] == "2021-12-07"
    with pytest.raises(IssueExistsError):
        write_issue(tmp_path, issue(), {"index.html": "<p>2</p>"})
    assert (folder / "index.html").read_text() == "<p>1</p>"


def test_force_replaces_whole_folder(tmp_path):
    folder = write_issue(tmp_path, issue(), {"index.html": "1", "old.txt": "x"})
    write_issue(tmp_path, issue(), {"index.html": "2"}, force=True)
    assert (folder / "index.html").read_text() == "2"
    assert not (folder / "old.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2021-12-07"]


def test_failed_write_leaves_old_issue(tmp_path, monkeypatch):
    folder = write_issue(tmp_path, issue(), {"index.html": "1"})
    import digest.output as output

    monkeypatch.setattr(output, "manifest", lambda _: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(Exception, match="No space left"):
        write_issue(tmp_path, issue(), {"index.html": "2"}, force=True)
    assert (folder / "index.html").read_text() == "1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2021-12-07"]


def test_issue_folders_are_real_dates_holding_the_file_newest_first(tmp_path):
    from digest.output import issue_folders

    for name in ("2021-12-07", "2021-12-08", "2021-13-40", "notes", "2021-12-09"):
        (tmp_path / name).mkdir()
    for name in ("2021-12-07", "2021-12-08", "2021-13-40", "notes"):
        (tmp_path / name / "issue.json").write_text("{}")
    (tmp_path / "2021-12-09" / "issue.json").mkdir()  # a folder, not a file
    assert [(d.isoformat(), f.name) for d, f in issue_folders(tmp_path, "issue.json")] == [
        ("2021-12-08", "2021-12-08"), ("2021-12-07", "2021-12-07")]
    assert issue_folders(tmp_path / "missing", "issue.json") == []
