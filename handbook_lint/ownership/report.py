"""`handbook-lint report`: the coverage report of PATHS as HTML or Markdown text."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from handbook_lint.config import Configs
from handbook_lint.discovery import repository_root
from handbook_lint.ownership.coverage import build_coverage
from handbook_lint.ownership.report_html import Linker, render_html
from handbook_lint.ownership.report_markdown import render_markdown

FORMATS = ("html", "markdown")


def report(
    paths: Iterable[str],
    configs: Configs,
    *,
    fmt: str,
    output: str | None,
    source_url: str | None = None,
    jobs: int = 1,
) -> tuple[str, int]:
    """The report text, the pages read in `jobs` processes, and how many pages were found
    (read or not). Links go to `source_url` (a template with `{path}`, relative to the
    repository root, and `{line}`) or else to the pages relative to where `output` is written."""
    coverage = build_coverage(paths, configs, jobs=jobs)
    link = source_linker(source_url, os.path.dirname(os.path.abspath(output)) if output else os.getcwd())
    text = render_html(coverage, link) if fmt == "html" else render_markdown(coverage, link)
    return text, coverage.pages_read


def source_linker(source_url: str | None, output_folder: str) -> Linker:
    """How a report links to a page's line."""
    if source_url is not None:
        try:
            source_url.format(path="page.md", line=1)
        except (KeyError, IndexError, ValueError) as error:
            raise ValueError(f"--source-url {source_url!r}: use only {{path}} and {{line}} ({error!r})") from error
        root = repository_root() or Path.cwd()

        def templated(path: str, line: int) -> str:
            absolute = Path(os.path.abspath(path))
            try:
                relative = absolute.relative_to(root.resolve()).as_posix()
            except ValueError:
                relative = Path(path).as_posix()
            return source_url.format(path=relative, line=line)

        return templated

    def relative(path: str, line: int) -> str:
        target = os.path.relpath(os.path.abspath(path), output_folder)
        return f"{quote(Path(target).as_posix())}#L{line}"

    return relative
