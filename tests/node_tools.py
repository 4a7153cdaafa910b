"""The reference MJML (``mjml --validate``) and html-validate, from the npm registry.

``node_tool(name)`` installs the pinned packages with npm into the ignored
folder ``.cache/node-tools/`` the first time a test needs them (node and npm
must be on the machine), then returns the path of the tool's executable.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NODE_TOOLS = REPO / ".cache" / "node-tools"
#: Pinned: mjml 4 is the MJML that mjml-python (MRML) follows.
PACKAGES = ("mjml@4.15.3", "html-validate@9.7.1")
#: The email-appropriate html-validate configuration (committed at the repo root).
HTML_VALIDATE_CONFIG = REPO / ".htmlvalidate.json"


def node_tool(name: str) -> Path:
    """The executable ``name`` of the pinned npm packages, installed when missing."""
    executable = NODE_TOOLS / "node_modules" / ".bin" / name
    if not executable.exists():
        npm = shutil.which("npm")
        assert npm, "npm is needed to install the reference MJML and html-validate"
        NODE_TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--prefix", str(NODE_TOOLS), "--no-audit", "--no-fund", "--silent",
                        "--no-save", *PACKAGES], check=True, capture_output=True, timeout=600)
    assert executable.exists(), f"{name} was not installed into {NODE_TOOLS}"
    return executable


def mjml_validate(*files: Path) -> subprocess.CompletedProcess:
    """``mjml --validate`` in strict mode on the files."""
    return subprocess.run([str(node_tool("mjml")), "--config.validationLevel=strict", "--validate", *map(str, files)],
                          capture_output=True, text=True, timeout=120)


def html_validate(*files: Path) -> subprocess.CompletedProcess:
    """html-validate with the repository's email configuration."""
    return subprocess.run([str(node_tool("html-validate")), "--config", str(HTML_VALIDATE_CONFIG), *map(str, files)],
                          capture_output=True, text=True, timeout=120)
