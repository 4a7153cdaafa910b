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
    for partial in (REPO / "templates").glob("*.j2"):  # the partials the two templates include
        assert f"digest/templates/{partial.name}" in names
    assert "digest/cli.py" in names
