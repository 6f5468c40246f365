"""``gitlab``: a GitLab Code Quality report (``artifacts:reports:codequality``).

A JSON list of issues. Paths are relative to the repository (``repo_root``), as GitLab needs.
Each fingerprint is a SHA-256 of path, code, line, column and message, so it is stable across
runs; a repeat of an identical problem gets its occurrence number mixed in to stay unique.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from handbook_lint.diagnostics import Diagnostic, Result, Severity
from handbook_lint.reporters.base import Reporter

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.NOTE: "info"}


def fingerprint(path: str, diagnostic: Diagnostic, occurrence: int = 0) -> str:
    """Stable SHA-256 hex digest identifying ``diagnostic`` at ``path``."""
    parts = [path, diagnostic.code, str(diagnostic.line), str(diagnostic.column), diagnostic.message]
    if occurrence:
        parts.append(str(occurrence))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


class GitlabReporter(Reporter):
    name = "gitlab"

    def report(self, result: Result) -> None:
        issues: list[dict[str, Any]] = []
        seen: dict[str, int] = {}
        for diagnostic in result.diagnostics:
            path = self.relpath(diagnostic.path)
            base = fingerprint(path, diagnostic)
            occurrence = seen.get(base, 0)
            seen[base] = occurrence + 1
            issues.append(
                {
                    "description": diagnostic.message,
                    "check_name": diagnostic.code,
                    "fingerprint": fingerprint(path, diagnostic, occurrence),
                    "severity": SEVERITY[Severity(diagnostic.severity)],
                    "location": {
                        "path": path,
                        "lines": {
                            "begin": diagnostic.line,
                            "end": max(diagnostic.end_line or diagnostic.line, diagnostic.line),
                        },
                    },
                }
            )
        json.dump(issues, self.stream, indent=2)
        self.write("\n")
