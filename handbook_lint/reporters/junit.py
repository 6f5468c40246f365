"""``junit``: JUnit XML, one ``<testsuite>`` per file with problems, one failing
``<testcase>`` per problem (CI test-report views: Jenkins, GitLab, Azure).

Notes never fail a run, so a note is a passing ``<testcase>`` whose ``<system-out>`` holds
the details, and is not counted among the failures. Suite names and paths are relative to
the repository root (``repo_root``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from handbook_lint.diagnostics import Diagnostic, Result, Severity
from handbook_lint.reporters.base import Reporter

SUITES_NAME = "handbook-lint"

# Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


class JunitReporter(Reporter):
    name = "junit"

    def report(self, result: Result) -> None:
        by_file: dict[str, list[Diagnostic]] = {}
        for diagnostic in result.diagnostics:
            by_file.setdefault(diagnostic.path, []).append(diagnostic)
        total = len(result.diagnostics)
        root = ET.Element(
            "testsuites",
            {"name": SUITES_NAME, "tests": str(total), "failures": str(_failures(result.diagnostics)), "errors": "0"},
        )
        for path, diagnostics in by_file.items():
            shown = _xml_text(self.relpath(path))
            suite = ET.SubElement(
                root,
                "testsuite",
                {
                    "name": shown,
                    "tests": str(len(diagnostics)),
                    "failures": str(_failures(diagnostics)),
                    "errors": "0",
                    "skipped": "0",
                },
            )
            for diagnostic in diagnostics:
                self._testcase(suite, shown, diagnostic)
        ET.indent(root)
        ET.ElementTree(root).write(self.stream, encoding="unicode", xml_declaration=True)
        self.write("\n")

    def _testcase(self, suite: ET.Element, path: str, diagnostic: Diagnostic) -> None:
        where = f"{diagnostic.line}:{diagnostic.column}"
        case = ET.SubElement(
            suite,
            "testcase",
            {
                "classname": path,
                "name": f"{diagnostic.code} at {where}",
                "file": path,
                "line": str(diagnostic.line),
            },
        )
        details = [f"{path}:{where}: {diagnostic.code} [{Severity(diagnostic.severity).value}] {diagnostic.message}"]
        details += [f"note: {r.path}:{r.line}:{r.column}: {r.message}" for r in diagnostic.related]
        if Severity(diagnostic.severity) is Severity.NOTE:
            ET.SubElement(case, "system-out").text = _xml_text("\n".join(details))
            return
        failure = ET.SubElement(
            case,
            "failure",
            {"message": _xml_text(diagnostic.message), "type": diagnostic.code},
        )
        failure.text = _xml_text("\n".join(details))


def _failures(diagnostics: list[Diagnostic]) -> int:
    return sum(1 for d in diagnostics if Severity(d.severity) is not Severity.NOTE)
