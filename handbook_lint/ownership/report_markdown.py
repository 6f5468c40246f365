"""The coverage report's summary as Markdown, for `$GITHUB_STEP_SUMMARY` or a merge-request note."""

from __future__ import annotations

from handbook_lint.ownership.coverage import Coverage
from handbook_lint.ownership.report_html import Linker, headline, percent

#: Gaps listed one by one, at most; a longer list ends with a count of the rest.
MAX_GAPS_LISTED = 50


def render_markdown(coverage: Coverage, link: Linker) -> str:
    """Headline, coverage per tier and per page, then the gaps with links to their lines."""
    lines = ["## Ownership coverage", "", headline(coverage)]
    if coverage.tables:
        lines += ["", "| Tier | Owned | Owner slots | Coverage |", "| --- | ---: | ---: | ---: |"]
        lines += [
            f"| {markdown_text(t.name)} | {t.owned} | {t.slots} | {percent(t.owned, t.slots)} |"
            for t in coverage.tier_counts()
        ]
        lines += [
            "",
            "| Page | Tables | Owned | Owner slots | Coverage | Gaps | Other findings |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        lines += [
            f"| {markdown_text(p.path)} | {p.tables} | {p.owned} | {p.slots} | {percent(p.owned, p.slots)} "
            f"| {p.gaps} | {p.findings} |"
            for p in coverage.page_counts()
        ]
    gaps = [(table, note) for table in coverage.tables for note in table.notes if note.code == "gap"]
    if gaps:
        lines += ["", "### Gaps", ""]
        for table, note in gaps[:MAX_GAPS_LISTED]:
            where = f"[{markdown_text(table.path)}:{note.line}]({link(table.path, note.line)})"
            lines.append(f"- {where}: {markdown_text(note.message)}")
        if len(gaps) > MAX_GAPS_LISTED:
            lines.append(f"- … and {len(gaps) - MAX_GAPS_LISTED} more")
    for path, why in coverage.unreadable:
        lines += ["", f"Not read: {markdown_text(path)}: {markdown_text(why)}"]
    return "\n".join(lines) + "\n"


def markdown_text(text: str) -> str:
    """Text that Markdown shows as written (no emphasis, links or HTML from page content)."""
    return "".join("\\" + char if char in "\\`*_[]<>|#" else char for char in text)
