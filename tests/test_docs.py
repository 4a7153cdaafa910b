"""The docs match the program: the command reference against --help, the README's set-up commands against CI."""

from __future__ import annotations

import re

import click

from conftest import REPO
from digest.cli import main

REFERENCE = REPO / "docs" / "reference.md"


def _sections(text: str) -> dict[str, str]:
    """The reference's '### `digest NAME`' sections, by command name."""
    parts = re.split(r"^### `digest ([\w-]+)`\n", text, flags=re.M)
    return {name: body.split("\n## ")[0] for name, body in zip(parts[1::2], parts[2::2])}


def test_every_command_and_option_of_the_help_is_in_the_reference():
    sections = _sections(REFERENCE.read_text(encoding="utf-8"))
    assert set(sections) == set(main.commands)
    for name, command in main.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                assert any(re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", sections[name]) for o in param.opts), \
                    f"digest {name} {param.opts[-1]}"
                if isinstance(param.type, click.Choice):
                    assert "|".join(param.type.choices) in sections[name], f"digest {name} {param.opts[-1]} choices"
    # and nothing in the reference that --help does not know
    for name, body in sections.items():
        known = {o for p in main.commands[name].params for o in getattr(p, "opts", [])} | {"--help", "--config"}
        for flag in set(re.findall(r"`(--[a-z][a-z-]*)", body)):
            assert flag in known or any(flag in s for s in sections.values() if s is not body), (name, flag)


def test_the_readme_starts_with_two_set_up_commands_and_ci_runs_the_second():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S).group(1).strip().splitlines()
    assert first_block == ["pip install -e . && digest build --date 2021-12-07",
                           "pip install -e '.[test]' && python -m pytest"]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert any(line.split("#")[0].strip() == first_block[1] for line in ci.splitlines())
    assert "set -euo pipefail" in ci and "export CI=true" in ci
    assert len(readme.encode("utf-8")) < 12_000


def test_the_docs_link_to_files_that_exist():
    for page in [REPO / "README.md", REPO / "CONTRIBUTING.md", *(REPO / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).is_file(), f"{page.name} links to {target}"
