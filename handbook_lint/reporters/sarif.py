"""``sarif``: one SARIF 2.1.0 log (GitHub code scanning, IDE viewers).

Rule metadata comes from ``Result.rules``; a code with no metadata still gets a minimal rule
so that every ``ruleIndex`` is valid. Artifact URIs are relative to ``%SRCROOT%`` (the
repository root: ``repo_root`` when given, else the current directory).
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

import handbook_lint
from handbook_lint.diagnostics import Diagnostic, Related, Result, RuleMeta, Severity
from handbook_lint.reporters.base import Reporter, span_of

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
TOOL_NAME = "handbook-lint"
SRCROOT = "%SRCROOT%"
#: Used when the installed distribution declares no project URL.
FALLBACK_INFORMATION_URI = "https://pypi.org/project/handbook-lint/"

# Characters left as they are in a relative URI: unreserved ones (always kept by quote),
# "/" and the sub-delimiters. ":" is escaped, since in a first segment it would read as a scheme.
_URI_SAFE = "/!$&'()*+,;=@"


@functools.cache
def information_uri() -> str:
    """The project's home page from the installed metadata, else the PyPI page."""
    import importlib.metadata  # slow to import: only SARIF output needs it

    try:
        meta = importlib.metadata.metadata(TOOL_NAME)
    except importlib.metadata.PackageNotFoundError:
        return FALLBACK_INFORMATION_URI
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in {"homepage", "home", "repository", "source", "documentation"}:
            return url.strip()
    home = meta.json.get("home_page")
    return home if isinstance(home, str) and home else FALLBACK_INFORMATION_URI


def _rule_descriptor(code: str, meta: RuleMeta | None) -> dict[str, Any]:
    descriptor: dict[str, Any] = {"id": code}
    if meta is None:
        return descriptor
    descriptor["name"] = meta.name
    if meta.summary:
        descriptor["shortDescription"] = {"text": meta.summary}
    if meta.doc:
        descriptor["fullDescription"] = {"text": meta.doc}
        descriptor["help"] = {"text": meta.doc, "markdown": meta.doc}
    if meta.url:
        descriptor["helpUri"] = meta.url
    descriptor["defaultConfiguration"] = {"level": Severity(meta.severity).value}
    return descriptor


class SarifReporter(Reporter):
    name = "sarif"

    def report(self, result: Result) -> None:
        json.dump(self.document(result), self.stream, indent=2)
        self.write("\n")

    def document(self, result: Result) -> dict[str, Any]:
        """The SARIF log as plain JSON data."""
        codes = list(result.rules)
        codes += sorted({d.code for d in result.diagnostics} - set(codes))
        index = {code: i for i, code in enumerate(codes)}
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": TOOL_NAME,
                    "informationUri": information_uri(),
                    "version": handbook_lint.__version__,
                    "rules": [_rule_descriptor(code, result.rules.get(code)) for code in codes],
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": [self._result(d, index[d.code]) for d in result.diagnostics],
        }
        if self.repo_root is not None:
            root_uri = Path(os.path.abspath(self.repo_root)).as_uri()
            run["originalUriBaseIds"] = {SRCROOT: {"uri": root_uri if root_uri.endswith("/") else root_uri + "/"}}
        return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}

    def _artifact(self, path: str) -> dict[str, Any]:
        relative = self.relpath(path)
        if Path(relative).is_absolute():
            return {"uri": Path(relative).as_uri()}
        return {"uri": quote(relative, safe=_URI_SAFE), "uriBaseId": SRCROOT}

    def _result(self, diagnostic: Diagnostic, rule_index: int) -> dict[str, Any]:
        span = span_of(diagnostic)
        region = {
            "startLine": span.line,
            "startColumn": span.column,
            "endLine": span.end_line,
            "endColumn": span.end_column,
        }
        entry: dict[str, Any] = {
            "ruleId": diagnostic.code,
            "ruleIndex": rule_index,
            "level": Severity(diagnostic.severity).value,
            "message": {"text": diagnostic.message},
            "locations": [
                {"physicalLocation": {"artifactLocation": self._artifact(diagnostic.path), "region": region}}
            ],
        }
        if diagnostic.related:
            entry["relatedLocations"] = [self._related(i, r) for i, r in enumerate(diagnostic.related)]
        return entry

    def _related(self, number: int, related: Related) -> dict[str, Any]:
        return {
            "id": number,
            "physicalLocation": {
                "artifactLocation": self._artifact(related.path),
                "region": {"startLine": related.line, "startColumn": related.column},
            },
            "message": {"text": related.message},
        }
