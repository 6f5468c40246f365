"""The rules reference, `docs/rules.md`, generated from the rule modules' docstrings.

`handbook-lint rules --output-format markdown > docs/rules.md` writes it; a test fails when
the committed file differs from what the rules say now.
"""

from __future__ import annotations

import inspect
from itertools import groupby

from handbook_lint.rules import RULES, anchor, family

HEADER = """\
# Rules

<!-- Generated from the rule docstrings by
     `handbook-lint rules --output-format markdown > docs/rules.md`. Edit the docstrings, not this file. -->

Every rule has a code (`HL` and three digits; the hundreds digit is the family) and a name;
`select`, `ignore`, `per-file-ignores`, `severity` and the suppression comments accept
either. `handbook-lint rule CODE` prints one rule's text in the terminal.
"""


def rules_reference() -> str:
    parts = [HEADER, "| code | name | family | default | severity | summary |", "| --- | --- | --- | --- | --- | --- |"]
    for code, rule in RULES.items():
        default = "on" if rule.DEFAULT_ENABLED else "off"
        summary = inspect.cleandoc(rule.__doc__ or "").splitlines()[0]
        parts.append(
            f"| [{code}](#{anchor(code, rule.NAME)}) | `{rule.NAME}` | {family(code)} | {default} "
            f"| {rule.SEVERITY.value} | {summary.replace('|', '&#124;')} |"
        )
    for hundred, codes in groupby(RULES, key=lambda code: code[:3]):
        parts.append(f"\n## {hundred}xx: {family(hundred + '00')}")
        for code in codes:
            rule = RULES[code]
            default = "on" if rule.DEFAULT_ENABLED else "off"
            parts.append(f"\n### {code} {rule.NAME}\n")
            parts.append(f"Default: {default}; severity: {rule.SEVERITY.value}.\n")
            parts.append(inspect.cleandoc(rule.__doc__ or ""))
    return "\n".join(parts) + "\n"
