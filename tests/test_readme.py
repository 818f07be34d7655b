"""The README tells the truth: every example output in it is what the tool prints now (issue 12).

`scripts/readme_examples.py --check` reruns each example command between
`<!-- example -->` markers; after a change to the rules, `--update` rewrites
the outputs. Measured figures (accuracy on ../shared, speed) are dated in the
text instead, since they depend on the corpus and the machine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO

SCRIPT = REPO / "scripts" / "readme_examples.py"


def check(readme: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--check", "--readme", str(readme)], capture_output=True,
                          text=True, timeout=900)


def test_every_example_output_in_the_readme_is_the_tools_own() -> None:
    done = check(REPO / "README.md")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_check_fails_when_an_output_differs(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("Intro.\n\n<!-- example -->\n```console\n$ ofsted-extract --version\nofsted-extract, version "
                      "0.0.0\n```\n<!-- /example -->\n", encoding="utf-8")
    done = check(readme)
    assert done.returncode == 1
    assert "+ofsted-extract, version 0.1.0" in done.stdout
    subprocess.run([sys.executable, str(SCRIPT), "--update", "--readme", str(readme)], check=True,
                   capture_output=True, timeout=300)
    assert "$ ofsted-extract --version\nofsted-extract, version 0.1.0\n```" in readme.read_text(encoding="utf-8")
    assert check(readme).returncode == 0


def test_no_readme_names_one_machines_paths_or_the_removed_script() -> None:
    for readme in (REPO / "README.md", REPO / "samples" / "README.md"):
        text = readme.read_text(encoding="utf-8")
        assert "/work/" not in text and "scripts/explain.py" not in text, readme
    assert not (REPO / "scripts" / "explain.py").exists()


def test_every_subcommand_has_help_and_a_place_in_the_readme() -> None:
    from ofsted_extract.cli import cli

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help and command.get_short_help_str(limit=500), name
        assert f"`{name}" in readme or f"ofsted-extract {name}" in readme, name
