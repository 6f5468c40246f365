"""`handbook-lint export`: the canonical JSON, validated against its own schema."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from handbook_lint.cli import main
from handbook_lint.schema_store import bundled_validator

from conftest import CORPUS, FIXTURES, need


def run_export(*args: str) -> tuple[int, dict, str]:
    result = CliRunner().invoke(main, ["export", *args], catch_exceptions=False)
    return result.exit_code, json.loads(result.stdout), result.stderr


def assert_valid(document: dict) -> None:
    errors = sorted(bundled_validator("export.schema.json").iter_errors(document), key=str)
    assert not errors, errors[0]


def test_seed_page_exports_its_two_tables_as_a_browser_shows_them(seed_path):
    code, document, _ = run_export(str(seed_path))
    assert code == 0
    assert_valid(document)
    (page,) = document["pages"]
    assert page["title"] == "Growth strategy"
    pipe, html = page["tables"]
    assert (pipe["source"], pipe["line"], pipe["end_line"]) == ("markdown", 20, 23)
    assert pipe["headings"] == ["1-2-3 framework", "Product"]
    assert pipe["grid"] == [
        ["", "1 - Free", "2 - Team (Self Serve)", "3 - Enterprise (C-Level)"],
        ["Value", "Creation", "Collaboration", "Compliance"],
        ["GTM", "Free/Adoption", "Self-serve", "Enterprise"],
    ]
    assert (html["id"], html["index"], html["source"]) == ("our-structure", 2, "html")
    assert (html["line"], html["end_line"], html["header_rows"]) == (45, 74, 1)
    assert html["headings"] == ["1-2-3 framework", "Our structure"]
    assert html["grid"] == [
        ["Function", "Free", "Team (Self Serve)", "Enterprise (C-Level)"],
        [
            "Marketing",
            "Marketing (Developer Evangelism)",
            "Marketing (Developer Evangelism)",
            "Enterprise Product Marketing",
        ],
        ["Sales", "Developer Experience", "Customer Success", "Enterprise Sales"],
        ["Support", "Developer Experience", "Developer Experience", "Developer Experience"],
        ["Success/Retention", "Developer Experience", "Customer Success", "Customer Solutions Architect"],
        ["Sales Ops", "Sales Ops", "Sales Ops", "Sales Ops"],
    ]
    spanning = [cell for cell in html["cells"] if cell["colspan"] > 1]
    assert [(c["row"], c["col"], c["colspan"], c["line"], c["column"]) for c in spanning] == [
        (1, 1, 2, 51, 9),
        (3, 1, 3, 62, 9),
        (5, 1, 3, 72, 9),
    ]


def test_export_is_deterministic_and_written_atomically(tmp_path):
    out = tmp_path / "tables.json"
    runner = CliRunner()
    first = runner.invoke(main, ["export", str(FIXTURES / "pages" / "valid"), "-o", str(out)])
    assert first.exit_code == 0, first.output
    text = out.read_text()
    second = runner.invoke(main, ["export", str(FIXTURES / "pages" / "valid"), "-o", str(out)])
    assert second.exit_code == 0 and out.read_text() == text
    assert [p.name for p in tmp_path.iterdir()] == ["tables.json"]
    assert_valid(json.loads(text))


def test_bad_input_is_a_diagnostic_not_a_traceback(tmp_path):
    (tmp_path / "bad.md").write_bytes(b"# ok\n\xff\xfe\n")
    (tmp_path / "bin.md").write_bytes(b"\x00\x01\x02")
    (tmp_path / "spans.md").write_text('<table><tr><td colspan="99999" rowspan="99999">x</td></tr></table>\n')
    (tmp_path / "open.md").write_text("<table><tr><td>never closed\n")
    code, document, stderr = run_export(str(tmp_path))
    assert code == 1
    assert_valid(document)
    assert "bad.md:2:1: HL002" in stderr
    assert "bin.md:1:1: HL003" in stderr
    spans = next(p for p in document["pages"] if p["path"].endswith("spans.md"))
    (table,) = spans["tables"]
    assert table["grid"] is None
    assert {"grid-too-large", "span-clamped"} <= {fact["kind"] for fact in table["facts"]}


def test_console_script_runs_in_a_real_process(seed_path):
    done = subprocess.run(
        [sys.executable, "-m", "handbook_lint", "export", str(seed_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["schema_version"] == 1


@pytest.mark.slow
def test_every_corpus_page_exports_without_error():
    corpus = need(CORPUS)
    code, document, stderr = run_export(str(corpus))
    assert code == 0, stderr
    assert len(document["pages"]) == 883
    assert_valid(document)
    tables = [t for p in document["pages"] for t in p["tables"]]
    assert tables and all(t["grid"] is not None for t in tables)
