"""A typo never turns checking off: unknown rules, schemas and tables in the configuration
are errors (exit 2) that say what was meant, never a green run that checked nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook_lint.api import lint_paths
from handbook_lint.cli import main
from handbook_lint.config import DEFAULTS, Config
from handbook_lint.engine import enabled_codes
from handbook_lint.rules import RULES, UnknownRule, get, selector_prefix

BROKEN = "| Function | Free | Team (Self Serve) | Enterprise (C-Level) |\n|---|---|---|---|\n| Sales | A | | C |\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


def check(*args: str):
    return CliRunner().invoke(main, ["check", "--output-format", "concise", *args], catch_exceptions=False)


@pytest.fixture
def page(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write(tmp_path / "page.md", BROKEN)


# --- rule selectors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (["--select", "HL999"], "did you mean 'HL409'"),
        (["--select", "missing-owners"], "did you mean 'missing-owner'"),
        (["--select", "HL31"], "did you mean 'HL301' or 'HL3'"),
        (["--extend-select", "HL1,pipe-row-missing"], "did you mean 'pipe-row-missing-cells'"),
        (["--ignore", "missing-ownr"], "did you mean 'missing-owner'"),
        (["--select", "all"], "did you mean 'ALL'"),
        # Not even shaped like a code or name: the same message, not the schema's pattern.
        (["--select", "HL1O1"], "did you mean 'HL101'"),
        (["--ignore", "HL-3"], "did you mean 'HL3'"),
        (["--extend-select", "Missing Owner"], "did you mean 'missing-owner'"),
    ],
)
def test_unknown_selectors_on_the_command_line_exit_2_with_a_suggestion(page, args, suggestion):
    result = check("--isolated", *args, "page.md")
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{args[0]}: " in result.stderr and suggestion in result.stderr
    assert "does not match" not in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ('select = ["HL999"]\n', ["select", "'HL999'", "'HL409'"]),
        ('ignore = ["missing-ownr"]\n', ["ignore", "'missing-owner'"]),
        ('extend-select = ["HL5"]\n', ["extend-select", "'HL5'"]),
        ('[per-file-ignores]\n"old/**" = ["HL3", "HL31"]\n', ["per-file-ignores.'old/**'", "'HL31'"]),
        ('[severity]\nHL999 = "note"\n', ["severity", "'HL999'", "'HL409'"]),
        ('[severity]\nmissing-ownr = "note"\n', ["severity", "'missing-owner'"]),
        ('[severity]\nHL3 = "note"\n', ["severity", "'HL3' is a code prefix"]),
        ('select = ["HL1O1"]\n', ["select.0", "'HL1O1' is not a rule code", "did you mean 'HL101'"]),
        ('[per-file-ignores]\n"old/**" = ["HL_301"]\n', ["per-file-ignores", "'HL_301'", "'HL301'"]),
    ],
)
def test_unknown_selectors_in_the_configuration_exit_2_naming_file_and_key(page, toml, words):
    write(page.parent / "handbook-lint.toml", toml)
    result = check("page.md")
    assert result.exit_code == 2, result.output
    assert "handbook-lint.toml: " in result.stderr
    for word in words:
        assert word in result.stderr


def test_all_selects_every_rule_as_in_ruff(page):
    assert selector_prefix("ALL") == "HL"
    config = Config({**DEFAULTS, "select": ["ALL"], "ignore": ["HL3"]}, page.parent)
    assert enabled_codes(config) == {code for code in RULES if not code.startswith("HL3")}
    write(page.parent / "handbook-lint.toml", 'select = ["ALL"]\nignore = ["HL301"]\n')
    result = check("page.md")
    assert result.exit_code == 0, result.output
    assert check("--isolated", "--select", "ALL", "page.md").exit_code == 1


def test_codes_prefixes_and_names_that_exist_are_accepted():
    assert selector_prefix("hl30") == "HL30"
    assert selector_prefix("HL") == "HL"
    assert selector_prefix("Missing-Owner") == "HL301"
    with pytest.raises(UnknownRule):
        selector_prefix("HL3011")
    with pytest.raises(UnknownRule) as raised:
        get("missing-ownr")
    assert raised.value.suggestions[0] == "missing-owner"


def test_a_hand_built_configuration_with_an_unknown_rule_raises():
    with pytest.raises(UnknownRule):
        enabled_codes(Config({**DEFAULTS, "ignore": ["HL999"]}, Path.cwd()))


def test_rule_command_suggests_too():
    result = CliRunner().invoke(main, ["rule", "missing-ownr"])
    assert result.exit_code == 2 and "did you mean 'missing-owner'" in result.stderr


# --- configuration files --------------------------------------------------------------------


def test_tool_table_outside_pyproject_says_only_pyproject_uses_it(page):
    other = write(page.parent / "other.toml", '[tool.handbook-lint]\nignore = ["HL3"]\n')
    result = check("--config", str(other), "page.md")
    assert result.exit_code == 2
    assert "only pyproject.toml uses the [tool.handbook-lint] table" in result.stderr
    assert "'tool' was unexpected" not in result.stderr


def test_explicit_pyproject_without_the_table_is_an_error(page):
    pyproject = write(page.parent / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    result = check("--config", str(pyproject), "page.md")
    assert result.exit_code == 2 and "no [tool.handbook-lint] table" in result.stderr


@pytest.mark.parametrize("name", ["handbook-lint.toml", "pyproject.toml"])
def test_a_configuration_file_that_is_not_utf8_is_a_clear_error(page, name):
    write(page.parent / name, b'[tool.handbook-lint]\n# caf\xe9\nignore = ["HL3"]\n')
    result = check("page.md")
    assert result.exit_code == 2, result.output
    assert f"{name}: not valid UTF-8" in result.stderr and "line 2" in result.stderr
    assert "Traceback" not in result.output


# --- structure-tables schemas ------------------------------------------------------------------

STRUCTURE = '[[structure-tables]]\nheading = "Owners"\nschema = "{schema}"\n'


@pytest.mark.parametrize(
    ("schema", "content", "words"),
    [
        ("absent.json", None, ["cannot read"]),
        ("broken.json", "{", ["not valid JSON"]),
        ("invalid.json", json.dumps({"type": 5}), ["invalid schema"]),
        ("folder", "folder", ["cannot read"]),
    ],
)
def test_a_schema_that_cannot_be_used_is_a_configuration_error_not_an_hl201(page, schema, content, words):
    write(page.parent / "handbook-lint.toml", STRUCTURE.format(schema=schema))
    if content == "folder":
        (page.parent / schema).mkdir()
    elif content is not None:
        write(page.parent / schema, content)
    for args in ([], ["--ignore", "HL201"]):  # --ignore cannot hide it
        result = check(*args, "page.md")
        assert result.exit_code == 2, result.output
        assert f"structure-tables.0.schema: {schema}: " in result.stderr
        for word in words:
            assert word in result.stderr


# --- settings that match nothing in a run --------------------------------------------------------

OWNERS = "# Our structure\n\n" + BROKEN


def test_a_structure_tables_entry_that_matches_no_table_is_a_warning(page):
    page.write_text(OWNERS)
    write(
        page.parent / "handbook-lint.toml",
        '[[structure-tables]]\nheading = "Our structure"\n\n[[structure-tables]]\nheading = "Our structur"\n'
        '\n[[structure-tables]]\nheader = ["Function", "Free"]\n',
    )
    result = check(".")
    assert result.exit_code == 1  # the first entry still makes the table a structure table
    assert result.stderr.splitlines() == [
        "warning: handbook-lint.toml: structure-tables.1 (heading 'Our structur') matched no table (1 page checked)",
        "warning: handbook-lint.toml: structure-tables.2 (header ['Function', 'Free']) matched no table (1 page checked)",
    ]
    # a run on named files (a pre-commit hook) cannot tell, so it says nothing
    assert check("page.md").stderr == ""


def test_a_per_file_ignores_glob_that_matches_no_page_is_a_warning(page):
    write(page.parent / "handbook-lint.toml", '[per-file-ignores]\n"archiv/**" = ["HL3"]\n"*.md" = ["HL1"]\n')
    write(page.parent / "archive" / "old.md", BROKEN)
    result = check(".")
    assert result.exit_code == 1
    assert (
        result.stderr == "warning: handbook-lint.toml: per-file-ignores 'archiv/**' matched no page (2 pages checked)\n"
    )
    assert check("page.md", "archive/old.md").stderr == ""


def test_a_walk_of_a_subfolder_says_nothing_about_a_configuration_above_it(page):
    write(page.parent / "handbook-lint.toml", '[per-file-ignores]\n"archive/**" = ["HL3"]\n')
    write(page.parent / "archive" / "old.md", BROKEN)
    write(page.parent / "current" / "new.md", BROKEN)
    assert check("current").stderr == ""
    assert check(".").stderr == ""


def test_the_api_returns_the_warnings_with_the_result(page):
    write(page.parent / "handbook-lint.toml", '[per-file-ignores]\n"archiv/**" = ["HL3"]\n')
    result = lint_paths([page.parent])
    assert result.warnings == ["handbook-lint.toml: per-file-ignores 'archiv/**' matched no page (1 page checked)"]
