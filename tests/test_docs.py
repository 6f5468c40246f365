"""The documentation says what the code does: the generated rules reference is current, and
every command, example, option, key, format and snippet in the README works as written."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pre_commit.clientlib import load_config as load_pre_commit_config
from pre_commit.clientlib import load_manifest

from handbook_lint.cli import check, main
from handbook_lint.reporters import REPORTERS
from handbook_lint.rules.reference import rules_reference
from handbook_lint.schema_store import bundled_validator

from conftest import FIXTURES, ROOT
from test_cli import GITHUB_LINE

README = (ROOT / "README.md").read_text()
RULES_DOC = ROOT / "docs" / "rules.md"
REGENERATE = "handbook-lint rules --output-format markdown > docs/rules.md"


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, re.M | re.S)


def section(title: str) -> str:
    start = README.index(f"\n{title}\n")
    following = re.search(r"^#{1,3} ", README[start + len(title) + 2 :], re.M)
    return README[start : start + len(title) + 2 + (following.start() if following else len(README))]


def table_rows(text: str) -> list[list[str]]:
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows[1:]]


def run(args: list[str]):
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_the_rules_reference_is_generated_from_the_current_docstrings():
    assert RULES_DOC.read_text() == rules_reference(), f"docs/rules.md is out of date: run `{REGENERATE}`"
    assert REGENERATE in README


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A repository like a user's: the bundled fixtures, and a handbook/ folder of clean pages
    with its committed export."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    (tmp_path / "docs").mkdir()
    shutil.copytree(FIXTURES / "cases" / "pass", tmp_path / "handbook")
    monkeypatch.chdir(tmp_path)
    assert run(["export", "handbook", "-o", "handbook/tables.json"]).exit_code == 0
    return tmp_path


def documented_commands() -> list[str]:
    """Every `handbook-lint …` command in the README's shell blocks, workflow steps and inline code, except
    synopses with placeholders (PATH, FILE, CODE, [options]) and the user's own paths."""
    lines = [line.split("#")[0].strip() for block in blocks("sh") for line in block.splitlines()]
    lines += [
        line.split("run:", 1)[1].strip() for block in blocks("yaml") for line in block.splitlines() if "run:" in line
    ]
    inline = re.findall(r"`(handbook-lint [^`]*)`", README)
    commands = {line for line in [*lines, *inline] if line.startswith("handbook-lint ")}
    placeholder = re.compile(r"\b(PATH|FILE|CODE|NAME)\b|\[|…|path/to")
    return sorted(command for command in commands if not placeholder.search(command))


@pytest.mark.parametrize("command", documented_commands())
def test_every_documented_command_runs(command, sandbox):
    args = shlex.split(command.split(" > ")[0])[1:]
    result = run(args)
    assert result.exit_code in (0, 1), result.output  # 2 would be a usage or configuration error
    if " > " in command:  # the documented redirect writes what the repository holds
        assert result.stdout == (ROOT / command.split(" > ")[1]).read_text()


def test_the_documented_commands_include_the_essentials():
    commands = documented_commands()
    for expected in (
        "handbook-lint check fixtures/cases/pass",
        "handbook-lint export fixtures/pages/valid",
        "handbook-lint rule HL301",
        "handbook-lint check --output-format github handbook",
    ):
        assert expected in commands


def test_readme_examples_print_what_they_show(monkeypatch):
    monkeypatch.chdir(ROOT)
    examples = [block for block in blocks("text") if block.startswith("$ handbook-lint ")]
    assert len(examples) >= 2
    for example in examples:
        command, *expected = example.splitlines()
        result = run(shlex.split(command[2:])[1:])
        assert result.stdout.splitlines() == expected, command


def test_every_check_option_in_the_readme_exists():
    documented = set(re.findall(r"`(--[a-z-]+)", section("### `handbook-lint check [PATH...]`")))
    actual = {opt for param in check.params for opt in param.opts if opt.startswith("--")}
    assert documented == actual - {"--help"}


def test_the_output_formats_table_lists_every_format():
    rows = table_rows(section("### Output formats"))
    assert sorted(row[0].strip("`") for row in rows) == sorted(REPORTERS)


