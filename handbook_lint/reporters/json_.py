"""``json``: one JSON list of ``Diagnostic.to_json()`` objects (``[]`` when clean)."""

from __future__ import annotations

import json

from handbook_lint.diagnostics import Result
from handbook_lint.reporters.base import Reporter


class JsonReporter(Reporter):
    name = "json"

    def report(self, result: Result) -> None:
        """The bytes of ``json.dump(list, indent=2)``, written one diagnostic at a time, so that
        a large run never holds every diagnostic as a dictionary at once. (JSON text has no
        raw line break inside a string, so indenting each line indents the object.)"""
        if not result.diagnostics:
            self.write("[]\n")
            return
        self.write("[")
        separator = "\n  "
        for diagnostic in result.diagnostics:
            self.write(separator + json.dumps(diagnostic.to_json(), indent=2).replace("\n", "\n  "))
            separator = ",\n  "
        self.write("\n]\n")
