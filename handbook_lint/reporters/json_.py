"""``json``: one JSON list of ``Diagnostic.to_json()`` objects (``[]`` when clean)."""

from __future__ import annotations

import json

from handbook_lint.diagnostics import Result
from handbook_lint.reporters.base import Reporter


class JsonReporter(Reporter):
    name = "json"

    def report(self, result: Result) -> None:
        json.dump([d.to_json() for d in result.diagnostics], self.stream, indent=2)
        self.write("\n")
