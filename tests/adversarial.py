"""The adversarial input set: hostile, broken and huge pages, generated into a folder.

Nothing here is committed as data: `write_adversarial_set(folder)` writes every case (a
few megabytes in all) when a test or the fuzz target needs it. Each case is a page (or a
page and its export, or a file-system oddity) meant to break the reader, the parsers,
the layout or the rules. `tests/test_adversarial.py` checks that each gets a positioned
diagnostic or a clean pass, never a traceback or a hang.
"""

from __future__ import annotations

import html.entities
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TABLE = "| Function | Free | Team (Self Serve) |\n|---|---|---|\n| Support | Docs | Email |\n"


@dataclass(frozen=True, slots=True)
class Case:
    """One adversarial input: file `name` (relative to the set's folder) and how to make it.

    `expect` names the input rule that must report the page (an HL0xx or HL401 code), or
    None when a clean pass or any positioned diagnostic will do; `large` cases (over
    100 KB, or slow to check) are left to slow tests.
    """

    name: str
    make: Callable[[Path], None]
    expect: str | None = None
    large: bool = False


def _bytes(data: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(data)

    return make


def _text(text: str) -> Callable[[Path], None]:
    return _bytes(text.encode("utf-8"))


def _html_table(rows: list[list[str]]) -> str:
    body = "\n".join("<tr>" + "".join(rows_cells) + "</tr>" for rows_cells in rows)
    return f"<table>\n{body}\n</table>\n"


def _spans_page() -> str:
    cells = [
        '<td colspan="99999999999999999999">huge</td>',
        '<td rowspan="-5">negative</td>',
        '<td colspan="-1">negative</td>',
        '<td colspan="0">zero</td>',
        '<td rowspan="0">grows</td>',
        '<td colspan="1e9" rowspan="+7x">lenient</td>',
        '<td colspan=" 3 ">spaced</td>',
        '<td rowspan="４">full-width digit</td>',
    ]
    return "# Spans\n\n" + _html_table([cells, ["<td>a</td>"] * 3, ['<td rowspan="0">b</td>']])


def _max_spans_page() -> str:
    cell = '<td colspan="1000" rowspan="65534">x</td>'
    one_row = _html_table([[cell] * 50])
    one_column = _html_table([[cell] for _ in range(50)])
    return "# Fifty huge cells in a row\n\n" + one_row + "\n# And in a column\n\n" + one_column


def _unclosed_page() -> str:
    return (
        "# Unclosed\n\n<table><tr><td>a<td><b><i>b<tr><td><table><tr><td>inner\n"
        "<thead><th>late head<tfoot><td>foot<caption>cap<colgroup><col span=3>\n"
        "<td><div><span><a href='x'>link<td>last\n"
    )


def _nested_divs(depth: int) -> str:
    return "# Divs\n\n<table><tr><td>" + "<div>" * depth + "deep" + "</div>" * depth + "</td></tr></table>\n"


def _nested_tables(depth: int) -> str:
    return "# Tables\n\n" + "<table><tr><td>" * depth + "core" + "</td></tr></table>" * depth + "\n"


def _pipe_rows(rows: int) -> str:
    return "# Rows\n\n| Function | Free |\n|---|---|\n" + "".join(f"| f{i} | v{i} |\n" for i in range(rows))


def _wide_tables(columns: int) -> str:
    header = "|" + "|".join(f" c{i} " for i in range(columns)) + "|\n"
    delimiter = "|" + "---|" * columns + "\n"
    row = "|" + "x|" * columns + "\n"
    html_row = "<tr>" + "<td>x</td>" * columns + "</tr>\n"
    return "# Wide\n\n" + header + delimiter + row * 3 + "\n<table>\n" + html_row * 3 + "</table>\n"


def _brackets() -> str:
    n = 50_000
    lines = ["[" * n, "*" * n, "_" * n, "`" * n, "[a" * (n // 2), "**a" * (n // 3), "<" * n, "![" * (n // 2)]
    page = "# Brackets\n\n" + "\n\n".join(lines) + "\n\n"
    return page + "| a | b |\n|---|---|\n| " + "[" * n + " | " + "*" * n + " |\n"


def _bidi() -> str:
    marks = "\u202e\u202d\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2060\ufeff\u00ad\u061c\u200e\u200f"
    return (
        f"---\ntitle: {marks}Title\n---\n# Head{marks}ing\n\n"
        f"| Function | Free{marks} | Team (Self Serve) | \u202eEnterprise (C-Level) |\n|---|---|---|---|\n"
        f"| Sup\u200bport | {marks} | \u202etxet | \u2067rtl\u2069 |\n\n"
        f"<table><tr><th>Function</th><th>Fr\u200dee</th></tr><tr><td>{marks}</td><td>\u202e</td></tr></table>\n"
    )


def _entities() -> str:
    named = list(html.entities.html5)  # 2231 names, with and without semicolon
    numeric = [
        "&#0;",
        "&#x0;",
        "&#xD800;",
        "&#xDFFF;",
        "&#x110000;",
        "&#99999999999999999999;",
        "&#128512;",
        "&#x1F600;",
        "&#;",
        "&#x;",
        "&#12",
        "&#x80;",
        "&#x9F;",
        "&#xFFFE;",
        "&#1114111;",
        "&amp",
        "&unknown;",
        "&",
    ]
    pieces = [f"&{name}" for name in named] + numeric
    lines = ["# Entities", "", "| Entity | Text |", "|---|---|"]
    lines += [f"| {i} | {piece} |" for i, piece in enumerate(pieces)]
    lines += ["", "<table>"] + [f"<tr><td>{i}</td><td>{piece}</td></tr>" for i, piece in enumerate(pieces)]
    lines += ["</table>", "", " ".join(pieces), ""]
    return "\n".join(lines)


def _billion_laughs() -> str:
    lines = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(
            f"{name}: &{name} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},"
            f"*{previous},*{previous},*{previous}]"
        )
    lines += ["title: *i", "---", "", TABLE]
    return "\n".join(lines)


def _deep_yaml() -> str:
    return "---\ntitle: " + "[" * 20_000 + "]" * 20_000 + "\n---\n\n" + TABLE


def _suppressions() -> str:
    directive = "<!-- handbook-lint-disable HL1 -->`"
    html_block = directive * 5_000 + "\n\n"
    paragraph = "text " + directive * 5_000 + "\n\n"
    return "# Suppressed\n\n" + html_block + paragraph + "<!-- handbook-lint-disable-next-table -->\n" * 5_000 + TABLE


def _deep_markdown() -> str:
    quotes = "> " * 10_000 + "| a | b |\n" + "> " * 10_000 + "|---|---|\n"
    lists = "- " * 5_000 + "item\n\n" + "1. " * 5_000 + "| a | b |\n"
    indented = "".join("  " * i + "- item\n" for i in range(300))
    return "# Deep\n\n" + quotes + "\n" + lists + "\n" + indented + "  " * 300 + "| a |\n" + "  " * 300 + "|---|\n"


def _reconstruction() -> str:
    """64 formatting elements left open in a cell, then 5,000 blocks: each block reopens all
    64 (the HTML Standard's reconstruction of active formatting elements), 320,000 clones
    unbounded; the tree builder stops reopening after 20,000 (HL007)."""
    opened = "".join(f'<b id="{k}">' for k in range(64))
    return (
        "# Reconstruction\n\n<table><tr><td><div>" + opened + "</div>" + "<div>x</div>" * 5_000 + "</td></tr></table>\n"
    )


def _dense_with_export(path: Path) -> None:
    """200 kB of prose around a structure table, and an export of it with every seventh
    paragraph changed and every fiftieth dropped: the plain-text comparison aligns 40,000
    words on each side."""
    generator = random.Random(3)
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma".split()
    paragraphs = [" ".join(generator.choice(words) for _ in range(40)) + "." for _ in range(1_000)]
    half = len(paragraphs) // 2
    page = ["# Dense", *paragraphs[:half], TABLE.rstrip("\n"), *paragraphs[half:]]
    path.write_text("\n\n".join(page) + "\n", encoding="utf-8")
    export = ["Dense"]
    for number, paragraph in enumerate(paragraphs):
        if number == half:
            export.append("| Function | Free | Team (Self Serve) |\n|---|---|---|\n| Support | Docs | Email |")
        if number % 50:
            export.append(paragraph.replace("alpha", "omega") if number % 7 == 0 else paragraph)
    path.with_suffix(".txt").write_text("\n".join(export) + "\n", encoding="utf-8")


def _random_binary(seed: int, size: int, *, nul: bool) -> bytes:
    generator = random.Random(seed)
    data = bytes(generator.randrange(256) for _ in range(size))
    return data if nul else data.replace(b"\0", b"\x80")


def _folder_named_page(path: Path) -> None:
    path.mkdir()
    (path / "inside.md").write_text(TABLE, encoding="utf-8")


def _unreadable(path: Path) -> None:
    path.write_text(TABLE, encoding="utf-8")
    path.chmod(0)


def _symlink_loop(path: Path) -> None:
    other = path.with_name("loop-b.md")
    other.symlink_to(path.name)
    path.symlink_to(other.name)


def _dangling(path: Path) -> None:
    path.symlink_to("deleted-page.md")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _bad_export(path: Path) -> None:
    path.write_text("# Page\n\n" + TABLE, encoding="utf-8")
    path.with_suffix(".txt").write_bytes(b"Page\nFunction | Free | Team (Self Serve) |\n\xff\xfe\n")


CASES: tuple[Case, ...] = (
    Case("invalid-utf8.md", _bytes(b"# Title\n\n| a | b |\n|---|---|\n| \xc0\x80 | \xff |\n"), "HL002"),
    Case("surrogate.md", _bytes(b"# Title\n\n| a |\n|---|\n| \xed\xa0\x80 |\n"), "HL002"),
    Case("truncated-utf8.md", _bytes("# Titl\u00e9".encode()[:-1]), "HL002"),
    Case("nul-bytes.md", _bytes(b"# Title\n\n| a \x00 | b |\n|---|---|\n"), "HL003"),
    Case("late-nul.md", _bytes(b"x" * 9000 + b"\n\n| a \x00 | b |\n|---|---|\n| \x00 | \x00 |\n")),
    Case("binary.md", _bytes(b"\x89PNG\r\n\x1a\n" + _random_binary(1, 4096, nul=True)), "HL003"),
    Case("binary-without-nul.md", _bytes(_random_binary(2, 4096, nul=False)), "HL002"),
    Case("page.md", _folder_named_page),
    Case("bom.md", _bytes(b"\xef\xbb\xbf# Title\r\n\r\n" + TABLE.replace("\n", "\r\n").encode())),
    Case("double-bom.md", _text("\ufeff\ufeff---\ntitle: x\n---\n" + TABLE)),
    Case(
        "cr-only.md",
        _text(
            "---\rtitle: CR\r---\r# Title\r\r"
            + TABLE.replace("\n", "\r")
            + "\r<table>\r<tr><td>a</td></tr>\r\r</table>\r"
        ),
    ),
    Case(
        "mixed-endings.md",
        _text("# A\r\n\r| a | b |\n|---|---|\r\n| 1 | 2 |\r\r<table>\n\r<tr><td>x</td></tr></table>"),
    ),
    Case("spans.md", _text(_spans_page())),
    Case("fifty-max-spans.md", _text(_max_spans_page())),
    Case("unclosed-tags.md", _text(_unclosed_page())),
    Case("nested-divs.md", _text(_nested_divs(20_000)), large=True),
    Case("nested-tables.md", _text(_nested_tables(200))),
    Case("pipes.md", _text("|" * 200_000 + "\n" + "|-" * 100_000 + "|\n" + "|" * 200_000 + "\n"), large=True),
    Case("pipe-rows.md", _text(_pipe_rows(100_000)), large=True),
    Case("wide-tables.md", _text(_wide_tables(5_000)), large=True),
    Case("brackets.md", _text(_brackets()), large=True),
    Case("bidi.md", _text(_bidi())),
    Case("front-matter-broken.md", _text("---\ntitle: [unclosed\n  - : :\n\t- tab\n---\n\n" + TABLE), "HL004"),
    Case("front-matter-laughs.md", _text(_billion_laughs())),
    Case("front-matter-deep.md", _text(_deep_yaml())),
    Case("front-matter-tags.md", _text("---\ntitle: !!python/object/apply:os.system [echo]\n---\n" + TABLE), "HL004"),
    Case("entities.md", _text(_entities()), large=True),
    Case("suppressions.md", _text(_suppressions()), large=True),
    Case("deep-markdown.md", _text(_deep_markdown()), large=True),
    Case("empty.md", _bytes(b"")),
    Case("whitespace.md", _bytes(b"\n\r\n \t\f\v\r")),
    Case("unreadable.md", _unreadable, "HL001"),
    Case("loop-a.md", _symlink_loop, "HL001"),
    Case("dangling.md", _dangling, "HL001"),
    Case("fifo.md", _fifo, "HL001"),
    Case("bad-export.md", _bad_export, "HL401"),
    Case("reconstruction.md", _text(_reconstruction()), "HL007"),
    Case("dense-with-export.md", _dense_with_export, large=True),
)


def write_adversarial_set(folder: Path) -> dict[str, Case]:
    """Write every case into `folder` (which must exist); the cases by file name."""
    for case in CASES:
        case.make(folder / case.name)
    return {case.name: case for case in CASES}
