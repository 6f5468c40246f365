"""``concise``: one ``path:line:col: CODE message`` line per problem, then a summary line."""

from __future__ import annotations

from handbook_lint.diagnostics import Result
from handbook_lint.reporters.base import BOLD, Reporter, header_line, paint, summary_line


class ConciseReporter(Reporter):
    """Grep- and editor-friendly; line breaks inside a message become spaces."""

    name = "concise"

    def report(self, result: Result) -> None:
        for diagnostic in result.diagnostics:
            self.write(header_line(diagnostic, color=self.color) + "\n")
        if self.summary:
            self.write(paint(summary_line(result), BOLD, enabled=self.color) + "\n")
