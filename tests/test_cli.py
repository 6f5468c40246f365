"""`handbook-lint check` end to end: every output format on the same broken page, read back
structurally; exit codes, statistics, --output-file, standard input, terminals."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_reporters import sarif_validator

from handbook_lint.cli import PROGRESS_THRESHOLD, main

from conftest import FIXTURES

BROKEN = FIXTURES / "cases" / "fail" / "colspan-shortened.md"
CLEAN = FIXTURES / "cases" / "pass" / "support-structure.md"


def expected_problems() -> list[tuple[int, int, str]]:
    """(line, column, code) of each problem, from the golden concise output beside the page."""
    found = re.findall(r"^[^:\n]+:(\d+):(\d+): (HL\d{3}) ", BROKEN.with_suffix(".expected").read_text(), re.M)
    assert found
    return [(int(line), int(column), code) for line, column, code in found]


def invoke(*args: str, input: bytes | str | None = None, env: dict | None = None):
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository with the broken page in docs/; the test runs inside docs/, so paths
    relative to the repository root differ from the paths as given."""
    (tmp_path / ".git").mkdir()
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(BROKEN, docs / BROKEN.name)
    monkeypatch.chdir(docs)
    return tmp_path


def check_format(name: str) -> tuple[int, str]:
    result = invoke("check", "--isolated", "--output-format", name, BROKEN.name)
    return result.exit_code, result.stdout


# --- each output format, on the same broken page ---------------------------------------------


def test_concise(repo):
    code, out = check_format("concise")
    assert code == 1
    lines = out.splitlines()
    assert lines[-1] == f"Found {len(expected_problems())} problems."
    parsed = [re.fullmatch(r"([^:]+):(\d+):(\d+): (HL\d{3}) .+", line).groups() for line in lines[:-1]]
    assert [(int(line), int(column), code) for _, line, column, code in parsed] == expected_problems()
    assert {path for path, *_ in parsed} == {BROKEN.name}


def test_full_puts_a_caret_under_each_cell(repo):
    code, out = check_format("full")
    assert code == 1 and "\x1b[" not in out  # not a terminal: no colour
    source = BROKEN.read_text().splitlines()
    for line, column, rule in expected_problems():
        header = f"{BROKEN.name}:{line}:{column}: {rule} "
        assert header in out
        block = out[out.index(header) :].split("\n\n")[0].splitlines()
        quoted = next(i for i, text in enumerate(block) if re.match(rf"\s*{line} \| ", text))
        gutter = block[quoted].index("| ") + 2
        assert block[quoted][gutter:] == source[line - 1].rstrip()
        caret = block[quoted + 1]
        assert caret.index("^") - gutter == column - 1
        assert caret.rstrip().endswith(f"^ {rule}")
    assert out.endswith(f"Found {len(expected_problems())} problems.\n")


def test_json(repo):
    code, out = check_format("json")
    assert code == 1
    data = json.loads(out)
    assert [(d["line"], d["column"], d["code"]) for d in data] == expected_problems()
    for item in data:
        assert item["path"] == BROKEN.name
        assert item["severity"] in {"error", "warning", "note"}
        assert item["end_line"] >= item["line"] and isinstance(item["message"], str)


def test_json_lines(repo):
    code, out = check_format("json-lines")
    assert code == 1
    data = [json.loads(line) for line in out.splitlines()]
    assert [(d["line"], d["column"], d["code"]) for d in data] == expected_problems()


# The workflow-command grammar (GitHub docs, "Workflow commands for GitHub Actions"):
# ::COMMAND key=value,key=value::MESSAGE, values and message percent-escaped.
_VALUE = r"(?:[^%,:\r\n]|%(?:25|0D|0A|3A|2C))*"
GITHUB_LINE = re.compile(
    rf"::(error|warning|notice) ((?:[a-zA-Z]+={_VALUE})(?:,[a-zA-Z]+={_VALUE})*)::((?:[^%\r\n]|%(?:25|0D|0A))*)"
)


