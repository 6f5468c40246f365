"""Safe fixes: text edits a rule attaches to a finding, planned per file and written atomically.

Offsets refer to a file's text as the tool reads it (no BOM, line endings as LF). Applying
maps them back onto the bytes on disk, so the BOM, every line ending and every byte the
edits do not touch stay as written. A fix whose file changed since it was checked, or whose
edits overlap an earlier fix's, is left out, never forced.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import NamedTuple

from handbook_lint.atomic import write_atomically


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with `replacement`."""

    start: int
    end: int
    replacement: str


class Fix(NamedTuple):
    """What makes a finding go away: edits to one file (the page itself when `path` is None).

    `digest` identifies the text the offsets refer to (see `digest_of`); the engine fills in
    `path` and `digest` for fixes to the page.
    """

    description: str
    edits: tuple[Edit, ...]
    path: str | None = None
    digest: str | None = None


def digest_of(text: str) -> str:
    import hashlib  # only a page with a fix needs it (loading it loads OpenSSL)

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class FileChange(NamedTuple):
    """A file's text before and after the fixes that apply to it."""

    path: str
    before: str  # the file as written: BOM and line endings kept
    after: str
    fixes: list[Fix]

    def diff(self) -> str:
        """A unified diff, as `git diff` shows it."""
        import difflib  # only --diff prints one

        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            f"a/{self.path}",
            f"b/{self.path}",
        )
        return "".join(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines
        )


class Plan(NamedTuple):
    """The files a set of fixes changes, and the fixes left out."""

    changes: list[FileChange]
    skipped: list[tuple[Fix, str]]  # a fix left out, and why

    @property
    def fixed(self) -> int:
        return sum(len(change.fixes) for change in self.changes)

    def write(self) -> None:
        """Write every changed file atomically (newline="" keeps the line endings as planned)."""
        for change in self.changes:
            write_atomically(change.path, change.after)


def plan(fixes: Iterable[Fix]) -> Plan:
    """What applying these fixes would change, file by file, in the order given."""
    by_path: dict[str, list[Fix]] = {}
    for fix in fixes:
        if fix.path is None:
            raise ValueError("a fix must name its file before it is planned")
        by_path.setdefault(fix.path, []).append(fix)
    changes: list[FileChange] = []
    skipped: list[tuple[Fix, str]] = []
    for path, file_fixes in by_path.items():
        try:
            with open(path, encoding="utf-8", newline="") as handle:
                before = handle.read()
        except (OSError, UnicodeDecodeError) as error:
            skipped.extend((fix, f"cannot read {path}: {error}") for fix in file_fixes)
            continue
        written = _WrittenText(before)
        taken: list[Edit] = []
        applied: list[Fix] = []
        for fix in file_fixes:
            if fix.digest is not None and fix.digest != digest_of(written.text):
                skipped.append((fix, f"{path} changed since it was checked"))
            elif any(_overlaps(edit, other) for edit in fix.edits for other in taken):
                skipped.append((fix, "overlaps another fix; run --fix again"))
            else:
                taken.extend(fix.edits)
                applied.append(fix)
        after = written.apply(taken)
        if applied and after != before:
            changes.append(FileChange(path, before, after, applied))
    return Plan(changes, skipped)


def _overlaps(a: Edit, b: Edit) -> bool:
    return a.start < b.end and b.start < a.end or a.start == b.start


class _WrittenText:
    """A file's text as written, and the same text as read (no BOM, LF line endings)."""

    def __init__(self, written: str):
        self.written = written
        self.bom = "\ufeff" if written.startswith("\ufeff") else ""
        body = written[len(self.bom) :]
        self.newline = "\r\n" if "\r\n" in body else "\r" if "\r" in body else "\n"
        # Where each CRLF stands in the text as read (it became one LF there).
        self._crlf_at = [match.start() - i for i, match in enumerate(re.finditer("\r\n", body))]
        self.text = body.replace("\r\n", "\n").replace("\r", "\n")

    def _written_offset(self, offset: int) -> int:
        return len(self.bom) + offset + bisect.bisect_left(self._crlf_at, offset)

    def apply(self, edits: list[Edit]) -> str:
        result = self.written
        for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
            start, end = self._written_offset(edit.start), self._written_offset(edit.end)
            head, tail = result[:start] + edit.replacement.replace("\n", self.newline), result[end:]
            if head.endswith("\r") and tail.startswith("\n"):  # the two line breaks would read as one CRLF:
                head += "\n"  # the CR becomes a CRLF of its own
            result = head + tail
        return result
