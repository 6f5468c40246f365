"""The ownership diff as text (for a terminal), JSON (schemas/diff.schema.json) or Markdown
(for a pull-request comment)."""

from __future__ import annotations

import json
from collections.abc import Callable

from handbook_lint.ownership.diff import OwnershipDiff, TableChange, TableRef
from handbook_lint.ownership.report_markdown import markdown_text

FORMATS = ("text", "json", "markdown")


def render(diff: OwnershipDiff, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(diff.to_json(), indent=2, ensure_ascii=False) + "\n"
    return render_markdown(diff) if fmt == "markdown" else render_text(diff)


def summary(diff: OwnershipDiff) -> str:
    """`3 tables changed: 1 modified, 1 removed, 1 renamed.`, or that nothing changed."""
    if not diff.tables:
        return "No ownership changes."
    counts = diff.counts()
    parts = [f"{counts[status]} {status}" for status in ("modified", "added", "removed", "renamed") if counts[status]]
    noun = "table" if len(diff.tables) == 1 else "tables"
    return f"{len(diff.tables)} {noun} changed: {', '.join(parts)}."


def span(diff: OwnershipDiff) -> str:
    head = (
        "the work tree" if diff.head is None else f"{diff.head} ({diff.head_commit[:12] if diff.head_commit else ''})"
    )
    return f"{diff.base} ({diff.base_commit[:12]}) to {head}"


def render_text(diff: OwnershipDiff) -> str:
    lines = [f"Ownership changes from {span(diff)}:"]
    for table in diff.tables:
        lines += ["", _title(table, _place)]
        lines += [f"  {line}" for line in [*_structure_lines(table, _quoted), *_owner_lines(table, _quoted)]]
    lines += ["", summary(diff)]
    return "\n".join(lines) + "\n"


def render_markdown(diff: OwnershipDiff) -> str:
    lines = ["## Ownership changes", "", f"From {markdown_text(span(diff))}: {summary(diff)}"]
    for table in diff.tables:
        lines += ["", f"### {_title(table, _markdown_place)}"]
        listed = _structure_lines(table, markdown_text)
        if listed:
            lines += ["", *(f"- {line}" for line in listed)]
        if table.owners:
            lines += ["", "| Function | Tier | Change | Before | After |", "| --- | --- | --- | --- | --- |"]
            lines += [
                f"| {markdown_text(o.function)} | {markdown_text(o.tier)} | {o.change} "
                f"| {markdown_text(o.before or '—')} | {markdown_text(o.after or '—')} |"
                for o in table.owners
            ]
    return "\n".join(lines) + "\n"


def _title(table: TableChange, place: Callable[[TableRef], str]) -> str:
    if table.status == "renamed" and table.before is not None and table.after is not None:
        return f"{place(table.before)} → {place(table.after)}: table renamed"
    if table.status in ("added", "removed"):
        return f"{place(table.where)}: table {table.status}"
    return place(table.where)


def _place(ref: TableRef) -> str:
    return f"{ref.path} › {' › '.join(ref.headings) or '(no heading)'} (line {ref.line})"


def _markdown_place(ref: TableRef) -> str:
    return f"`{ref.path}` › {markdown_text(' › '.join(ref.headings) or '(no heading)')} (line {ref.line})"


def _quoted(text: str) -> str:
    return f'"{text}"'


def _structure_lines(table: TableChange, show: Callable[[str], str]) -> list[str]:
    """Tiers renamed, added, removed; functions added, removed."""
    lines = [f"tier renamed: {show(before)} → {show(after)}" for before, after in table.tiers_renamed]
    lines += [f"tier added: {show(name)}" for name in table.tiers_added]
    lines += [f"tier removed: {show(name)}" for name in table.tiers_removed]
    lines += [f"function added: {show(name)}" for name in table.functions_added]
    lines += [f"function removed: {show(name)}" for name in table.functions_removed]
    return lines


def _owner_lines(table: TableChange, show: Callable[[str], str]) -> list[str]:
    lines = []
    for owner in table.owners:
        slot = f"{show(owner.function)} at {show(owner.tier)}"
        if owner.before is not None and owner.after is not None:
            lines.append(f"owner moved: {slot}: {show(owner.before)} → {show(owner.after)}")
        elif owner.after is not None:
            lines.append(f"owner added: {slot}: {show(owner.after)}")
        elif owner.before is not None:
            lines.append(f"owner removed: {slot}: {show(owner.before)}")
    return lines
