"""Every file the tool writes is written atomically, and all output is deterministic.

A real `handbook-lint` process is killed with SIGKILL after it wrote the new text but
before it renamed it over the target: the target still holds its old text, whole. Runs
with different hash seeds and the paths in another order print the same bytes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES

#: Runs handbook-lint in a child that stops for good just before each rename of a file it
#: wrote, after saying so on standard error, so the test can kill it there.
STOP_BEFORE_RENAME = """
import os, sys, time
from handbook_lint.cli import main

def stopped(source, target):
    sys.stderr.write(f"renaming {os.path.basename(source)} -> {os.path.basename(target)}\\n")
    sys.stderr.flush()
    time.sleep(120)

os.replace = stopped
sys.argv = ["handbook-lint", *sys.argv[1:]]
main()
"""
PAGE = "| Function | Free | Team (Self Serve) | Enterprise (C-Level) |\n|---|---|---|---|\n| Sales | A | B |\n"
OLD = "the old text, whole\n"


def kill_before_rename(args: list[str], cwd: Path) -> str:
    """Run handbook-lint `args` in `cwd`, kill it at its first rename; what it said."""
    child = subprocess.Popen(
        [sys.executable, "-c", STOP_BEFORE_RENAME, *args], cwd=cwd, stderr=subprocess.PIPE, text=True
    )
    assert child.stderr is not None
    said = child.stderr.readline()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return said


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (["export", "page.md", "-o", "out.json"], "out.json"),
        (["check", "--no-cache", "--output-format", "json", "--output-file", "out.json", "page.md"], "out.json"),
        (["check", "--no-cache", "--fix", "page.md"], "page.md"),
        (["report", "page.md", "-o", "out.html"], "out.html"),
    ],
    ids=["export -o", "check --output-file", "check --fix", "report -o"],
)
def test_a_run_killed_while_writing_leaves_the_old_file_whole(tmp_path, args, target):
    (tmp_path / "page.md").write_text(PAGE)
    old = PAGE if target == "page.md" else OLD
    (tmp_path / target).write_text(old)
    said = kill_before_rename([*args, "--isolated"], tmp_path)
    assert said.startswith(f"renaming .{target}.") and said.endswith(f" -> {target}\n")
    assert (tmp_path / target).read_text() == old
    (written,) = [path for path in tmp_path.iterdir() if path.name.startswith(f".{target}.")]
    assert written.read_text() != old  # the new text was complete; only the rename was missing


def run(args: list[str], cwd: Path, seed: str) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-m", "handbook_lint", *args], cwd=cwd, env=environment, capture_output=True, timeout=300
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> tuple[Path, list[str]]:
    """The fixture pages (with their exports), as files named in a folder."""
    folder = tmp_path_factory.mktemp("pages")
    for source in sorted([*(FIXTURES / "cases").rglob("*.md"), *(FIXTURES / "plaintext").glob("*")]):
        target = folder / source.parent.name / source.name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(source, target)
    names = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.md"))
    return folder, names


@pytest.mark.parametrize("output_format", ["json", "concise", "full", "sarif", "junit", "gitlab", "github"])
def test_check_prints_the_same_bytes_whatever_the_seed_and_order(pages, output_format):
    folder, names = pages
    outputs = [
        run(["check", "--isolated", "--output-format", output_format, *order], folder, seed)
        for order, seed in ((names, "1"), (names[::-1], "2"), (["."], "3"))
    ]
    assert {result.returncode for result in outputs} == {1}
    assert outputs[0].stdout and outputs[0].stdout == outputs[1].stdout == outputs[2].stdout


def test_export_writes_the_same_bytes_whatever_the_seed_and_order(pages):
    folder, names = pages
    outputs = [
        run(["export", "--isolated", *order], folder, seed) for order, seed in ((names, "1"), (names[::-1], "2"))
    ]
    assert outputs[0].stdout and outputs[0].stdout == outputs[1].stdout
