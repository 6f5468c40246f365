"""``github``: GitHub Actions workflow commands, which the runner turns into annotations.

``::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=CODE::message``; ``warning``
and ``notice`` for the other severities. Values are escaped as the Actions toolkit escapes
them: ``%``, CR and LF everywhere, and ``:`` and ``,`` in property values too.
"""

from __future__ import annotations

from handbook_lint.diagnostics import Result, Severity
from handbook_lint.reporters.base import Reporter, span_of

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property's value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    name = "github"

    def report(self, result: Result) -> None:
        for diagnostic in result.diagnostics:
            span = span_of(diagnostic)
            properties = {
                "file": self.relpath(diagnostic.path),
                "line": span.line,
                "col": span.column,
                "endLine": span.end_line,
                "endColumn": span.end_column,
                "title": diagnostic.code,
            }
            rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
            command = COMMAND[Severity(diagnostic.severity)]
            self.write(f"::{command} {rendered}::{escape_data(diagnostic.message)}\n")
