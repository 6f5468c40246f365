"""``json-lines``: one compact ``Diagnostic.to_json()`` object per line, nothing when clean."""

from __future__ import annotations

import json

from handbook_lint.diagnostics import Result
from handbook_lint.reporters.base import Reporter


class JsonLinesReporter(Reporter):
    name = "json-lines"

    def report(self, result: Result) -> None:
        for diagnostic in result.diagnostics:
            self.write(json.dumps(diagnostic.to_json(), separators=(",", ":")) + "\n")
