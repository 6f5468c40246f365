"""A bug met on one page is that page's HL000 diagnostic: the other pages are still checked,
and the run exits 2, whatever the selection, --exit-zero or the output format say."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from handbook_lint import api, engine
from handbook_lint.cli import main

OWNERLESS = "| Function | Free | Team (Self Serve) | Enterprise (C-Level) |\n|---|---|---|---|\n| Sales | | B | C |\n"


@pytest.fixture
def pages(tmp_path, monkeypatch):
    """Two pages with a missing owner; table extraction fails on `bad.md` as a bug would."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.md").write_text(OWNERLESS)
    (tmp_path / "good.md").write_text(OWNERLESS)
    real_extract = engine.extract

    def extract(page, **options):
        if page.path.endswith("bad.md"):
            raise ValueError("tier\nwith a newline")
        return real_extract(page, **options)

    monkeypatch.setattr(engine, "extract", extract)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_failing_page_gets_hl000_and_the_others_are_checked(pages):
    result = run("check", "--output-format", "json", ".")
    found = json.loads(result.stdout)
    assert [(d["path"], d["line"], d["column"], d["code"]) for d in found] == [
        ("bad.md", 1, 1, "HL000"),
        ("good.md", 3, 11, "HL301"),
    ]
    message = found[0]["message"]
    assert message.startswith("internal error while checking bad.md: ValueError: tier with a newline (in ")
    assert "handbook_lint/engine.py" in message or "handbook_lint/rules/" in message
    assert "please report it at https://github.com/handbook-lint/handbook-lint/issues" in message
    assert result.exit_code == 2
    assert "handbook-lint failed on 1 page (HL000)" in result.stderr


@pytest.mark.parametrize(
    "options",
    [["--exit-zero"], ["--select", "HL1"], ["--ignore", "HL000"], ["--output-format", "concise"]],
)
def test_hl000_is_never_hidden_and_always_exits_2(pages, options):
    result = run("check", *options, "bad.md")
    assert result.exit_code == 2
    assert "HL000" in result.stdout


def test_the_api_returns_hl000_instead_of_raising(pages):
    result = api.lint_paths(["bad.md", "good.md"])
    assert [(d.path, d.code) for d in result.diagnostics] == [("bad.md", "HL000"), ("good.md", "HL301")]
    assert [d.code for d in api.lint_text(OWNERLESS, path="docs/bad.md")] == ["HL000"]


def test_export_reports_the_page_and_exports_the_others(pages, monkeypatch):
    from handbook_lint import export

    real_extract = export.extract_tables

    def extract_tables(page, **options):
        if page.path.endswith("bad.md"):
            raise ValueError("boom")
        return real_extract(page, **options)

    monkeypatch.setattr(export, "extract_tables", extract_tables)
    result = run("export", ".")
    document = json.loads(result.stdout)
    bad, good = document["pages"]
    assert [p["code"] for p in bad["problems"]] == ["HL000"] and bad["tables"] == []
    assert good["problems"] == [] and len(good["tables"]) == 1
    assert result.exit_code == 2
    assert "bad.md:1:1: HL000 internal error while checking bad.md: ValueError: boom" in result.stderr


def test_export_of_standard_input_reports_a_bug_as_hl000(monkeypatch):
    from handbook_lint import export

    def extract_tables(page, **options):
        raise ValueError("boom")

    monkeypatch.setattr(export, "extract_tables", extract_tables)
    result = CliRunner().invoke(main, ["export", "--stdin-filename", "bad.md", "-"], input=OWNERLESS)
    (page,) = json.loads(result.stdout)["pages"]
    assert [p["code"] for p in page["problems"]] == ["HL000"]
    assert result.exit_code == 2


def test_report_lists_a_page_it_could_not_check_and_draws_the_others(pages):
    result = run("report", "--format", "markdown", ".")
    assert result.exit_code == 0
    assert "bad.md" in result.stdout and "internal error while checking bad.md: ValueError" in result.stdout
    assert "good.md" in result.stdout


def test_export_reports_a_bug_in_reading_a_page_as_hl000(pages, monkeypatch):
    from handbook_lint import export

    real_read = export.read_page

    def read_page(path, **options):
        if path.endswith("bad.md"):
            raise ValueError("boom")
        return real_read(path, **options)

    monkeypatch.setattr(export, "read_page", read_page)
    result = run("export", ".")
    bad, good = json.loads(result.stdout)["pages"]
    assert [p["code"] for p in bad["problems"]] == ["HL000"] and len(good["tables"]) == 1
    assert result.exit_code == 2
