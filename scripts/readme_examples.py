"""Keep the README's example outputs true: rerun each example command and compare (or rewrite) its output.

An example in README.md is a fenced `console` block between markers:

    <!-- example -->
    ```console
    $ ofsted-extract --format table samples/some-article.txt
    ...the output, as the tool printed it...
    ```
    <!-- /example -->

Each `$ ` line is run with bash in the repository folder, with the
virtualenv's `bin/` first on PATH (so `ofsted-extract` is the checkout's) and
a 100-column, colourless terminal size; its stdout (and stderr, only when the
command says `2>&1`) replaces what follows it. Only quick commands on
`samples/` belong here: not benchmarks, servers, or figures measured on a
noisy machine (those are dated in the text instead).

    python scripts/readme_examples.py --check     # exit 1, with a diff, when README and tool disagree
    python scripts/readme_examples.py --update    # rewrite the outputs in README.md
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
EXAMPLE = re.compile(r"(<!-- example -->\n```console\n)(.*?)(```\n<!-- /example -->)", re.DOTALL)
COLUMNS = 100


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}", COLUMNS=str(COLUMNS),
               LINES="40", NO_COLOR="1", TERM="dumb", LC_ALL="C.UTF-8")
    return env


def run(command: str) -> str:
    """What `command` prints, as a shell user would see it (stderr only when the command redirects it)."""
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=REPO, env=environment(),
                          capture_output=True, text=True, timeout=600)
    return done.stdout


def commands(body: str) -> list[str]:
    return [line[2:] for line in body.splitlines() if line.startswith("$ ")]


def regenerate(body: str, outputs: dict[str, str]) -> str:
    """The block's text with every command followed by its fresh output."""
    out: list[str] = []
    for command in commands(body):
        out.append(f"$ {command}")
        out.extend(outputs[command].rstrip("\n").splitlines() if outputs[command].strip() else [])
    return "".join(line.rstrip() + "\n" for line in out)


def updated(text: str) -> str:
    """`text` with every example's output rerun (the commands run side by side: each is mostly start-up)."""
    from concurrent.futures import ThreadPoolExecutor

    wanted = list(dict.fromkeys(c for m in EXAMPLE.finditer(text) for c in commands(m.group(2))))
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1) or 1) as pool:
        outputs = dict(zip(wanted, pool.map(run, wanted)))
    return EXAMPLE.sub(lambda m: m.group(1) + regenerate(m.group(2), outputs) + m.group(3), text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="exit 1 with a diff when an example's output differs")
    mode.add_argument("--update", action="store_true", help="rewrite the example outputs in README.md")
    parser.add_argument("--readme", type=Path, default=README, help="the file to check or update")
    args = parser.parse_args(argv)
    current = args.readme.read_text(encoding="utf-8")
    fresh = updated(current)
    if args.update:
        if fresh != current:
            args.readme.write_text(fresh, encoding="utf-8")
        print(f"{args.readme}: {len(EXAMPLE.findall(current))} examples rerun")
        return 0
    if fresh == current:
        return 0
    sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), fresh.splitlines(True),
                                               f"{args.readme} (as written)", f"{args.readme} (as the tool runs)"))
    print(f"\n{args.readme}: an example's output differs from the tool's; "
          "run python scripts/readme_examples.py --update", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
