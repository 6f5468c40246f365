"""handbook-lint failed while checking a page: a bug in handbook-lint, not in the page.

An unexpected error inside handbook-lint stopped it from checking this page, so none of the
page's own problems are reported. The other pages are still checked, and the run exits with
status 2, never 0 or 1: a green run must mean every page was checked, and 1 means
"problems found". Selection, ``severity`` and suppression comments do not apply. The
message names the error and where it happened; please report it at
https://github.com/handbook-lint/handbook-lint/issues with the page (or the smallest part
of it that still fails) attached. The finding is at line 1, column 1.

Bad (line 1): a page on which table extraction fails (the documentation test makes it
raise an error, as a bug would).

```markdown
| Tier | Price |
|------|-------|
| Team | $10   |
```

Good: the same page, checked without the error.

```markdown
| Tier | Price |
|------|-------|
| Team | $10   |
```
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from handbook_lint.diagnostics import Severity
from handbook_lint.page import InputProblem
from handbook_lint.rules._api import Finding, PageContext, findings_from_problems

CODE = "HL000"
NAME = "internal-error"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "report the bug with the page attached; until it is fixed, the page is not checked"
ISSUES = "https://github.com/handbook-lint/handbook-lint/issues"
_MAX_DETAIL = 300  # characters of the error's own message kept


def check(context: PageContext) -> Iterator[Finding]:
    yield from findings_from_problems(context, NAME)


def problem(path: str, error: BaseException) -> InputProblem:
    """The problem to report for an error met while checking the page at `path`."""
    detail = " ".join(str(error).split())
    if len(detail) > _MAX_DETAIL:
        detail = detail[:_MAX_DETAIL] + "…"
    message = (
        f"internal error while checking {path}: {type(error).__name__}"
        f"{': ' + detail if detail else ''}{_where(error)}. This is a bug in handbook-lint, "
        f"not in the page: please report it at {ISSUES} with the file attached"
    )
    return InputProblem(NAME, message)


def _where(error: BaseException) -> str:
    """Where in handbook-lint the error was raised: its innermost frame in the package."""
    import traceback  # only a bug needs it

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if os.path.abspath(frame.filename).startswith(package)
    ]
    if not frames:
        return ""
    relative = os.path.relpath(frames[-1].filename, os.path.dirname(package)).replace(os.sep, "/")
    return f" (in {relative}, line {frames[-1].lineno})"
