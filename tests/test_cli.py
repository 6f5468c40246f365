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
    assert invoke("check", "--select", "HL4", "--extend-select", "HL107", BROKEN.name).exit_code == 1
    assert invoke("check", "--select", "HL9", "--extend-select", "HL107", BROKEN.name).exit_code == 2


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


def test_export_with_exit_non_zero_on_write_fails_whenever_it_writes(tmp_path, monkeypatch):
    """The pre-commit hook sets the flag: pre-commit cannot see a new, untracked export as a
    change, so the hook itself must fail when it created or changed the file."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(CLEAN, tmp_path / "page.md")
    args = ("export", "--exit-non-zero-on-write", ".", "-o", "tables.json")
    created = invoke(*args)
    assert created.exit_code == 1 and created.stderr == "Wrote tables.json\n"
    unchanged = invoke(*args)
    assert unchanged.exit_code == 0 and unchanged.stderr == ""
    Path("page.md").write_text(CLEAN.read_text().replace("Customer Support", "Customer Care"))
    assert invoke(*args).exit_code == 1
    assert invoke("export", ".", "-o", "tables.json").exit_code == 0  # without the flag: 0, as before
    # the flag is harmless with --check, which never writes
    assert invoke("export", "--exit-non-zero-on-write", ".", "--check", "tables.json").exit_code == 0


def test_export_of_a_folder_without_pages_is_an_error_that_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("empty").mkdir()
    for args in (["-o", "tables.json"], ["--check", "tables.json"], []):
        result = invoke("export", "empty", *args)
        assert result.exit_code == 2, args
        assert "no pages under 'empty'; nothing to export" in result.stderr
        assert "Wrote" not in result.output and result.stdout == ""
    assert not Path("tables.json").exists()


def test_export_messages_match_the_exit_status_when_a_page_cannot_be_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(CLEAN, tmp_path / "page.md")
    Path("latin1.md").write_bytes(b"# Caf\xe9\n")
    assert invoke("export", ".", "-o", "tables.json").exit_code == 1
    result = invoke("export", ".", "--check", "tables.json")
    assert result.exit_code == 1 and result.stdout == ""  # not "is up to date." on a failing run
    assert result.stderr.splitlines() == [
        "latin1.md:1:6: HL002 not valid UTF-8: byte 0xe9 at offset 5",
        "tables.json is up to date, but 1 page could not be read (listed above)",
    ]
    result = invoke("export", ".", "-o", "tables.json")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Left unchanged tables.json, but 1 page could not be read (listed above)"
    result = invoke("export", ".")
    assert result.exit_code == 1 and json.loads(result.stdout)["pages"][0]["problems"][0]["code"] == "HL002"
    assert result.stderr.splitlines()[-1] == "1 page could not be read (listed above)"


def test_export_reads_standard_input_as_check_does(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(CLEAN, tmp_path / "page.md")
    from_file = json.loads(invoke("export", "page.md").stdout)
    result = invoke("export", "-", "--stdin-filename", "page.md", input=CLEAN.read_bytes())
    assert result.exit_code == 0 and json.loads(result.stdout) == from_file
    assert json.loads(invoke("export", "-", input="# t\n").stdout)["pages"][0]["path"] == "-"
    bad = invoke("export", "-", "--stdin-filename", "x.md", input=b"\xff")
    assert bad.exit_code == 1 and bad.stderr.startswith("x.md:1:1: HL002 ")


@pytest.mark.parametrize("command", ["check", "export"])
def test_a_plain_root_that_does_not_exist_is_a_usage_error(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(CLEAN, tmp_path / "page.md")
    result = invoke(command, "--plain-root", "exprots", "page.md")
    assert result.exit_code == 2 and "Directory 'exprots' does not exist" in result.stderr
    Path("file.txt").write_text("x")
    assert invoke(command, "--plain-root", "file.txt", "page.md").exit_code == 2


# --- show-settings, show-files, quiet, color ------------------------------------------------------


def test_show_files_lists_the_pages_a_check_would_read(repo):
    (repo / "handbook-lint.toml").write_text('exclude = ["docs/drafts"]\n')
    (repo / "docs" / "drafts").mkdir()
    (repo / "docs" / "drafts" / "wip.md").write_text("# wip\n")
    (repo / "docs" / "b.md").write_text("# b\n")
    result = invoke("check", "--show-files", ".")
    assert (result.exit_code, result.stdout) == (0, f"b.md\n{BROKEN.name}\n")
    assert invoke("check", "--show-files", "drafts/wip.md").stdout == "drafts/wip.md\n"
    assert invoke("check", "--show-files", "--force-exclude", "drafts/wip.md").stdout == ""
    assert invoke("check", "--show-files", "-", "--stdin-filename", "new.md").stdout == "new.md\n"


def test_show_settings_prints_the_resolved_configuration_of_a_page(repo):
    (repo / "handbook-lint.toml").write_text('ignore = ["HL1"]\n[per-file-ignores]\n"docs/old/**" = ["HL3"]\n')
    (repo / "docs" / "old").mkdir()
    shutil.copy(BROKEN, repo / "docs" / "old" / "page.md")
    result = invoke("check", "--show-settings", "--extend-select", "HL107", "old/page.md")
    assert result.exit_code == 0, result.output
    settings = json.loads(result.stdout)
    assert settings["page"] == "old/page.md"
    assert settings["configuration_file"] == str((repo / "handbook-lint.toml").resolve())
    assert settings["settings"]["ignore"] == ["HL1"] and settings["settings"]["extend-select"] == ["HL107"]
    assert "HL107" in settings["enabled_rules"] and "HL101" not in settings["enabled_rules"]
    assert not any(code.startswith("HL3") for code in settings["enabled_rules"])  # per-file-ignores
    isolated = json.loads(invoke("check", "--show-settings", "--isolated", BROKEN.name).stdout)
    assert isolated["configuration_file"] is None and "HL101" in isolated["enabled_rules"]


@pytest.mark.parametrize("option", ["--show-settings", "--show-files"])
def test_new_options_with_a_typo_a_missing_file_and_an_empty_folder(option, repo):
    typo = invoke("check", option.replace("show-", "shw-"), BROKEN.name)
    assert typo.exit_code == 2 and "No such option" in typo.stderr
    missing = invoke("check", option, "absent.md")
    assert missing.exit_code == 2 and "path 'absent.md' does not exist" in missing.stderr
    Path("empty").mkdir()
    empty = invoke("check", option, "empty")
    if option == "--show-settings":
        assert empty.exit_code == 2 and "no pages under the given paths" in empty.stderr
    else:
        assert (empty.exit_code, empty.stdout) == (0, "")
        assert "warning: no pages to check" in empty.stderr
    assert invoke("check", "--show-settings", "--show-files", BROKEN.name).exit_code == 2
    bad_config = invoke("check", option, "--select", "HL999", BROKEN.name)
    assert bad_config.exit_code == 2 and "'HL999'" in bad_config.stderr


def test_quiet_prints_the_problems_only(repo):
    (repo / "handbook-lint.toml").write_text('[per-file-ignores]\n"nowhere/**" = ["HL3"]\n')
    loud = invoke("check", "--output-format", "concise", "..")
    assert loud.stdout.endswith("Found 2 problems.\n") and "warning: " in loud.stderr
    quiet = invoke("check", "-q", "--output-format", "concise", "..")
    assert quiet.exit_code == 1 and quiet.stderr == ""
    assert quiet.stdout.splitlines() == loud.stdout.splitlines()[:-1]
    full = invoke("check", "--quiet", "--output-format", "full", "..")
    assert "Found" not in full.stdout and "^ HL301" in full.stdout
    clean = tmp = repo / "clean"
    tmp.mkdir()
    shutil.copy(CLEAN, clean / "page.md")
    assert invoke("check", "-q", str(clean)).stdout == ""
    Path("empty").mkdir()
    nothing = invoke("check", "-q", "empty")
    assert (nothing.exit_code, nothing.stdout) == (0, "")
    assert nothing.stderr == "warning: no pages to check under the given paths\n"  # even when quiet


NEW_OPTIONS = [
    ("check", ["--show-settings"]),
    ("check", ["--show-files"]),
    ("check", ["--quiet"]),
    ("check", ["--color", "always"]),
    ("export", ["--exit-non-zero-on-write", "-o", "out.json"]),
    ("export", ["--quiet"]),
    ("export", ["--stdin-filename", "x.md"]),
    ("report", ["--jobs", "2"]),
]


@pytest.mark.parametrize(("command", "options"), NEW_OPTIONS)
def test_every_new_option_with_a_typo_a_missing_file_and_an_empty_folder(command, options, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("empty").mkdir()
    typo = invoke(command, options[0][:-2], "empty")
    assert typo.exit_code == 2 and "No such option" in typo.stderr
    missing = invoke(command, *options, "absent.md")
    assert missing.exit_code == 2 and "path 'absent.md' does not exist" in missing.stderr
    empty = invoke(command, *options, "empty")
    if command == "export" or options == ["--show-settings"]:
        assert empty.exit_code == 2 and "no pages under" in empty.stderr
    else:
        assert empty.exit_code == 0 and "warning: no pages to check under the given paths" in empty.stderr
    assert not Path("out.json").exists()
    assert "Traceback" not in typo.output + missing.output + empty.output


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ([], {}, False),
        (["--color", "always"], {}, True),
        (["--color", "always"], {"NO_COLOR": "1"}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "0"}, False),
        ([], {"FORCE_COLOR": ""}, False),
    ],
)
def test_color_option_and_environment_off_a_terminal(repo, args, env, coloured):
    environment = {"NO_COLOR": None, "FORCE_COLOR": None, **env}
    for name in ("concise", "full"):
        result = invoke("check", "--output-format", name, *args, BROKEN.name, env=environment)
        assert ("\x1b[" in result.stdout) is coloured, (name, args, env)
    # machine-readable formats never get colour
    assert "\x1b[" not in invoke("check", "--output-format", "json", "--color", "always", BROKEN.name).stdout


def test_color_never_on_a_terminal(tmp_path):
    shutil.copy(BROKEN, tmp_path / BROKEN.name)
    code, terminal, _ = run_on_terminal(
        ["check", "--isolated", "--color", "never", BROKEN.name], tty="stdout", cwd=tmp_path
    )
    assert code == 1 and "\x1b[" not in terminal and "^ HL301" in terminal


def test_color_typo_is_a_usage_error(repo):
    result = invoke("check", "--color", "sometimes", BROKEN.name)
    assert result.exit_code == 2 and "'sometimes' is not one of 'auto', 'always', 'never'" in result.stderr


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


def test_shell_completion_of_rules_after_select_and_ignore():
    assert complete("handbook-lint check --select HL30") == ["HL301", "HL302", "HL303", "HL304", "HL305", "HL306"]
    assert complete("handbook-lint check --ignore HL1,missing-o") == ["HL1,missing-owner"]
    assert complete("handbook-lint check --extend-select unused-") == ["unused-suppression"]
    assert complete("handbook-lint check --select A") == ["ALL"]
    assert complete("handbook-lint check --select HL3,")[:2] == ["HL3,HL000", "HL3,internal-error"]


def test_shell_completion():
    script = CliRunner().invoke(main, [], env={"_HANDBOOK_LINT_COMPLETE": "bash_source"}, prog_name="handbook-lint")
    assert "complete -o nosort -F _handbook_lint_completion handbook-lint" in script.stdout
    assert complete("handbook-lint ch") == ["check"]
    assert complete("handbook-lint rule HL30") == ["HL301", "HL302", "HL303", "HL304", "HL305", "HL306"]
    assert complete("handbook-lint rule missing-") == ["missing-owner", "missing-function"]
    assert "sarif" in complete("handbook-lint check --output-format s")
