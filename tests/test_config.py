"""Configuration: finding the file, validating it, and what select/ignore/severity do."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook_lint.api import find_pages
from handbook_lint.cli import main
from handbook_lint.config import (
    DEFAULTS,
    Config,
    ConfigError,
    Configs,
    _nearest_config_file,
    load_config,
)
from handbook_lint.diagnostics import Severity
from handbook_lint.engine import enabled_codes, lint_file
from handbook_lint.rules import RULES

BROKEN = "| Function | Free | Team (Self Serve) | Enterprise (C-Level) |\n|---|---|---|---|\n| Sales | A | | C |\n| Ops | A |\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--output-format", "concise", *args])
    return result.exit_code, result.stdout, result.stderr


def codes(output: str) -> list[str]:
    return [line.split()[1] for line in output.splitlines() if ": HL" in line]


def test_a_walk_finds_each_folders_configuration_as_a_lookup_without_it_does(tmp_path, monkeypatch):
    """The walk shows the lookup each folder's listing; what it finds must be what stats find."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "handbook-lint.toml", 'ignore = ["HL101"]\n')
    write(tmp_path / "a" / ".handbook-lint.toml", 'ignore = ["HL102"]\n')
    write(tmp_path / "a" / "b" / "pyproject.toml", '[tool.handbook-lint]\nignore = ["HL103"]\n')
    write(tmp_path / "c" / "pyproject.toml", "[project]\nname = 'x'\n")  # no table: not a configuration
    (tmp_path / "d" / "handbook-lint.toml").mkdir(parents=True)  # a folder, not a file
    (tmp_path / "e").mkdir()
    (tmp_path / "e" / "handbook-lint.toml").symlink_to(tmp_path / "a" / ".handbook-lint.toml")
    write(tmp_path / "f" / "Handbook-Lint.toml", 'ignore = ["HL104"]\n')  # found only where case is ignored
    write(tmp_path / "real" / "v1" / "handbook-lint.toml", 'ignore = ["HL105"]\n')
    (tmp_path / "real" / "v3").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "latest").symlink_to(tmp_path / "real" / "v3")
    (tmp_path / "docs" / "v1").mkdir()  # `docs/latest/../v1` is `real/v1`, not this
    for folder in ("", "a", "a/b", "a/b/g", "c", "d", "e", "f", "real/v1", "docs/v1"):
        write(tmp_path / folder / "page.md", "# A page\n")
    walked = Configs()
    pages = find_pages([".", "docs/latest/../v1", "docs/v1/page.md"], walked)
    assert "docs/latest/../v1/page.md" in pages and len(pages) == 11
    for folder, listing in walked._listings.items():
        assert _nearest_config_file(folder, {}, {folder: listing}) == _nearest_config_file(folder, {}), folder
    for page in pages:
        assert walked(page).source == Configs()(page).source, page
    assert walked("docs/v1/page.md").source == tmp_path / "handbook-lint.toml"
    assert walked("docs/latest/../v1/page.md").source == (tmp_path / "real" / "v1" / "handbook-lint.toml").resolve()


def test_nearest_file_wins_walking_up(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.handbook-lint]\nignore = ["HL101"]\n')
    write(tmp_path / "docs" / "pyproject.toml", "[project]\nname = 'x'\n")
    nested = write(tmp_path / "docs" / "team" / "handbook-lint.toml", 'ignore = ["HL301"]\n')
    assert load_config(tmp_path / "docs" / "team" / "page.md").source == nested.resolve()
    assert load_config(tmp_path / "docs" / "page.md").source == (tmp_path / "pyproject.toml").resolve()


def test_configuration_applies_per_checked_file(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.handbook-lint]\nignore = ["HL101"]\n')
    page = write(tmp_path / "docs" / "page.md", BROKEN)
    code, out, _ = check(str(page))
    assert code == 1 and "HL101" not in codes(out) and "HL301" in codes(out)
    code, out, _ = check("--isolated", str(page))
    assert "HL101" in codes(out)


def test_explicit_config_file(tmp_path):
    page = write(tmp_path / "page.md", BROKEN)
    config = write(tmp_path / "elsewhere" / "handbook-lint.toml", 'select = ["HL101"]\n')
    assert codes(check("--config", str(config), str(page))[1]) == ["HL101"]


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ('selct = ["HL1"]\n', ["selct", "unknown key"]),
        ('ignore = "HL1"\n', ["ignore", "is not of type 'array'"]),
        ("max-slots = 0\n", ["max-slots", "minimum"]),
        ('[[structure-tables]]\ntiers = ["A"]\n', ["structure-tables.0"]),
        ("ignore = [\n", ["invalid TOML"]),
    ],
)
def test_invalid_configuration_names_the_key_and_exits_2(tmp_path, toml, words):
    page = write(tmp_path / "page.md", "# ok\n")
    write(tmp_path / "handbook-lint.toml", toml)
    code, _, err = check(str(page))
    assert code == 2
    for word in words:
        assert word in err


def test_command_line_options_are_validated_too(tmp_path):
    page = write(tmp_path / "page.md", "# ok\n")
    code, _, err = check("--isolated", "--select", "HL1,not a rule", str(page))
    assert code == 2 and "select" in err


def config(**options) -> Config:
    return Config({**DEFAULTS, **options}, Path.cwd())


def test_most_specific_selector_wins():
    enabled = enabled_codes(config(select=["HL1"], ignore=["HL10"], **{"extend-select": ["HL103"]}))
    assert "HL103" in enabled and "HL101" not in enabled and "HL110" in enabled
    assert not any(code.startswith(("HL0", "HL3")) for code in enabled)


def test_names_work_like_codes():
    assert enabled_codes(config(select=["missing-owner"])) == {"HL301"}
    assert "HL301" not in enabled_codes(config(ignore=["missing-owner"]))


def test_default_selection_is_every_rule_enabled_by_default():
    assert enabled_codes(config()) == {code for code, rule in RULES.items() if rule.DEFAULT_ENABLED}


def test_per_file_ignores_match_globs_relative_to_the_config(tmp_path):
    write(tmp_path / "handbook-lint.toml", '[per-file-ignores]\n"archive/**" = ["HL3"]\n')
    old = write(tmp_path / "archive" / "2019" / "page.md", BROKEN)
    new = write(tmp_path / "current" / "page.md", BROKEN)
    assert "HL301" not in codes(check(str(old))[1])
    assert "HL301" in codes(check(str(new))[1])


def test_severity_override(tmp_path):
    write(tmp_path / "handbook-lint.toml", '[severity]\nHL101 = "note"\nmissing-owner = "warning"\n')
    page = write(tmp_path / "page.md", BROKEN)
    cfg = load_config(path=str(page), explicit=None, isolated=False, overrides={})
    severities = {d.code: d.severity for d in lint_file(str(page), cfg)}
    assert severities["HL101"] is Severity.NOTE and severities["HL301"] is Severity.WARNING


def test_exclude_applies_to_folder_walks(tmp_path):
    write(tmp_path / "handbook-lint.toml", 'exclude = ["drafts"]\n')
    write(tmp_path / "drafts" / "page.md", BROKEN)
    write(tmp_path / "ok.md", "# fine\n")
    code, out, _ = check(str(tmp_path))
    assert code == 0, out


def test_load_config_rejects_bad_overrides():
    with pytest.raises(ConfigError):
        load_config(path=None, explicit=None, isolated=True, overrides={"max-slots": -1})
