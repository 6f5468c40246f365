"""The plain-text agreement rules (HL4xx): pairing, positions, and their documented
examples (page and export) reused as realistic inputs."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest

from handbook_lint.config import DEFAULTS, Config
from handbook_lint.engine import lint_file
from handbook_lint.rules import RULES

from conftest import SEED, need
from test_rule_docs import examples as documented_examples

PLAIN_RULES = {code: rule for code, rule in RULES.items() if code.startswith("HL4")}


def examples(rule: ModuleType) -> dict[str, tuple[str, str | None]]:
    """The rule's documented examples by kind: (page, export); test_rule_docs checks them."""
    return {kind: (page, export) for kind, (_, page, export) in documented_examples(rule).items()}


def lint_pair(folder: Path, page: str, export: str | None, **options: object):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "page.md").write_text(page)
    if export is not None:
        (folder / "page.txt").write_text(export)
    return lint_file(str(folder / "page.md"), Config({**DEFAULTS, **options}, folder))


def test_the_family_has_nine_rules_with_kebab_names():
    assert sorted(PLAIN_RULES) == [f"HL40{n}" for n in range(1, 10)]
    for rule in PLAIN_RULES.values():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.NAME)
        assert rule.__name__.startswith("handbook_lint.rules.plain_")


@pytest.mark.parametrize("code", sorted(PLAIN_RULES))
def test_good_examples_pass_every_rule(code, tmp_path):
    rule = PLAIN_RULES[code]
    page, export = examples(rule)["Good"]
    assert lint_pair(tmp_path, page, export, **getattr(rule, "EXAMPLE_CONFIG", {})) == []


def test_the_swap_example_reports_both_cells_with_both_ends(tmp_path):
    page, export = examples(RULES["HL406"])["Bad"]
    diagnostics = lint_pair(tmp_path, page, export)
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("HL406", 7, 13), ("HL406", 7, 36)]
    first = diagnostics[0]
    assert first.message == (
        'table "support-tiers" row 2: the export has "Customer Success" where the page has "Developer Experience"'
    )
    (related,) = first.related
    assert (Path(related.path).name, related.line, related.column) == ("page.txt", 5, 11)
    assert related.message == 'the export\'s cell: "Customer Success"'


def test_a_page_without_export_is_not_compared_unless_required(tmp_path):
    page, _ = examples(RULES["HL402"])["Good"]
    assert lint_pair(tmp_path, page, None) == []
    (diagnostic,) = lint_pair(tmp_path, page, None, **{"require-plain-text": True})
    assert (diagnostic.code, diagnostic.line) == ("HL401", 1)
    assert "page.txt does not exist" in diagnostic.message


def test_an_export_that_is_not_utf8_is_reported(tmp_path):
    page, _ = examples(RULES["HL402"])["Good"]
    (tmp_path / "page.txt").write_bytes(b"Support tiers\n\xff\n")
    (diagnostic,) = lint_pair(tmp_path, page, None)
    assert diagnostic.code == "HL401" and "not valid UTF-8" in diagnostic.message


def test_plain_root_pairs_page_with_the_same_path_under_the_root(tmp_path, monkeypatch):
    page, export = examples(RULES["HL406"])["Bad"]
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(page)
    (tmp_path / "exports" / "docs").mkdir(parents=True)
    (tmp_path / "exports" / "docs" / "page.txt").write_text(export)
    monkeypatch.chdir(tmp_path)
    config = Config({**DEFAULTS, "plain-root": str(tmp_path / "exports")}, tmp_path)
    diagnostics = lint_file("docs/page.md", config)
    assert {d.code for d in diagnostics} == {"HL406"}
    assert diagnostics[0].related[0].path == "exports/docs/page.txt"
    assert lint_file("docs/page.md", Config({**DEFAULTS, "plain-root": "elsewhere"}, tmp_path)) == []


def test_plain_pattern_pairs_page_by_pattern_relative_to_the_configuration(tmp_path, monkeypatch):
    page, export = examples(RULES["HL406"])["Bad"]
    (tmp_path / "handbook" / "team").mkdir(parents=True)
    (tmp_path / "handbook" / "team" / "page.md").write_text(page)
    (tmp_path / "txt" / "handbook" / "team").mkdir(parents=True)
    (tmp_path / "txt" / "handbook" / "team" / "page.export.txt").write_text(export)
    monkeypatch.chdir(tmp_path / "handbook")
    config = Config({**DEFAULTS, "plain-pattern": "txt/{dir}/{stem}.export.txt"}, tmp_path)
    diagnostics = lint_file("team/page.md", config)
    assert {d.code for d in diagnostics} == {"HL406"}
    assert diagnostics[0].related[0].path == "../txt/handbook/team/page.export.txt"


def test_the_seed_page_agrees_with_its_export(tmp_path):
    seed = need(SEED)
    (tmp_path / "page.md").write_text(seed.read_text())
    (tmp_path / "page.txt").write_text(seed.with_suffix(".txt").read_text())
    diagnostics = lint_file(str(tmp_path / "page.md"), Config({**DEFAULTS, "select": ["HL4"]}, tmp_path))
    assert diagnostics == []


def test_rule_modules_are_importable_by_name():
    for rule in PLAIN_RULES.values():
        assert importlib.import_module(rule.__name__) is rule


def test_the_export_json_gives_each_paired_page_its_export_and_verdict(tmp_path, monkeypatch):
    from handbook_lint.export import export_document, export_page
    from handbook_lint.schema_store import bundled_validator

    monkeypatch.chdir(tmp_path)  # export paths are shown relative to the current folder

    page, export = examples(RULES["HL406"])["Bad"]
    (tmp_path / "bad.md").write_text(page)
    (tmp_path / "bad.txt").write_text(export)
    (tmp_path / "good.md").write_text(page)
    (tmp_path / "good.txt").write_text(examples(RULES["HL406"])["Good"][1])
    (tmp_path / "alone.md").write_text(page)
    document = export_document([export_page(name) for name in ("bad.md", "good.md", "alone.md")])
    assert list(bundled_validator("export.schema.json").iter_errors(document)) == []
    alone, bad, good = document["pages"]
    assert "plain_text" not in alone
    assert good["plain_text"] == {
        "path": "good.txt",
        "agrees": True,
        "mode": "tolerant",
        "dialect": "trafilatura-1",
        "divergences": [],
    }
    verdict = bad["plain_text"]
    assert verdict["agrees"] is False
    assert [
        (d["kind"], d["line"], d["export_line"], d["page_text"], d["export_text"]) for d in verdict["divergences"]
    ] == [
        ("cell", 7, 5, "Developer Experience", "Customer Success"),
        ("cell", 7, 5, "Customer Success", "Developer Experience"),
    ]
    required = export_page("alone.md", config=Config({**DEFAULTS, "require-plain-text": True}, tmp_path))
    assert required.to_json()["plain_text"] == {
        "path": "alone.txt",
        "agrees": False,
        "mode": "tolerant",
        "error": "missing",
    }
