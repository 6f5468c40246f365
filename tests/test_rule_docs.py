"""Every registered rule documents itself the same way, and its examples do what they say.

A rule module's docstring is its documentation: a one-line summary ending in a full stop,
a blank line, the rationale, then one ``Bad (line N):`` example and one ``Good:`` example,
each a fenced Markdown page, optionally followed by its plain-text export
(``Its export, page.txt:`` and a fenced ``text`` block). The Bad page must make the rule
fire at line N; the Good page must not make it fire at all. A new rule without examples
fails here, whatever its family.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import ModuleType
from unittest import mock

import pytest

from handbook_lint.config import DEFAULTS, Config
from handbook_lint.diagnostics import Diagnostic
from handbook_lint.engine import lint_file
from handbook_lint.rules import BY_NAME, RULES
from handbook_lint.rules._api import summary

EXAMPLE = re.compile(
    r"^(Bad|Good)(?: \(line (\d+)\))?:[^\n]*(?:\n[^\n`][^\n]*)*\n\n```markdown\n(.*?)^```\n"
    r"(?:\nIts export, page\.txt:\n\n```text\n(.*?)^```\n)?",
    re.MULTILINE | re.DOTALL,
)
HEADER = re.compile(r"^(Bad|Good)\b[^\n]*:", re.MULTILINE)
BYTE = re.compile(rb"\\x([0-9a-fA-F]{2})")


def examples(rule: ModuleType) -> dict[str, tuple[int | None, str, str | None]]:
    """The rule's examples by kind: (marked line, page, export or None)."""
    doc = rule.__doc__ or ""
    found = EXAMPLE.findall(doc)
    assert [kind for kind, *_ in found] == ["Bad", "Good"], "want one Bad (line N), then one Good example"
    assert len(HEADER.findall(doc)) == 2, "every Bad/Good header must introduce a fenced example"
    return {kind: (int(line) if line else None, page, export or None) for kind, line, page, export in found}


def as_bytes(example: str) -> bytes:
    """An example as a file: ``\\xNN`` in an example stands for the byte NN."""
    return BYTE.sub(lambda match: bytes([int(match[1], 16)]), example.encode("utf-8"))


def lint_example(rule: ModuleType, kind: str, page: str, export: str | None, folder: Path) -> list[Diagnostic]:
    """Lint an example as `pricing.md` (with `pricing.txt` when it has an export), set up as
    its docstring describes, with only this rule selected."""
    folder.mkdir()
    options: dict[str, object] = {**getattr(rule, "EXAMPLE_CONFIG", {}), "select": [rule.CODE]}
    if rule.CODE == "HL006":
        (limit,) = re.findall(r"assume\s+a\s+limit\s+of\s+(\d+)\s+bytes", rule.__doc__ or "")
        options["max-file-size"] = int(limit)
    if hasattr(rule, "EXAMPLE_SCHEMA"):
        schema = folder / "schema.json"
        schema.write_text(json.dumps(rule.EXAMPLE_SCHEMA))
        header = ["Function", "Free", "Team (Self Serve)", "Enterprise (C-Level)"]
        options["structure-tables"] = [{"header": header, "schema": schema.name}]
    path = folder / "pricing.md"
    if rule.CODE == "HL001" and kind == "Bad":  # a symbolic link to a page that was deleted
        target = folder / "pricing-2023.md"
        target.write_bytes(as_bytes(page))
        path.symlink_to(target)
        target.unlink()
    else:
        path.write_bytes(as_bytes(page))
    if export is not None:
        (folder / "pricing.txt").write_text(export, encoding="utf-8")
    config = Config({**DEFAULTS, **options}, folder)
    if rule.CODE == "HL000" and kind == "Bad":  # a bug in handbook-lint: extraction fails
        with mock.patch("handbook_lint.engine.extract", side_effect=RuntimeError("a bug")):
            return lint_file(str(path), config)
    return lint_file(str(path), config)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_identity(code):
    rule = RULES[code]
    assert re.fullmatch(r"HL[0-9]{3}", rule.CODE) and rule.CODE == code
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.NAME)
    assert rule.__name__ == f"handbook_lint.rules.{rule.NAME.replace('-', '_')}", "module name = rule name"
    assert BY_NAME[rule.NAME] is rule


@pytest.mark.parametrize("code", sorted(RULES))
def test_docstring_starts_with_a_summary_line(code):
    rule = RULES[code]
    assert summary(rule).endswith(".")
    assert (rule.__doc__ or "").lstrip().splitlines()[1] == "", "the summary is one line, then a blank line"


@pytest.mark.parametrize("code", sorted(RULES))
def test_bad_example_fires_at_its_line_and_good_example_is_clean(code, tmp_path):
    rule = RULES[code]
    found = examples(rule)
    line, page, export = found["Bad"]
    assert line is not None, "the Bad example says where the rule fires: `Bad (line N):`"
    bad = [d for d in lint_example(rule, "Bad", page, export, tmp_path / "bad") if d.code == code]
    assert bad and bad[0].line == line, [(d.line, d.message) for d in bad]
    _, page, export = found["Good"]
    good = lint_example(rule, "Good", page, export, tmp_path / "good")
    assert [d for d in good if d.code == code] == []
