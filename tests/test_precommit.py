"""The pre-commit hooks: `.pre-commit-hooks.yaml` is a valid manifest whose entries are real
commands, and the real pre-commit tool, in a fresh repository that lists this project as a
hook repository, passes a clean page and fails a broken structure table with its code."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from identify.identify import ALL_TAGS
from pre_commit.clientlib import load_manifest

from handbook_lint.cli import main

from conftest import FIXTURES, ROOT, SEED

HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"


def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in load_manifest(str(HOOKS_FILE))}


def test_the_manifest_is_valid_and_offers_both_hooks():
    found = hooks()  # load_manifest validates against pre-commit's own schema
    assert set(found) == {"handbook-lint", "handbook-lint-export"}
    for hook in found.values():
        assert hook["language"] == "python"
        assert set(hook["types_or"]) <= ALL_TAGS
    assert {"markdown", "plain-text"} <= set(found["handbook-lint"]["types_or"])
    assert found["handbook-lint"]["pass_filenames"] is True
    assert found["handbook-lint-export"]["pass_filenames"] is False
    assert "json" in found["handbook-lint-export"]["types_or"]


@pytest.mark.parametrize("hook_id", ["handbook-lint", "handbook-lint-export"])
def test_hook_entries_are_commands_this_package_installs(hook_id):
    program, *arguments = shlex.split(hooks()[hook_id]["entry"])
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert program in scripts
    result = CliRunner().invoke(main, [*arguments, "--help"])
    assert result.exit_code == 0, result.output
    for option in (a for a in arguments if a.startswith("--")):
        assert option in result.stdout


# --- the real thing ---------------------------------------------------------------------------


def package_index_reachable(folder: Path) -> bool:
    """Whether pip can fetch a package (pre-commit builds the hook's environment with pip)."""
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--timeout",
                "10",
                "--retries",
                "0",
                "--dest",
                str(folder),
                "setuptools>=68",
            ],
            capture_output=True,
            timeout=90,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


def git(*args: str, cwd: Path) -> str:
    identity = [
        "-c",
        "user.name=handbook-lint tests",
        "-c",
        "user.email=tests@example.invalid",
        "-c",
        "commit.gpgsign=false",
    ]
    done = subprocess.run(["git", *identity, *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def hook_repository(destination: Path) -> str:
    """This project's working tree (uncommitted changes included), committed in a new repository."""
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    git("init", "-q", cwd=destination)
    git("add", "-A", cwd=destination)
    git("commit", "-q", "-m", "hook repository under test", cwd=destination)
    return git("rev-parse", "HEAD", cwd=destination)


def pre_commit(repo: Path, home: Path) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        env={**os.environ, "PRE_COMMIT_HOME": str(home)},
    )
    return done.returncode, done.stdout + done.stderr


def hook_result(output: str, name: str) -> str:
    match = re.search(rf"^{re.escape(name)}\.+(Passed|Failed|Skipped)", output, re.M)
    assert match, output
    return match[1]


@pytest.mark.slow
def test_real_pre_commit_passes_the_seed_pair_and_fails_a_removed_colspan(tmp_path, monkeypatch):
    if not package_index_reachable(tmp_path / "probe"):
        pytest.skip("no package index is reachable, so pre-commit cannot build the hook environment")
    hook_repo, repo = tmp_path / "hook", tmp_path / "repo"
    hook_repo.mkdir()
    repo.mkdir()
    revision = hook_repository(hook_repo)

    # the seed pair when ../shared is there; else the bundled page with a spanning structure table
    pages = (
        [SEED, SEED.with_suffix(".txt")] if SEED.exists() else [FIXTURES / "cases" / "pass" / "support-structure.md"]
    )
    for page in pages:
        shutil.copy(page, repo / page.name)
    page = repo / pages[0].name
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hook_repo.as_posix()}\n"
        f"    rev: {revision}\n"
        "    hooks:\n"
        "      - id: handbook-lint\n"
        "      - id: handbook-lint-export\n"
        "        args: [., -o, tables.json]\n"
    )
    git("init", "-q", cwd=repo)
    monkeypatch.chdir(repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "a handbook", cwd=repo)
    home = tmp_path / "pre-commit-home"

    # the first run creates the export: pre-commit cannot see a new untracked file as a
    # change, so the hook itself fails
    code, output = pre_commit(repo, home)
    assert code == 1, output
    assert hook_result(output, "Update the canonical table export") == "Failed"
    assert "Wrote tables.json" in output and (repo / "tables.json").is_file()
    assert CliRunner().invoke(main, ["export", ".", "--check", "tables.json"]).exit_code == 0
    git("add", "tables.json", cwd=repo)
    git("commit", "-q", "-m", "the export", cwd=repo)

    code, output = pre_commit(repo, home)
    assert code == 0, output
    assert hook_result(output, "Lint handbook tables") == "Passed"
    assert hook_result(output, "Update the canonical table export") == "Passed"
    assert git("status", "--porcelain", cwd=repo) == ""  # the committed export was up to date

    text = page.read_text()
    broken, removed = re.subn(r' colspan="3"', "", text, count=1)
    assert removed == 1
    page.write_text(broken)
    git("add", page.name, cwd=repo)
    code, output = pre_commit(repo, home)
    assert code == 1, output
    assert hook_result(output, "Lint handbook tables") == "Failed"
    assert re.search(rf"^{re.escape(page.name)}:\d+:\d+: HL3\d\d ", output, re.M), output
    # the export hook rewrote the JSON, and pre-commit fails it for that, as for a formatter
    assert hook_result(output, "Update the canonical table export") == "Failed"
    assert "files were modified by this hook" in output
    git("add", "tables.json", cwd=repo)
    code, output = pre_commit(repo, home)
    assert code == 1 and hook_result(output, "Update the canonical table export") == "Passed"
