"""The coverage report as one self-contained HTML file: summary, filters, one matrix per table.

Everything is inline (the style sheet and the small filter script are package files read
here), so the file works opened from disk with no network. Tables are real table markup
with header cells and scopes; gaps and findings are marked in words and outlines, not only
in colour, and every note links to its source line.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from importlib.resources import files

from handbook_lint import __version__
from handbook_lint.ownership.coverage import Coverage, CoverageTable, DrawnCell, Note

#: Where a note or table links to: (page path, line) -> URL.
Linker = Callable[[str, int], str]


def render_html(coverage: Coverage, link: Linker) -> str:
    """The whole report document."""
    assets = files("handbook_lint.ownership")
    style = assets.joinpath("report.css").read_text(encoding="utf-8")
    script = assets.joinpath("report.js").read_text(encoding="utf-8")
    ids = _FilterIds(coverage)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="handbook-lint {__version__}">',
        "<title>Ownership coverage</title>",
        f"<style>\n{style}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>Ownership coverage</h1>",
        f'<p class="lede">{_e(headline(coverage))}</p>',
        "</header>",
        "<main>",
        *_summary(coverage, ids),
        *_filters(ids),
        *(part for number, table in enumerate(coverage.tables, 1) for part in _matrix(table, number, ids, link)),
        "</main>",
        f"<script>\n{script}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def headline(coverage: Coverage) -> str:
    """One sentence: tables, pages, slots owned, gaps, other findings."""
    if not coverage.tables:
        return f"No structure tables in the {_plural(coverage.pages_read, 'page')} read."
    owned = sum(tier.owned for tier in coverage.tier_counts())
    slots = sum(tier.slots for tier in coverage.tier_counts())
    pages = len(coverage.page_counts())
    return (
        f"{_plural(len(coverage.tables), 'structure table')} on {_plural(pages, 'page')} "
        f"({coverage.pages_read} read): {owned} of {_plural(slots, 'owner slot')} have an owner "
        f"({percent(owned, slots)}); {_plural(coverage.gaps, 'gap')}; "
        f"{_plural(coverage.findings, 'other finding')}."
    )


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class _FilterIds:
    """Short ids for the filter values (pages p0…, functions f0…, tiers t0…), so that no
    text ever needs escaping inside an attribute selector."""

    def __init__(self, coverage: Coverage) -> None:
        self.pages = {page.path: f"p{n}" for n, page in enumerate(coverage.page_counts())}
        self.tiers = {tier.key: (f"t{n}", tier.name) for n, tier in enumerate(coverage.tier_counts())}
        names: dict[str, str] = {}
        for table in coverage.tables:
            for key, name in table.functions:
                names.setdefault(key, name)
        ordered = sorted(names.items(), key=lambda item: item[1].casefold())
        self.functions = {key: (f"f{n}", name) for n, (key, name) in enumerate(ordered)}


def _summary(coverage: Coverage, ids: _FilterIds) -> list[str]:
    if not coverage.tables:
        return [*_unreadable(coverage)]
    parts = ['<section aria-labelledby="summary-title">', '<h2 id="summary-title">Summary</h2>']
    parts += [
        '<table class="summary">',
        "<caption>Coverage per tier</caption>",
        '<thead><tr><th scope="col">Tier</th><th scope="col">Owned</th><th scope="col">Owner slots</th>'
        '<th scope="col">Coverage</th></tr></thead>',
        "<tbody>",
    ]
    for tier in coverage.tier_counts():
        parts.append(
            f'<tr><th scope="row">{_e(tier.name)}</th><td class="number">{tier.owned}</td>'
            f'<td class="number">{tier.slots}</td><td class="number">{percent(tier.owned, tier.slots)}</td></tr>'
        )
    parts += ["</tbody>", "</table>"]
    parts += [
        '<table class="summary">',
        "<caption>Coverage per page</caption>",
        '<thead><tr><th scope="col">Page</th><th scope="col">Tables</th><th scope="col">Owned</th>'
        '<th scope="col">Owner slots</th><th scope="col">Coverage</th><th scope="col">Gaps</th>'
        '<th scope="col">Other findings</th></tr></thead>',
        "<tbody>",
    ]
    first_table: dict[str, int] = {}
    for number, table in enumerate(coverage.tables, 1):
        first_table.setdefault(table.path, number)
    for page in coverage.page_counts():
        parts.append(
            f'<tr><th scope="row"><a href="#table-{first_table[page.path]}">{_e(page.path)}</a></th>'
            f'<td class="number">{page.tables}</td><td class="number">{page.owned}</td>'
            f'<td class="number">{page.slots}</td><td class="number">{percent(page.owned, page.slots)}</td>'
            f'<td class="number">{page.gaps}</td><td class="number">{page.findings}</td></tr>'
        )
    parts += ["</tbody>", "</table>", *_unreadable(coverage), "</section>"]
    return parts


def _unreadable(coverage: Coverage) -> list[str]:
    if not coverage.unreadable:
        return []
    items = "".join(f"<li>{_e(path)}: {_e(why)}</li>" for path, why in coverage.unreadable)
    return [f'<p class="quiet">Pages that could not be read:</p><ul class="quiet">{items}</ul>']


def _filters(ids: _FilterIds) -> list[str]:
    if not ids.pages:
        return []

    def select(name: str, label: str, everything: str, options: list[tuple[str, str]]) -> str:
        choices = "".join(f'<option value="{value}">{_e(text)}</option>' for value, text in options)
        return f'<label>{label}<select name="{name}"><option value="">{everything}</option>{choices}</select></label>'

    return [
        '<form id="filters" role="search" aria-label="Filter the tables">',
        select("page", "Page", "All pages", [(value, path) for path, value in ids.pages.items()]),
        select("function", "Function", "All functions", list(ids.functions.values())),
        select("tier", "Tier", "All tiers", list(ids.tiers.values())),
        '<button type="reset">Show all</button>',
        '<p id="shown" role="status" aria-live="polite"></p>',
        "</form>",
    ]


def _matrix(table: CoverageTable, number: int, ids: _FilterIds, link: Linker) -> list[str]:
    anchor = f"table-{number}"
    where = " › ".join(table.headings) or "(no heading above the table)"
    title = f" ({_e(table.title)})" if table.title else ""
    parts = [
        f'<section class="matrix" id="{anchor}" data-page="{ids.pages[table.path]}" aria-labelledby="{anchor}-title">',
        f'<h2 id="{anchor}-title">{_e(where)}</h2>',
        f'<p class="source">{_e(table.path)}{title}: <a href="{_e(link(table.path, table.line))}">'
        f"line {table.line}</a></p>",
        '<div class="scroll">',
        '<table class="owners">',
        f"<caption>Owners of each function per tier: {_e(table.path)}, line {table.line}</caption>",
    ]
    for group, rows in (
        ("thead", [r for r in table.rows if r.header]),
        ("tbody", [r for r in table.rows if not r.header]),
    ):
        if not rows:
            continue
        parts.append(f"<{group}>")
        for row in rows:
            function = f' data-function="{ids.functions[row.function][0]}"' if row.function in ids.functions else ""
            cells = "".join(_cell(cell, row.header, anchor, ids) for cell in row.cells)
            parts.append(f"<tr{function}>{cells}</tr>")
        parts.append(f"</{group}>")
    parts += ["</table>", "</div>"]
    if table.notes:
        notes = "".join(_note(note, anchor, table.path, link) for note in table.notes)
        parts.append(f'<ol class="notes" aria-label="Notes on this table">{notes}</ol>')
    parts.append("</section>")
    return parts


def _cell(cell: DrawnCell, header_row: bool, anchor: str, ids: _FilterIds) -> str:
    tag = "th" if cell.header else "td"
    attributes = []
    if cell.header:
        attributes.append(f'scope="{"col" if header_row else "row"}"')  # a spanning header covers all its slots
    if cell.colspan > 1:
        attributes.append(f'colspan="{cell.colspan}"')
    if cell.rowspan > 1:
        attributes.append(f'rowspan="{cell.rowspan}"')
    if cell.col > 0:
        tiers = " ".join(ids.tiers[key][0] for key in cell.tiers if key in ids.tiers)
        attributes.append(f'data-tiers="{tiers}" data-colspan="{cell.colspan}"')
    classes = [
        name
        for name, on in (("gap", cell.gap), ("finding", cell.notes and not cell.gap), ("uncovered", not cell.covered))
        if on
    ]
    if classes:
        attributes.append(f'class="{" ".join(classes)}"')
    if cell.notes:
        attributes.append(f'title="{_e(" ".join(note.message for note in cell.notes))}"')
        attributes.append(f'aria-describedby="{" ".join(f"{anchor}-note-{note.number}" for note in cell.notes)}"')
    content = _e(cell.text)
    if cell.gap:
        content = (content + " " if content else "") + '<span class="flag">no owner</span>'
    marks = "".join(
        f'<a class="mark" href="#{anchor}-note-{note.number}" aria-label="note {note.number}">[{note.number}]</a>'
        for note in cell.notes
    )
    return f"<{tag}{''.join(' ' + attribute for attribute in attributes)}>{content}{marks}</{tag}>"


def _note(note: Note, anchor: str, path: str, link: Linker) -> str:
    return (
        f'<li id="{anchor}-note-{note.number}" value="{note.number}"><span class="code">{_e(note.code)}</span> '
        f'{_e(note.message)} (<a href="{_e(link(path, note.line))}">line {note.line}, column {note.column}</a>)</li>'
    )


def _e(text: str) -> str:
    return html.escape(text, quote=True)