def test_the_configuration_reference_lists_every_key():
    rows = table_rows(section("## Configuration"))
    documented = [row[0].strip("`") for row in rows]
    keys = bundled_validator("config.schema.json").schema["properties"]
    assert documented == list(keys)
    entry = rows[documented.index("structure-tables")][2]
    for key in bundled_validator("config.schema.json").schema["$defs"]["structure-table"]["properties"]:
        assert f"`{key}`" in entry


def test_the_configuration_example_is_valid():
    (toml,) = blocks("toml")
    data = tomllib.loads(toml)["tool"]["handbook-lint"]
    assert not list(bundled_validator("config.schema.json").iter_errors(data))


def test_the_pre_commit_snippet_uses_the_hooks_this_repository_offers(tmp_path):
    snippet = next(block for block in blocks("yaml") if block.startswith("repos:"))
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(snippet)
    (repo,) = load_pre_commit_config(str(config))["repos"]  # validated by pre-commit's own schema
    offered = {hook["id"] for hook in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
    assert {hook["id"] for hook in repo["hooks"]} == offered
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]
    assert repo["repo"] == urls["Homepage"]


def test_the_pre_commit_snippet_export_args_work(sandbox):
    snippet = next(block for block in blocks("yaml") if block.startswith("repos:"))
    (hook,) = [h for h in yaml.safe_load(snippet)["repos"][0]["hooks"] if h["id"] == "handbook-lint-export"]
    manifest = {h["id"]: h for h in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
    entry = shlex.split(manifest["handbook-lint-export"]["entry"])[1:]
    assert run([*entry, *hook["args"]]).exit_code == 0


def test_the_github_actions_workflow_works_as_written(sandbox):
    workflow = next(yaml.safe_load(block) for block in blocks("yaml") if block.startswith("name:"))
    steps = workflow["jobs"]["handbook-lint"]["steps"]
    assert [step["uses"].split("@")[0] for step in steps if "uses" in step] == [
        "actions/checkout",
        "actions/setup-python",
    ]
    assert steps[2]["run"].startswith("pip install ")
    commands = [shlex.split(step["run"]) for step in steps if step.get("run", "").startswith("handbook-lint ")]
    assert [c[:2] for c in commands] == [["handbook-lint", "check"], ["handbook-lint", "export"]]
    assert "--output-format" in commands[0] and commands[0][commands[0].index("--output-format") + 1] == "github"
    for command in commands:  # a clean handbook with an up-to-date export passes
        result = run(command[1:])
        assert result.exit_code == 0, result.output
    page = sandbox / "handbook" / "support-structure.md"
    page.write_text(page.read_text().replace(' colspan="3"', "", 1))
    check_result, export_result = (run(command[1:]) for command in commands)
    assert check_result.exit_code == 1 and export_result.exit_code == 1
    lines = check_result.stdout.splitlines()
    assert lines and all(GITHUB_LINE.fullmatch(line) for line in lines)
    assert all("file=handbook/support-structure.md," in line for line in lines)
    assert any("title=HL301::" in line for line in lines)


def test_shell_completion_as_documented():
    script = Path(sys.executable).parent / "handbook-lint"
    bash = shutil.which("bash")
    if bash is None or not script.exists():
        pytest.skip("needs bash and the installed handbook-lint script")
    line = next(line for block in blocks("sh") for line in block.splitlines() if "bash_source" in line)
    command = line.split("#")[0].strip()
    env = {**os.environ, "PATH": f"{script.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        [bash, "-c", f"{command} && complete -p handbook-lint"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "handbook-lint" in done.stdout


def test_json_output_example_fields_match_the_json_format(sandbox):
    fields = re.search(r"\| `json` \| one JSON list of diagnostics \(([^)]*)\)", README)[1]
    documented = re.findall(r"`([a-z_]+)`", fields)
    result = run(["check", "--output-format", "json", "fixtures/cases/fail/owner-emptied.md"])
    assert list(json.loads(result.stdout)[0]) == documented


@pytest.mark.parametrize(
    ("title", "command"),
    [
        ("### `handbook-lint report PATH... [-o FILE]`", "report"),
        ("### `handbook-lint diff BASE [HEAD] [PATH...]`", "diff"),
    ],
)
def test_every_report_and_diff_option_in_the_readme_exists(title, command):
    documented = set(re.findall(r"`(--[a-z-]+)", section(title)))
    actual = {opt for param in main.commands[command].params for opt in param.opts if opt.startswith("--")}
    assert documented == actual - {"--help"}


# --- no placeholders: the clone address, the pinned revision, the licence, the changelog ---------

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
HOMEPAGE = PROJECT["urls"]["Homepage"]


def test_the_readme_has_no_placeholders():
    assert not re.search(r"<(this|your|the) [a-z ]+>", README)
    clones = [line for block in blocks("sh") for line in block.splitlines() if line.startswith("git clone")]
    assert clones and all(shlex.split(line)[2] == HOMEPAGE for line in clones)


def documented_revisions() -> list[str]:
    snippet = next(block for block in blocks("yaml") if block.startswith("repos:"))
    workflow = next(yaml.safe_load(block) for block in blocks("yaml") if block.startswith("name:"))
    install = next(
        step["run"] for step in workflow["jobs"]["handbook-lint"]["steps"] if "pip install" in step.get("run", "")
    )
    url = re.search(r"git\+(\S+?)@([^\"\s]+)", install)
    assert url and url[1] == HOMEPAGE
    return [yaml.safe_load(snippet)["repos"][0]["rev"], url[2]]


def test_the_pinned_revision_is_a_full_commit_sha_or_a_released_tag():
    revisions = documented_revisions()
    assert len(set(revisions)) == 1, "pre-commit and the workflow pin the same revision"
    (revision,) = set(revisions)
    tag = re.fullmatch(r"v(\d+\.\d+\.\d+)", revision)
    assert tag or re.fullmatch(r"[0-9a-f]{40}", revision), "a full commit SHA or a vX.Y.Z tag"
    if tag:  # a tag exists only once its version is released, and the changelog says when
        assert re.search(rf"^## \[{re.escape(tag[1])}\] - \d{{4}}-\d\d-\d\d$", CHANGELOG, re.M)


def test_the_pinned_commit_is_in_this_repository():
    (revision,) = set(documented_revisions())
    if not re.fullmatch(r"[0-9a-f]{40}", revision):
        pytest.skip("pinned to a tag")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    shallow = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True, text=True)
    if shallow.stdout.strip() != "false":
        pytest.skip("a shallow clone does not hold the whole history")
    found = subprocess.run(["git", "cat-file", "-e", f"{revision}^{{commit}}"], cwd=ROOT, capture_output=True)
    assert found.returncode == 0, f"{revision} is not a commit of this repository"


CHANGELOG = (ROOT / "CHANGELOG.md").read_text()


def test_the_changelog_keeps_a_changelog():
    assert "[Keep a Changelog](https://keepachangelog.com/" in CHANGELOG
    versions = re.findall(r"^## \[([^\]]+)\](.*)$", CHANGELOG, re.M)
    assert versions[0] == ("Unreleased", "")
    assert all(re.fullmatch(r" - \d{4}-\d\d-\d\d", date) for _, date in versions[1:])
    kinds = re.findall(r"^### (.+)$", CHANGELOG, re.M)
    assert kinds and set(kinds) <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
    assert "--show-settings" in CHANGELOG and "`HL010`" in CHANGELOG
    assert "(CHANGELOG.md)" in README


def test_the_licence_is_the_one_pyproject_declares():
    assert PROJECT["license"] == "Apache-2.0"
    text = (ROOT / "LICENSE").read_text()
    assert text.split()[:4] == ["Apache", "License", "Version", "2.0,"]
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in text
    assert "END OF TERMS AND CONDITIONS" in text
    assert re.findall(r"^\s+(\d)\. [A-Z]", text, re.M) == [str(n) for n in range(1, 10)]
    assert "(LICENSE)" in README
