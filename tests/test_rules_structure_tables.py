"""Structure tables (HL3xx) and their JSON Schemas (HL2xx).

Which tables are structure tables, what each rule reports and where, the docstring
examples, and schema errors placed at the cell they are about.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from handbook_lint.api import lint_text
from handbook_lint.config import DEFAULTS, Config
from handbook_lint.page import page_from_text
from handbook_lint.structure_tables import SIMILAR_TIERS, find_structure_tables, match_tiers, tier_key, tier_similarity
from handbook_lint.tables.extract import extract_tables

from conftest import SEED, need

HEADER = "| Function | Free | Team (Self Serve) | Enterprise (C-Level) |\n|---|---|---|---|\n"


def config(root: Path | None = None, **options) -> Config:
    return Config({**DEFAULTS, **{k.replace("_", "-"): v for k, v in options.items()}}, root or Path.cwd())


def found(markdown: str, cfg: Config | None = None, select: str = "HL2,HL3") -> list[tuple[str, int, int]]:
    cfg = cfg or config()
    cfg = Config({**cfg.values, "select": select.split(",")}, cfg.root)
    return [(d.code, d.line, d.column) for d in lint_text(markdown, path="page.md", config=cfg)]


def structure_of(markdown: str, cfg: Config | None = None):
    page = page_from_text("page.md", markdown)
    return find_structure_tables(extract_tables(page), page.text, cfg or config())


# Which tables are structure tables


def test_default_tiers_recognize_structure_tables_with_ordinal_prefixes():
    markdown = "| | 1 - Free | 2 - Team (Self Serve) |\n|---|---|---|\n| Value | Creation | Collaboration |\n"
    (structure,) = structure_of(markdown)
    assert [t.text for t in structure.tiers] == ["1 - Free", "2 - Team (Self Serve)"]
    assert [f.text for f in structure.functions] == ["Value"]


def test_other_tables_are_not_structure_tables():
    assert structure_of("| Name | Role |\n|---|---|\n| Ann | Lead |\n") == []


def test_marker_comment_makes_any_table_a_structure_table():
    markdown = "<!-- handbook-lint: structure -->\n\n| Function | Gold | Silver |\n|---|---|---|\n| Sales | A | |\n"
    (structure,) = structure_of(markdown)
    assert [t.text for t in structure.tiers] == ["Gold", "Silver"]
    assert found(markdown, config(tiers=["Gold", "Silver"])) == [("HL301", 5, 15)]


def test_configured_entry_by_heading_replaces_detection():
    markdown = (
        "## Plans\n\n| Function | Basic | Pro |\n|---|---|---|\n| Sales | A | B |\n\n## Other\n\n"
        + HEADER
        + "| Sales | A | | C |\n"
    )
    cfg = config(structure_tables=[{"heading": "plans", "tiers": ["Basic", "Pro"]}])
    (structure,) = structure_of(markdown, cfg)
    assert structure.table.headings == ("Plans",)
    assert found(markdown, cfg) == []


def test_configured_entry_by_header_cells():
    markdown = "| Area | Basic | Pro |\n|---|---|---|\n| Sales | A | |\n"
    cfg = config(structure_tables=[{"header": ["area", "basic", "pro"], "tiers": ["Basic", "Pro"]}])
    assert found(markdown, cfg) == [("HL301", 3, 15)]


def test_tier_key_ignores_case_ordinals_and_spacing():
    assert tier_key("1 - Free") == tier_key("free") == tier_key("  FREE ")
    assert tier_key("2. Team  (Self Serve)") == tier_key("Team (Self Serve)")
    assert tier_key("Starter") != tier_key("Free")


# HL301 missing-owner


def test_missing_owner_at_an_empty_cell_and_at_an_uncovered_slot():
    html = (
        "<table>\n<tr><th>Function</th><th>Free</th><th>Team (Self Serve)</th><th>Enterprise (C-Level)</th></tr>\n"
        '<tr>\n<td>Support</td>\n<td colspan="2">DevEx</td>\n</tr>\n'
        "<tr>\n<td>Sales</td>\n<td>DevEx</td>\n<td></td>\n<td>Sales</td>\n</tr>\n</table>\n"
    )
    assert found(html) == [("HL301", 4, 1), ("HL301", 10, 1)]


def test_a_span_covering_every_tier_is_an_owner_for_each():
    html = (
        "<table><tr><th>Function</th><th>Free</th><th>Team (Self Serve)</th><th>Enterprise (C-Level)</th></tr>\n"
        '<tr><td>Ops</td><td colspan="3">Sales Ops</td></tr></table>\n'
    )
    assert found(html) == []


# HL302 duplicate-function


def test_duplicate_function_points_at_the_second_row_and_relates_the_first():
    markdown = HEADER + "| Sales | A | B | C |\n| sales | A | B | C |\n"
    (diagnostic,) = lint_text(markdown, path="page.md", config=config(select=["HL302"]))
    assert (diagnostic.line, diagnostic.column) == (4, 3)
    assert [(r.line, r.column) for r in diagnostic.related] == [(3, 3)]


# HL303 tier-mismatch


def messages(markdown: str, cfg: Config | None = None, select: str = "HL2,HL3") -> list[tuple[str, str]]:
    cfg = cfg or config()
    cfg = Config({**cfg.values, "select": select.split(",")}, cfg.root)
    return [(d.code, d.message) for d in lint_text(markdown, path="page.md", config=cfg)]


def test_tiers_out_of_order_missing_and_unknown():
    swapped = "| Function | Free | Enterprise (C-Level) | Team (Self Serve) |\n|---|---|---|---|\n| S | A | B | C |\n"
    assert found(swapped, select="HL303") == [("HL303", 1, 1)]
    dropped_and_added = (
        "| Function | Team (Self Serve) | Enterprise (C-Level) | Partner |\n|---|---|---|---|\n| S | A | B | C |\n"
    )
    assert messages(dropped_and_added, select="HL303") == [
        ("HL303", 'structure table has no column for tier "Free"'),
        ("HL303", 'tier "Partner" is not one of the configured tiers: Free, Team (Self Serve), Enterprise (C-Level)'),
    ]


def test_a_tier_renamed_in_place_is_one_finding_suggesting_the_configured_name():
    renamed = "| Function | Free | Team (Self Serve) | Premium |\n|---|---|---|---|\n| S | A | B | C |\n"
    assert messages(renamed) == [
        (
            "HL303",
            'tier "Premium" is not a configured tier; rename it to "Enterprise (C-Level)", the configured tier in its place',
        )
    ]


def test_a_tier_renamed_and_moved_is_matched_by_name_similarity():
    moved = "| Function | Enterprise | Free | Team (Self Serve) |\n|---|---|---|---|\n| S | A | B | C |\n"
    assert messages(moved, select="HL303") == [
        ("HL303", "tiers are out of order: expected Free, Team (Self Serve), Enterprise (C-Level)"),
        (
            "HL303",
            'tier "Enterprise" is not a configured tier; rename it to "Enterprise (C-Level)", the configured tier in its place',
        ),
    ]


def test_a_renamed_tier_names_the_spelling_of_the_other_table_once(seed_path):
    text = seed_path.read_text().replace("<th>Free</th>", "<th>Starter</th>")
    (diagnostic,) = lint_text(text, path="seed.md", config=config(select=["HL2", "HL3"]))
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("HL303", 47, 26)
    assert (
        diagnostic.message
        == 'tier "Starter" is called "1 - Free" in the table at line 20; rename it to the configured "Free"'
    )
    assert [(r.line, r.column, r.message) for r in diagnostic.related] == [(20, 5, 'named "1 - Free" here')]


def test_configured_tiers_are_the_reference():
    markdown = "| Function | Free | Team (Self Serve) |\n|---|---|---|\n| S | A | B |\n"
    assert found(markdown, config(tiers=["Free", "Team (Self Serve)"]), select="HL303") == []


# HL304 inconsistent-tier-names


TWO_SPELLINGS = config(
    structure_tables=[
        {"header": ["Function", "Free", "Team", "Enterprise"], "tiers": ["Free", "Team", "Enterprise"]},
        {"header": ["Function", "Starter", "Team", "Enterprise"], "tiers": ["Starter", "Team", "Enterprise"]},
        {"header": ["Function", "Team", "Enterprise", "Partner"], "tiers": ["Team", "Enterprise", "Partner"]},
    ]
)


def pipe_table(*tiers: str) -> str:
    return f"| Function | {' | '.join(tiers)} |\n|{'---|' * (len(tiers) + 1)}\n| S |{' A |' * len(tiers)}\n\n"


def test_same_tier_named_differently_in_two_tables():
    text = pipe_table("Free", "Team", "Enterprise") + pipe_table("Starter", "Team", "Enterprise")
    (diagnostic,) = lint_text(text, path="page.md", config=TWO_SPELLINGS)
    assert (diagnostic.code, diagnostic.line, diagnostic.column, diagnostic.message) == (
        "HL304",
        5,
        14,
        'tier "Starter" is called "Free" in the table at line 1',
    )


def test_tables_with_different_tier_sets_are_not_renamings():
    text = pipe_table("Free", "Team", "Enterprise") + pipe_table("Team", "Enterprise", "Partner")
    assert lint_text(text, path="page.md", config=TWO_SPELLINGS) == []


def test_ordinal_prefixes_do_not_make_names_differ(seed_path):
    assert found(seed_path.read_text(), select="HL304") == []


# HL305 missing-function and HL306 unknown-function


def test_listed_functions_must_each_have_a_row_and_no_other_rows():
    cfg = config(structure_tables=[{"heading": "Owners", "functions": ["Sales", "Support"]}])
    markdown = "## Owners\n\n" + HEADER + "| Sales | A | B | C |\n| Suport | A | B | C |\n"
    assert found(markdown, cfg, select="HL305,HL306") == [("HL305", 3, 1), ("HL306", 6, 3)]


# HL201 schema-violation


def write_schema(tmp_path: Path, schema: dict) -> str:
    (tmp_path / "owners.json").write_text(json.dumps(schema))
    return "owners.json"


def test_schema_errors_are_reported_at_the_cell(tmp_path):
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "properties": {"functions": {"additionalProperties": {"additionalProperties": {"enum": ["A", "B", "C"]}}}},
    }
    cfg = config(
        tmp_path,
        structure_tables=[
            {
                "header": ["Function", "Free", "Team (Self Serve)", "Enterprise (C-Level)"],
                "schema": write_schema(tmp_path, schema),
            }
        ],
    )
    markdown = HEADER + "| Sales | A | Z | C |\n"
    (diagnostic,) = lint_text(markdown, path="page.md", config=Config({**cfg.values, "select": ["HL201"]}, tmp_path))
    assert (diagnostic.line, diagnostic.column) == (3, 15)
    assert (
        diagnostic.message
        == '"Sales" at tier "Team (Self Serve)": owner "Z" is not allowed; expected one of "A", "B", "C"'
    )
    assert [(r.line, r.column, r.message) for r in diagnostic.related] == [
        (3, 15, "JSON Pointer in the structure view: /functions/Sales/Team (Self Serve)")
    ]


def owners_config(tmp_path: Path, schema: dict) -> Config:
    entry = {"header": ["Function", "Free", "Team (Self Serve)", "Enterprise (C-Level)"]}
    entry["schema"] = write_schema(tmp_path, {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema})
    return config(tmp_path, structure_tables=[entry], select=["HL2", "HL3"])


def test_schema_messages_speak_of_functions_tiers_and_owners_and_point_unambiguously(tmp_path):
    schema = {
        "properties": {
            "functions": {
                "required": ["Billing"],
                "propertyNames": {"pattern": "^[A-Z]"},
                "additionalProperties": {"additionalProperties": {"enum": ["A", "B"]}},
            },
            "tiers": {"items": {"maxLength": 17}},
        }
    }
    markdown = HEADER + "| Success/Retention | A | Z | B |\n| sales | A | B | A |\n"
    diagnostics = lint_text(markdown, path="page.md", config=owners_config(tmp_path, schema))
    assert [(d.line, d.message, d.related[0].message.split(": ", 1)[1]) for d in diagnostics] == [
        (1, 'the table has no row for function "Billing", which the schema requires', "/functions"),
        (1, 'tier "Enterprise (C-Level)" is longer than the 17 characters allowed', "/tiers/2"),
        (
            3,
            '"Success/Retention" at tier "Team (Self Serve)": owner "Z" is not allowed; expected one of "A", "B"',
            "/functions/Success~1Retention/Team (Self Serve)",
        ),
        (4, 'function "sales" does not match the pattern "^[A-Z]"', "/functions/sales"),
    ]
    assert not any("'" in d.message or "None" in d.message for d in diagnostics)


def test_an_empty_owner_is_missing_owner_only_not_a_schema_violation(tmp_path):
    schema = {"properties": {"functions": {"additionalProperties": {"additionalProperties": {"enum": ["A", "B"]}}}}}
    html = (
        "<table>\n<tr><th>Function</th><th>Free</th><th>Team (Self Serve)</th><th>Enterprise (C-Level)</th></tr>\n"
        '<tr><td>Support</td><td colspan="2">A</td></tr>\n'
        "<tr><td>Sales</td><td></td><td>B</td><td>Z</td></tr>\n</table>\n"
    )
    diagnostics = lint_text(html, path="page.md", config=owners_config(tmp_path, schema))
    assert [(d.code, d.line) for d in diagnostics] == [("HL301", 3), ("HL301", 4), ("HL201", 4)]
    assert diagnostics[2].message.endswith('owner "Z" is not allowed; expected one of "A", "B"')


def test_remote_references_are_refused_not_fetched(tmp_path):
    schema = {"$ref": "https://example.invalid/schema.json"}
    cfg = config(
        tmp_path,
        structure_tables=[
            {
                "header": ["Function", "Free", "Team (Self Serve)", "Enterprise (C-Level)"],
                "schema": write_schema(tmp_path, schema),
            }
        ],
    )
    (diagnostic,) = lint_text(
        HEADER + "| S | A | B | C |\n", path="page.md", config=Config({**cfg.values, "select": ["HL201"]}, tmp_path)
    )
    assert "never fetched" in diagnostic.message and diagnostic.line == 1


def test_missing_or_broken_schema_files_are_reported_at_the_table(tmp_path):
    entry = {"header": ["Function", "Free", "Team (Self Serve)", "Enterprise (C-Level)"], "schema": "absent.json"}
    cfg = Config({**DEFAULTS, "structure-tables": [entry], "select": ["HL201"]}, tmp_path)
    (diagnostic,) = lint_text(HEADER + "| S | A | B | C |\n", path="page.md", config=cfg)
    assert "absent.json" in diagnostic.message and "cannot read" in diagnostic.message


def test_seed_page_is_clean_with_no_configuration():
    seed = need(SEED)
    assert lint_text(seed.read_text(), path="seed.md", config=config()) == []


# Tier matching: by name, never by column number

NAMES = ["Free", "Team (Self Serve)", "Enterprise (C-Level)", "Growth", "Scale", "Partner", "Startup", "Business"]


def distinct(names: list[str]) -> bool:
    return all(tier_similarity(a, b) < SIMILAR_TIERS for a, b in itertools.combinations(names, 2))


@given(st.permutations(NAMES).map(lambda names: names[:4]), st.randoms())
def test_the_same_tiers_in_any_order_match_by_name(names, rng):
    found = rng.sample(names, len(names))
    match = match_tiers(found, names)
    assert (match.renamed, match.unknown, match.missing) == ([], [], [])
    assert sorted(match.same) == sorted((found.index(name), names.index(name)) for name in names)
    assert match.in_reference_order() == (found == names)


@given(st.permutations(NAMES), st.integers(0, 3))
def test_one_tier_renamed_in_place_is_one_renaming(names, where):
    reference, new_name = names[:4], names[4]
    assume(distinct([*reference, new_name]))
    found = [*reference[:where], new_name, *reference[where + 1 :]]
    match = match_tiers(found, reference)
    assert (match.renamed, match.unknown, match.missing) == ([(where, where)], [], [])


@given(st.permutations(NAMES))
def test_a_tier_dropped_at_one_end_and_another_added_at_the_other_is_no_renaming(names):
    reference, new_name = names[:4], names[4]
    assume(distinct([*reference, new_name]))
    match = match_tiers([*reference[1:], new_name], reference)
    assert (match.renamed, match.unknown, match.missing) == ([], [3], [0])


def test_similar_names_pair_wherever_they_stand():
    match = match_tiers(["Enterprise", "Free", "Team"], ["Free", "Team (Self Serve)", "Enterprise (C-Level)"])
    assert (match.same, match.renamed) == ([(1, 0)], [(0, 2), (2, 1)])
    assert not match.in_reference_order()


def test_a_tier_name_the_schema_refuses_is_named_as_a_tier(tmp_path):
    schema = {"properties": {"functions": {"additionalProperties": {"propertyNames": {"maxLength": 17}}}}}
    markdown = HEADER + "| Sales | A | B | C |\n"
    (diagnostic,) = lint_text(markdown, path="page.md", config=owners_config(tmp_path, schema))
    assert diagnostic.message == (
        '"Sales" has tier "Enterprise (C-Level)", whose name is longer than the 17 characters allowed'
    )
    assert diagnostic.related[0].message.endswith("/functions/Sales/Enterprise (C-Level)")
