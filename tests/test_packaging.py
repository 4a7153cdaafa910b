import subprocess
import sys
import zipfile

from conftest import REPO


def test_wheel_ships_the_templates(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(REPO)],
        check=True, capture_output=True,
    )
    [wheel] = tmp_path.glob("digest-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "digest/templates/issue.mjml.j2" in names
    assert "digest/templates/issue.txt.j2" in names
    for partial in (REPO / "digest" / "templates").glob("*.j2"):  # the partials the two templates include
        assert f"digest/templates/{partial.name}" in names
    assert "digest/cli.py" in names


def test_wheel_ships_the_preview_front_end(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(REPO)],
        check=True, capture_output=True,
    )
    [wheel] = tmp_path.glob("digest-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for asset in ("preview.css", "preview.js", "favicon.svg", "base.html.j2", "archive.html.j2",
                  "issue.html.j2", "message.html.j2"):
        assert f"digest/preview/assets/{asset}" in names, asset
    assert {"digest/preview/__init__.py", "digest/preview/server.py", "digest/preview/watch.py"} <= names