def test_github_paths_are_relative_to_the_repository_root(repo):
    code, out = check_format("github")
    assert code == 1
    problems = []
    for line in out.splitlines():
        match = GITHUB_LINE.fullmatch(line)
        assert match, line
        props = dict(item.split("=", 1) for item in match[2].split(","))
        assert props["file"] == f"docs/{BROKEN.name}"  # not the path as given, relative to docs/
        problems.append((int(props["line"]), int(props["col"]), props["title"]))
        assert match[1] == ("warning" if props["title"] == "HL107" else "error")
    assert problems == expected_problems()


def test_sarif_validates_against_the_sarif_schema(repo):
    code, out = check_format("sarif")
    assert code == 1
    log = json.loads(out)
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert not errors, errors[0]
    (run,) = log["runs"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.as_uri() + "/"
    found = []
    for item in run["results"]:
        (location,) = item["locations"]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == f"docs/{BROKEN.name}"
        region = location["physicalLocation"]["region"]
        found.append((region["startLine"], region["startColumn"], item["ruleId"]))
    assert found == expected_problems()
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {code for *_, code in found}


def test_junit(repo):
    code, out = check_format("junit")
    assert code == 1
    root = ET.fromstring(out.encode("utf-8"))
    cases = root.findall(".//testcase")
    assert len(cases) == len(expected_problems()) == int(root.get("failures"))
    assert all(case.find("failure") is not None for case in cases)
    text = out
    for line, column, rule in expected_problems():
        assert f"{line}:{column}" in text and rule in text


def test_gitlab(repo):
    code, out = check_format("gitlab")
    assert code == 1
    issues = json.loads(out)
    assert [(i["location"]["lines"]["begin"], i["check_name"]) for i in issues] == [
        (line, rule) for line, _, rule in expected_problems()
    ]
    assert all(i["location"]["path"] == f"docs/{BROKEN.name}" for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)


@pytest.mark.parametrize("name", ["full", "concise", "json", "json-lines", "github", "sarif", "junit", "gitlab"])
def test_every_format_on_a_clean_page_exits_0(name, tmp_path, monkeypatch):
    shutil.copy(CLEAN, tmp_path / "page.md")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--isolated", "--output-format", name, "page.md")
    assert result.exit_code == 0, result.output


# --- the run as a whole -----------------------------------------------------------------------


def test_clean_folder_says_so_in_one_line(tmp_path, monkeypatch):
    shutil.copy(CLEAN, tmp_path / "page.md")
    monkeypatch.chdir(tmp_path)
    result = invoke("check")  # no paths: the current folder
    assert (result.exit_code, result.stdout) == (0, "All checks passed!\n")
    result = invoke("check", "--output-format", "json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_no_pages_is_a_warning_on_standard_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--output-format", "json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    assert "no pages" in result.stderr


def test_exit_codes(repo):
    assert invoke("check", BROKEN.name).exit_code == 1
    assert invoke("check", "--exit-zero", BROKEN.name).exit_code == 0
    assert invoke("check", "missing.md").exit_code == 2
    assert invoke("check", "--output-format", "nope", BROKEN.name).exit_code == 2
    assert invoke("check", "--select", "HL9", "--extend-select", "HL107", BROKEN.name).exit_code == 1


def test_a_configuration_error_exits_2(repo):
    (repo / "handbook-lint.toml").write_text("bogus = 1\n")
    result = invoke("check", BROKEN.name)
    assert result.exit_code == 2 and "bogus" in result.stderr


def test_notes_alone_do_not_fail(repo):
    (repo / "handbook-lint.toml").write_text('[severity]\nHL107 = "note"\nHL301 = "note"\n')
    assert invoke("check", BROKEN.name).exit_code == 0


def test_statistics_follow_a_human_report_and_stay_out_of_a_machine_one(repo):
    result = invoke("check", "--isolated", "--output-format", "concise", "--statistics", BROKEN.name)
    tail = result.stdout.splitlines()[-2:]
    assert [line.split() for line in tail] == [["1", "HL107", "uncovered-slots"], ["1", "HL301", "missing-owner"]]
    assert result.stdout.endswith("\n")
    result = invoke("check", "--isolated", "--output-format", "json", "--statistics", BROKEN.name)
    assert len(json.loads(result.stdout)) == 2
    assert "HL301 missing-owner" in result.stderr


def test_output_file_gets_the_report_and_standard_output_nothing(repo):
    result = invoke("check", "--isolated", "--output-format", "sarif", "--output-file", "report.sarif", BROKEN.name)
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(Path("report.sarif").read_text())["version"] == "2.1.0"
    bad = invoke("check", "--output-file", "no/such/folder/report.txt", BROKEN.name)
    assert bad.exit_code == 2 and "cannot write" in bad.stderr


def test_output_format_from_the_configuration(repo):
    (repo / "handbook-lint.toml").write_text('output-format = "json-lines"\n')
    lines = invoke("check", BROKEN.name).stdout.splitlines()
    assert [json.loads(line)["code"] for line in lines] == [code for *_, code in expected_problems()]
    assert invoke("check", "--output-format", "concise", BROKEN.name).stdout.startswith(BROKEN.name)


def test_standard_input_reports_the_given_name_and_quotes_its_text(repo):
    text = BROKEN.read_text()
    result = invoke(
        "check", "--isolated", "--output-format", "full", "-", "--stdin-filename", "docs/new.md", input=text
    )
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in result.stdout.splitlines() if line.startswith("docs/")] == [
        f"docs/new.md:{line}:{column}" for line, column, _ in expected_problems()
    ]
    assert "^ HL301" in result.stdout  # the source came from standard input; docs/new.md does not exist
    # --stdin-filename alone reads standard input too; no name at all reports "-"
    assert invoke("check", "--isolated", "--stdin-filename", "x.md", input=text).stdout.startswith("x.md:")
    assert invoke("check", "--isolated", "-", input="# fine\n").stdout == "All checks passed!\n"
    assert invoke("check", "--isolated", "-", input=text).stdout.startswith("-:")


def test_standard_input_that_is_not_utf8(repo):
    result = invoke("check", "--isolated", "-", "--stdin-filename", "a.md", input=b"ok\n\xff\n")
    assert result.exit_code == 1 and result.stdout.startswith("a.md:2:1: HL002 ")


def test_standard_input_under_force_exclude(repo):
    (repo / "handbook-lint.toml").write_text('exclude = ["docs/drafts/**"]\n')
    text = BROKEN.read_text()
    args = ["check", "-", "--stdin-filename", "drafts/page.md"]
    assert invoke(*args, input=text).exit_code == 1
    assert invoke(*args, "--force-exclude", input=text).exit_code == 0


def test_export_check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(CLEAN, tmp_path / "page.md")
    assert invoke("export", "page.md", "-o", "tables.json").exit_code == 0
    written = Path("tables.json").stat().st_mtime_ns
    result = invoke("export", "page.md", "--check", "tables.json")
    assert (result.exit_code, result.stdout) == (0, "tables.json is up to date.\n")
    result = invoke("export", "page.md", "-o", "tables.json")  # unchanged: not rewritten
    assert result.exit_code == 0 and Path("tables.json").stat().st_mtime_ns == written

    Path("page.md").write_text(CLEAN.read_text().replace("Customer Support", "Customer Care"))
    shutil.copy(CLEAN, tmp_path / "other.md")
    result = invoke("export", ".", "--check", "tables.json")
    assert result.exit_code == 1 and result.stdout == ""
    assert "tables.json is stale; run `handbook-lint export . -o tables.json`" in result.stderr
    assert "  + other.md (new page)" in result.stderr and "  ~ page.md" in result.stderr
    assert Path("tables.json").stat().st_mtime_ns == written  # --check never writes

    assert invoke("export", ".", "-o", "tables.json").exit_code == 0
    assert invoke("export", ".", "--check", "tables.json").exit_code == 0
    assert invoke("export", ".", "--check", "absent.json").exit_code == 1
    Path("broken.json").write_text("{")
    assert "not a handbook-lint export" in invoke("export", ".", "--check", "broken.json").stderr
    assert invoke("export", ".", "--check", "a.json", "-o", "b.json").exit_code == 2


# --- terminals: format, colour, progress --------------------------------------------------------


def run_on_terminal(args: list[str], *, tty: str, cwd: Path, env: dict[str, str] | None = None):
    """Run the command in a real process with stdout or stderr on a pseudo-terminal."""
    master, slave = pty.openpty()
    environment = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    environment.pop("NO_COLOR", None)
    environment.update(env or {})
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, tty: slave}
    process = subprocess.Popen(
        [sys.executable, "-m", "handbook_lint", *args], cwd=cwd, env=environment, stdin=subprocess.DEVNULL, **streams
    )
    os.close(slave)
    captured = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the process closed the terminal
            break
        if not chunk:
            break
        captured += chunk
    os.close(master)
    piped = (process.stderr if tty == "stdout" else process.stdout).read()
    process.wait(timeout=60)
    return process.returncode, captured.decode(), piped.decode()


