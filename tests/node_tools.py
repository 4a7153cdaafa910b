"""The reference MJML (``mjml --validate``) and html-validate, from the npm registry.

The set-up step (``.ci/setup``, see CONTRIBUTING.md) installs the pinned
packages with npm into the ignored folder ``.cache/node-tools/``; tests that
use them are marked ``node``. ``node_tool(name)`` returns the path of a tool's
executable.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NODE_TOOLS = REPO / ".cache" / "node-tools"
#: Pinned: mjml 4 is the MJML that mjml-python (MRML) follows.
PACKAGES = ("mjml@4.15.3", "html-validate@9.7.1")
#: The email-appropriate html-validate configuration (committed at the repo root).
HTML_VALIDATE_CONFIG = REPO / ".htmlvalidate.json"


TOOLS = ("mjml", "html-validate")


def node_tool(name: str) -> Path:
    """The executable ``name`` of the pinned npm packages."""
    executable = NODE_TOOLS / "node_modules" / ".bin" / name
    assert executable.exists(), f"{name} is not installed in {NODE_TOOLS}: run .ci/setup (see CONTRIBUTING.md)"
    return executable


def node_tools_missing() -> str | None:
    """Why the node tests cannot run here, or None when the tools are installed."""
    for name in TOOLS:
        if not (NODE_TOOLS / "node_modules" / ".bin" / name).exists():
            return f"{name} not found in {NODE_TOOLS}: run .ci/setup (see CONTRIBUTING.md, set-up)"
    return None


def install() -> None:
    """Install the pinned packages into NODE_TOOLS (node and npm must be on the machine)."""
    NODE_TOOLS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(NODE_TOOLS), "--no-audit", "--no-fund", "--silent",
                    "--no-save", *PACKAGES], check=True, timeout=600)


if __name__ == "__main__":  # the set-up step: python tests/node_tools.py [--check]
    if "--check" not in sys.argv[1:]:
        install()
    missing = node_tools_missing()
    if missing:
        sys.exit(missing)


def mjml_validate(*files: Path) -> subprocess.CompletedProcess:
    """``mjml --validate`` in strict mode on the files."""
    return subprocess.run([str(node_tool("mjml")), "--config.validationLevel=strict", "--validate", *map(str, files)],
                          capture_output=True, text=True, timeout=120)


def html_validate(*files: Path) -> subprocess.CompletedProcess:
    """html-validate with the repository's email configuration."""
    return subprocess.run([str(node_tool("html-validate")), "--config", str(HTML_VALIDATE_CONFIG), *map(str, files)],
                          capture_output=True, text=True, timeout=120)
