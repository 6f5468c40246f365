"""The result cache: the same output with and without it, never a stale result, safe when
two runs share it, and bounded."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook_lint import cache as cache_module
from handbook_lint import engine
from handbook_lint.cache import CACHE_DIR_NAME, ResultCache
from handbook_lint.cli import main
from handbook_lint.config import load_config

from conftest import FIXTURES

CUT = "| Tier | Seats |\n|---|---|\n| Team | 10 |\n| Free |\n"  # HL101 at line 4


@pytest.fixture
def pages(tmp_path, monkeypatch):
    """Every fixture page and export, in a folder the test runs in."""
    for folder in ("cases/fail", "cases/pass", "plaintext"):
        for file in (FIXTURES / folder).iterdir():
            if file.suffix in (".md", ".txt"):
                shutil.copy(file, tmp_path / f"{file.parent.name}-{file.name}")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["check", "--output-format", "json", "--jobs", "1", *args], catch_exceptions=False
    )
    return result.exit_code, result.stdout


def no_linting(monkeypatch):
    """From here on, linting a page fails the test: results must come from the cache."""

    def refuse(path, config):
        raise AssertionError(f"{path} was linted again")

    monkeypatch.setattr(engine, "lint_file_digest", refuse)


def test_output_is_byte_identical_with_and_without_the_cache(pages, monkeypatch):
    without = check("--no-cache", ".")
    assert not (pages / CACHE_DIR_NAME).exists()
    assert json.loads(without[1]) and without[0] == 1
    assert check(".") == without  # cold: lints, and fills the cache
    no_linting(monkeypatch)
    assert check(".") == without  # warm: every page from the cache


def test_a_changed_page_is_linted_again(pages, monkeypatch):
    page = pages / "cut.md"
    page.write_text(CUT)
    assert [d["line"] for d in json.loads(check("cut.md")[1])] == [4]
    page.write_text(CUT.replace("| Free |", "| Free | 1 |"))
    assert json.loads(check("cut.md")[1]) == []


def test_an_unchanged_stat_is_trusted_only_with_an_unchanged_ctime(pages, monkeypatch):
    """The stat shortcut (as git's index): same size and mtime but a new ctime is a change."""
    monkeypatch.setattr(cache_module, "_RACY_SECONDS", -1e9)  # trust every matching stat
    page = pages / "cut.md"
    page.write_text(CUT)
    before = os.stat(page)
    check("cut.md")
    page.write_text(CUT.replace("| Free |", "| Paid |"))  # same size
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(page).st_size == before.st_size
    assert "Paid" not in check("cut.md")[1] and json.loads(check("cut.md")[1])[0]["line"] == 4
    no_linting(monkeypatch)
    check("cut.md")  # now both stat and content are known


def test_a_page_linted_just_after_it_changed_is_read_again_only_until_its_stat_is_trusted(pages, monkeypatch):
    page = pages / "cut.md"
    page.write_text(CUT)
    check("cut.md")  # hashed within _RACY_SECONDS of its change: its stat is not trusted yet
    hashed = []
    digest = cache_module.content_digest
    monkeypatch.setattr(cache_module, "content_digest", lambda data: hashed.append(data) or digest(data))
    later = cache_module.time.time() + 2 * cache_module._RACY_SECONDS
    monkeypatch.setattr(cache_module.time, "time", lambda: later)
    no_linting(monkeypatch)
    first = check("cut.md")
    assert hashed.count(CUT.encode()) == 1  # read again, and its stat recorded with the result
    assert check("cut.md") == first
    assert hashed.count(CUT.encode()) == 1  # now the stat is enough


def test_a_changed_export_configuration_or_schema_is_linted_again(pages):
    page = pages / "plaintext-agrees-trafilatura1.md"
    export = page.with_suffix(".txt")
    assert json.loads(check(page.name)[1]) == []
    export.write_text(export.read_text().replace("Marketing", "Marketting", 1))
    assert {d["code"] for d in json.loads(check(page.name)[1])} >= {"HL406"}
    assert json.loads(check("--select", "HL1", page.name)[1]) == []

    schema = pages / "schema.json"
    schema.write_text(json.dumps({"type": "object"}))
    (pages / "handbook-lint.toml").write_text('[[structure-tables]]\nheading = "Ownership"\nschema = "schema.json"\n')
    seed = "fail-owner-emptied.md"
    clean = check("--select", "HL201", seed)
    assert clean == (0, "[]\n")
    schema.write_text(json.dumps({"type": "object", "required": ["nobody"]}))
    code, out = check("--select", "HL201", seed)
    assert code == 1 and "nobody" in out


def test_a_new_version_of_the_tool_lints_again(pages, monkeypatch):
    check(".")
    no_linting(monkeypatch)
    monkeypatch.setattr(cache_module, "_tool_fingerprint", lambda: "another version")
    with pytest.raises(AssertionError, match="linted again"):
        check(".")


def test_the_cache_lives_beside_the_configuration_file(pages, monkeypatch):
    project = pages / "project"
    (project / "docs").mkdir(parents=True)
    (project / "handbook-lint.toml").write_text('ignore = ["HL3"]\n')
    (project / "docs" / "cut.md").write_text(CUT)
    monkeypatch.chdir(project / "docs")
    check("cut.md")
    assert (project / CACHE_DIR_NAME).is_dir() and not (project / "docs" / CACHE_DIR_NAME).exists()
    assert (project / CACHE_DIR_NAME / ".gitignore").read_text().splitlines()[-1] == "*"


def test_a_damaged_cache_is_ignored_and_rewritten(pages):
    expected = check(".")
    for file in (pages / CACHE_DIR_NAME).glob("*.json"):
        file.write_text(f'{{"format": {cache_module.FORMAT}, "entries": {{"cut')
    assert check(".") == expected
    for file in (pages / CACHE_DIR_NAME).glob("*.json"):
        assert json.loads(file.read_text())["format"] == cache_module.FORMAT


def test_old_cache_files_are_removed(pages, monkeypatch):
    monkeypatch.setattr(cache_module, "MAX_FILES", 2)
    for selected in ("HL1", "HL2", "HL3", "HL4"):
        check("--select", selected, ".")
    assert len(list((pages / CACHE_DIR_NAME).glob("*.json"))) == 2


def test_two_runs_saving_at_once_keep_both_their_entries(pages):
    (pages / "one.md").write_text(CUT)
    (pages / "two.md").write_text(CUT)
    config = load_config(isolated=True)
    first, second = ResultCache(), ResultCache()
    for cache, name in ((first, "one.md"), (second, "two.md")):
        key, found = cache.lookup(name, config)
        assert found is None
        cache.store(name, config, key, key.split(":")[0], [], [])
    first.save()
    second.save()
    third = ResultCache()
    assert third.lookup("one.md", config)[1] == ([], []) and third.lookup("two.md", config)[1] == ([], [])


def test_two_processes_at_once_print_the_same_as_one(pages):
    for number in range(60):
        (pages / f"page{number}.md").write_text(CUT.replace("Team", f"Team {number}"))
    expected = check("--no-cache", ".")[1]
    command = [sys.executable, "-m", "handbook_lint", "check", "--output-format", "json", "."]
    runs = [subprocess.Popen(command, cwd=pages, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert outputs == [expected, expected]
    assert subprocess.run(command, cwd=pages, capture_output=True, text=True).stdout == expected


def test_results_from_stdin_are_not_cached(pages):
    result = CliRunner().invoke(main, ["check", "--output-format", "json", "-"], input=CUT)
    assert json.loads(result.stdout)[0]["line"] == 4
    assert not Path(pages / CACHE_DIR_NAME).exists()


def test_an_edited_entry_is_not_trusted(pages):
    (pages / "cut.md").write_text(CUT)
    expected = check("cut.md")
    (file,) = (pages / CACHE_DIR_NAME).glob("*.json")
    data = json.loads(file.read_text())
    for path, entry in data["entries"].items():
        key = entry.split("\t")[0]
        data["entries"][path] = f'{key}\tyesterday\t[[["cut.md", "one", null]], []]'  # a stat and a diagnostic broken
    file.write_text(json.dumps(data))
    assert check("cut.md") == expected


def test_settings_used_by_cached_pages_still_count_as_used(pages):
    """A structure-tables entry matched only by a page served from the cache is used: no
    'matched no table' warning on the second run."""
    (pages / "handbook-lint.toml").write_text(
        '[[structure-tables]]\nheading = "Ownership"\n\n[[structure-tables]]\nheading = "Nowhere"\n'
    )

    def warnings() -> list[str]:
        result = CliRunner().invoke(main, ["check", "--output-format", "json", "--jobs", "1", "."])
        return [line for line in result.stderr.splitlines() if line.startswith("warning:")]

    first = warnings()
    assert len(first) == 1 and "structure-tables.1" in first[0]
    assert warnings() == first


def test_exact_mode_results_depend_on_the_generator(pages, monkeypatch):
    """In exact mode the expected export is made by trafilatura: another version of it, or
    another wrapper or options, is linted again."""
    import trafilatura

    from handbook_lint.plaintext import generator

    page = "plaintext-agrees-trafilatura2.md"
    (pages / "handbook-lint.toml").write_text('plain-text-generator = "trafilatura"\n')
    expected = check(page)
    assert check(page) == expected
    no_linting(monkeypatch)
    check(page)  # from the cache
    for setting in (
        'plain-text-wrapper = "<html><body>{html}</body></html>"',
        "plain-text-options = {favor_recall = false}",
    ):
        (pages / "handbook-lint.toml").write_text(f'plain-text-generator = "trafilatura"\n{setting}\n')
        with pytest.raises(AssertionError, match="linted again"):
            check(page)
    (pages / "handbook-lint.toml").write_text('plain-text-generator = "trafilatura"\n')
    monkeypatch.setattr(trafilatura, "__version__", "1.12.2")
    generator.installed_version.cache_clear()
    generator._generator.cache_clear()
    try:
        with pytest.raises(AssertionError, match="linted again"):
            check(page)
    finally:  # the version read with the patch must not outlive this test
        generator.installed_version.cache_clear()
        generator._generator.cache_clear()


def test_the_same_bytes_with_and_without_the_cache_serial_and_parallel(pages):
    """Enough pages for the pool: a cold and a warm cache, one job and two, print what a run
    without the cache prints, warnings included (a structure-tables entry that matches nothing)."""
    from handbook_lint.pool import PARALLEL_THRESHOLD

    (pages / "handbook-lint.toml").write_text(
        '[[structure-tables]]\nheading = "Ownership"\n\n[[structure-tables]]\nheading = "Nowhere"\n'
    )
    for copy in range(PARALLEL_THRESHOLD // len(list(pages.glob("*.md"))) + 1):
        for page in list(pages.glob("[a-z]*.md")):
            (pages / f"{copy}-{page.name}").write_bytes(page.read_bytes())
    assert len(list(pages.glob("*.md"))) > PARALLEL_THRESHOLD

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "handbook_lint", "check", "--output-format", "json", *args, "."]
        return subprocess.run(command, cwd=pages, capture_output=True, text=True)

    reference = run("--no-cache", "--jobs", "1")
    assert reference.returncode == 1 and reference.stdout.count('"code"') > 20
    assert "structure-tables.1" in reference.stderr
    for args in (["--jobs", "2"], ["--jobs", "2"], ["--jobs", "1"], ["--no-cache", "--jobs", "2"]):
        result = run(*args)
        assert (result.returncode, result.stdout, result.stderr) == (1, reference.stdout, reference.stderr), args
    shutil.rmtree(pages / CACHE_DIR_NAME)
    assert run("--jobs", "1").stdout == run("--jobs", "2").stdout == reference.stdout


def test_a_run_killed_while_writing_the_cache_leaves_the_old_cache_whole(pages):
    """The cache is written atomically: killed just before the rename, the old file stands
    whole, and the next run uses it."""
    from test_writes import kill_before_rename

    (pages / "cut.md").write_text(CUT)
    expected = check("cut.md")
    (file,) = (pages / CACHE_DIR_NAME).glob("*.json")
    old = file.read_text()
    (pages / "other.md").write_text(CUT)  # a new entry to write
    said = kill_before_rename(["check", "--output-format", "json", "cut.md", "other.md"], pages)
    assert said.startswith(f"renaming .{file.name}.") and said.endswith(f" -> {file.name}\n")
    assert file.read_text() == old and json.loads(old)["format"] == cache_module.FORMAT
    assert check("cut.md") == expected


def test_the_export_a_page_is_keyed_by_is_the_one_pairing_reads():
    from handbook_lint.plaintext.pairing import export_path

    config = load_config(isolated=True)
    for page in ("a.md", "docs/b.c.mdx", "../x/Page.MARKDOWN", "/abs/p.md"):
        assert os.path.splitext(page)[0] + ".txt" == str(export_path(page, config))