def test_full_with_colour_is_the_default_on_a_terminal(tmp_path):
    shutil.copy(BROKEN, tmp_path / BROKEN.name)
    code, terminal, _ = run_on_terminal(["check", "--isolated", BROKEN.name], tty="stdout", cwd=tmp_path)
    assert code == 1
    assert "\x1b[" in terminal
    plain = re.sub(r"\x1b\[[0-9;]*m", "", terminal)
    assert "^ HL301" in plain and re.search(r"^34 \|", plain, re.M)
    code, terminal, _ = run_on_terminal(
        ["check", "--isolated", BROKEN.name], tty="stdout", cwd=tmp_path, env={"NO_COLOR": "1"}
    )
    assert "\x1b[" not in terminal and "^ HL301" in terminal


def test_concise_is_the_default_off_a_terminal(tmp_path):
    shutil.copy(BROKEN, tmp_path / BROKEN.name)
    done = subprocess.run(
        [sys.executable, "-m", "handbook_lint", "check", "--isolated", BROKEN.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.stdout.splitlines()[0].startswith(f"{BROKEN.name}:") and "^" not in done.stdout


@pytest.fixture(scope="module")
def many_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many")
    for number in range(PROGRESS_THRESHOLD + 1):
        (folder / f"page{number:03}.md").write_text("| a | b |\n|---|---|\n| 1 |\n")
    return folder


def test_progress_bar_on_a_terminal_for_long_runs(many_pages):
    code, terminal, report = run_on_terminal(
        ["check", "--isolated", "--output-format", "concise", "."], tty="stderr", cwd=many_pages
    )
    assert code == 1
    assert "Checking" in terminal and f"{PROGRESS_THRESHOLD + 1}/{PROGRESS_THRESHOLD + 1}" in terminal
    assert "Checking" not in report and report.endswith(f"Found {PROGRESS_THRESHOLD + 1} problems.\n")


def test_no_progress_bar_with_machine_readable_output(many_pages):
    code, terminal, report = run_on_terminal(
        ["check", "--isolated", "--output-format", "json", "."], tty="stderr", cwd=many_pages
    )
    assert code == 1 and "Checking" not in terminal
    assert len(json.loads(report)) == PROGRESS_THRESHOLD + 1


def test_no_progress_bar_for_short_runs(many_pages, tmp_path):
    for page in sorted(many_pages.glob("*.md"))[:PROGRESS_THRESHOLD]:
        shutil.copy(page, tmp_path / page.name)
    _, terminal, _ = run_on_terminal(["check", "--isolated", "."], tty="stderr", cwd=tmp_path)
    assert "Checking" not in terminal


# --- shell completion -------------------------------------------------------------------------


def complete(words: str) -> list[str]:
    env = {"_HANDBOOK_LINT_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    result = CliRunner().invoke(main, [], env=env, prog_name="handbook-lint")
    return [line.split(",", 1)[1] for line in result.stdout.splitlines()]


def test_shell_completion():
    script = CliRunner().invoke(main, [], env={"_HANDBOOK_LINT_COMPLETE": "bash_source"}, prog_name="handbook-lint")
    assert "complete -o nosort -F _handbook_lint_completion handbook-lint" in script.stdout
    assert complete("handbook-lint ch") == ["check"]
    assert complete("handbook-lint rule HL30") == ["HL301", "HL302", "HL303", "HL304", "HL305", "HL306"]
    assert complete("handbook-lint rule missing-") == ["missing-owner", "missing-function"]
    assert "sarif" in complete("handbook-lint check --output-format s")
