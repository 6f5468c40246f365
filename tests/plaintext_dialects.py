"""A small writer of the trafilatura table dialects, following ../shared/PLAIN-TEXT-DIALECTS.md.

Tests describe a table as rows of `Slot`s (text, colspan, header) and write it the way
each trafilatura major version does; the parser must read it back.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    text: str
    colspan: int = 1
    header: bool = False


def width(rows: list[list[Slot]]) -> int:
    return max(sum(slot.colspan for slot in row) for row in rows)


def write_1(rows: list[list[Slot]]) -> list[str]:
    """trafilatura 1.x: non-empty cells as ``text | ``, padding pipes at the end of every row
    but the last, ``---|`` × width after a first row holding a header cell, empty rows gone."""
    kept = [row for row in rows if any(slot.text for slot in row)]
    size = width(rows)
    lines = []
    for k, row in enumerate(kept):
        emitted = [slot.text for slot in row if slot.text]
        line = "".join(f"{text} | " for text in emitted)
        if k < len(kept) - 1:
            line += "|" * (size - len(emitted))
        lines.append(line.rstrip())
        if k == 0 and rows[0] is row and any(slot.header for slot in row):
            lines.append("---|" * size)
    return lines


def write_2(rows: list[list[Slot]]) -> list[str]:
    """trafilatura 2.x: ``| a | b | `` with every slot (a span followed by its empty slots),
    rows padded to the width, ``|---|`` after a first row holding a header cell, ``\\|``."""
    size = width(rows)
    lines = []
    for k, row in enumerate(rows):
        if not any(slot.text for slot in row):
            continue
        slots = []
        for slot in row:
            slots.append(slot.text.replace("|", "\\|"))
            slots.extend([""] * (slot.colspan - 1))
        slots.extend([""] * (size - len(slots)))
        lines.append("| " + " | ".join(slots) + " | ")
        if k == 0 and any(slot.header for slot in row):
            lines.append("|" + "---|" * size)
    return lines


def html_table(rows: list[list[Slot]]) -> str:
    """The same table as page HTML, one element per line."""
    out = ["<table>"]
    for row in rows:
        out.append("  <tr>")
        for slot in row:
            tag = "th" if slot.header else "td"
            span = f' colspan="{slot.colspan}"' if slot.colspan > 1 else ""
            out.append(f"    <{tag}{span}>{slot.text}</{tag}>")
        out.append("  </tr>")
    out.append("</table>")
    return "\n".join(out)
