"""Which plain-text export belongs to which page, read and parsed, and how the two compare.

Pairing: ``x/page.md`` pairs with ``x/page.txt``; `plain-root` DIR pairs it with
``DIR/x/page.txt`` (``x`` relative to the current folder; a relative DIR from a
configuration file is relative to that file's folder); `plain-pattern` (for example
``"exports/{path}.txt"``, with ``{path}``, ``{dir}`` and ``{stem}`` taken relative to the
configuration file's folder) does the same by pattern.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from handbook_lint.page import PAGE_SUFFIXES, Page, is_page_name

if TYPE_CHECKING:  # the comparison is imported only for pages that have an export
    from handbook_lint.config import Config
    from handbook_lint.plaintext.dialects import PlainDocument
    from handbook_lint.plaintext.generator import Generator
    from handbook_lint.plaintext.units import Divergence
    from handbook_lint.tables.model import Table


class Staleness(NamedTuple):
    """Where an export first differs from the export its page makes now (exact mode)."""

    line: int  # the page position the first differing export line stands for
    column: int
    export_line: int
    message: str
    dialect_differs: bool  # the export is in another dialect than the generator writes


@dataclass(slots=True)
class Pairing:
    """A page and its export: where the export is, its parse, and how the two compare.

    Tolerant mode (no `generator`) compares the page with the export on content. Exact mode
    regenerates the export (`expected`) and compares the two byte for byte; a stale export's
    divergences are those the page has with it and not with the regenerated export.
    """

    path: str
    document: PlainDocument | None
    error: str | None = None  # "missing", or why the file could not be read
    page: Page | None = None
    tables: list[Table] = field(default_factory=list)
    generator: Generator | None = None
    _divergences: list[Divergence] | None = field(default=None, repr=False)
    _expected: str | None = field(default=None, repr=False)

    @property
    def mode(self) -> Literal["tolerant", "exact"]:
        return "exact" if self.generator is not None else "tolerant"

    @property
    def expected(self) -> str | None:
        """The export the page makes now (exact mode, a page to make it from), else None."""
        if self._expected is None and self.generator is not None and self.page is not None:
            self._expected = self.generator.export(self.page)
        return self._expected

    @property
    def stale(self) -> bool | None:
        """Exact mode: whether the export differs from the regenerated one (line endings,
        a byte-order mark and a final newline aside); None in tolerant mode or without an export."""
        if self.document is None or self.expected is None:
            return None
        return _without_final_newline(self.document.text) != _without_final_newline(self.expected)

    def regenerated(self) -> str | None:
        """Exact mode: the export's text as the page makes it, keeping the file's final newline."""
        if self.document is None or self.expected is None:
            return None
        ending = "\n" if self.document.text.endswith("\n") else ""
        return _without_final_newline(self.expected) + ending

    @property
    def dialect_differs(self) -> bool:
        """Exact mode: the export's tables are in another dialect than the generator's."""
        if self.generator is None or self.document is None or self.expected is None:
            return False
        from handbook_lint.plaintext.dialects import detect_dialect

        # Told from the lines, as the regenerated export's are: a page whose only pipes are
        # in text may look like the other dialect in both.
        made = detect_dialect(self.expected.split("\n"))
        return self.document.dialect not in ("none", self.generator.dialect, made)

    @property
    def divergences(self) -> list[Divergence]:
        """Every divergence between the page and this export (computed once)."""
        if self._divergences is None:
            self._divergences = []
            if self.page is not None and self.document is not None:
                self._divergences = self._compare(self.page, self.document)
        return self._divergences

    def _compare(self, page: Page, document: PlainDocument) -> list[Divergence]:
        from handbook_lint.plaintext.compare import compare
        from handbook_lint.plaintext.dialects import parse_export

        if self.expected is None or self.dialect_differs:
            return compare(page, self.tables, document)
        regenerated = compare(page, self.tables, parse_export(self.expected))
        lost = [d for d in regenerated if d.kind == "lost"]
        if not self.stale:
            return lost
        known = {_identity(d) for d in regenerated}
        changed = [d for d in compare(page, self.tables, document) if d.kind != "lost" and _identity(d) not in known]
        return sorted(lost + changed, key=lambda d: (d.line, d.column, d.kind))

    def staleness(self) -> Staleness | None:
        """Exact mode: where a stale export first differs, or None when it is current."""
        if not self.stale or self.document is None or self.expected is None or self.generator is None:
            return None
        generator = self.generator
        if self.dialect_differs:
            written = "1.x" if self.document.dialect == "trafilatura-1" else "2.x"
            message = (
                f"the plain-text export writes its tables as trafilatura {written} does, "
                f"but the installed generator is {generator.label}: it was compared on content only; "
                f"install trafilatura {written} to check it exactly, or regenerate it"
            )
            return Staleness(1, 1, 1, message, True)
        have = _without_final_newline(self.document.text).split("\n")
        want = _without_final_newline(self.expected).split("\n")
        k = next((k for k, (a, b) in enumerate(zip(have, want)) if a != b), min(len(have), len(want)))
        if k < min(len(have), len(want)):
            detail = f"it has {_quote(have[k])}, {generator.label} makes {_quote(want[k])}"
        elif len(have) < len(want):
            detail = f"it ends there, {generator.label} goes on with {_quote(want[k])}"
        else:
            detail = f"it goes on with {_quote(have[k])}, where {generator.label} ends"
        line, column = (1, 1)
        if self.page is not None:
            from handbook_lint.plaintext.compare import page_position
            from handbook_lint.plaintext.dialects import parse_export

            line, column = page_position(self.page, self.tables, parse_export(self.expected), k + 1)
        message = f"the plain-text export is stale from its line {k + 1}: {detail}"
        return Staleness(line, column, k + 1, message, False)

    @property
    def agrees(self) -> bool:
        return self.document is not None and not self.stale and not any(d.kind != "lost" for d in self.divergences)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"path": self.path, "agrees": self.agrees, "mode": self.mode}
        if self.generator is not None:
            data["generator"] = self.generator.label
        if self.document is not None:
            data["dialect"] = self.document.dialect
            data["divergences"] = [d.to_json() for d in self.divergences]
            if self.stale is not None:
                data["stale"] = self.stale
        if self.error is not None:
            data["error"] = self.error
        return data


def _identity(divergence: Divergence) -> tuple[str, int, int, str, str]:
    """A divergence apart from where the export has it (lines move when an export is edited)."""
    return (divergence.kind, divergence.line, divergence.column, divergence.page_text, divergence.export_text)


def _without_final_newline(text: str) -> str:
    return text[:-1] if text.endswith("\n") else text


def _quote(line: str) -> str:
    text = line.strip()
    return f'"{text}"' if len(text) <= 60 else f'"{text[:59]}…"'


def export_path(page_path: str, config: Config) -> Path:
    """Where the export of a page is expected, by `plain-root`, `plain-pattern` or beside it."""
    page = Path(page_path)
    if config["plain-root"]:
        root = Path(config["plain-root"])
        if not root.is_absolute():
            root = config.root / root
        return root / _relative_to(page, Path.cwd()).with_suffix(".txt")
    if config["plain-pattern"]:
        relative = _relative_to(page, config.root)
        folder = relative.parent.as_posix()
        path = config["plain-pattern"].format(
            path=relative.with_suffix("").as_posix(), dir="" if folder == "." else folder, stem=relative.stem
        )
        return config.root / re.sub(r"/{2,}", "/", path).lstrip("/")
    return page.with_suffix(".txt")


def page_for_export(export: str, config: Config) -> str | None:
    """The page whose export `export` is, by `plain-root` or `plain-pattern` (the inverse
    of `export_path`); None when neither places it or no such page exists."""
    candidates: list[Path] = []
    target = Path(export).resolve()
    if config["plain-root"]:
        root = Path(config["plain-root"])
        root = (root if root.is_absolute() else config.root / root).resolve()
        if target.is_relative_to(root):
            candidates.append(Path.cwd() / target.relative_to(root))
    if config["plain-pattern"] and target.is_relative_to(config.root.resolve()):
        relative = target.relative_to(config.root.resolve()).as_posix()
        match = _pattern_regex(config["plain-pattern"]).fullmatch(relative)
        if match:
            parts = match.groupdict()
            stem = parts.get("path") or "/".join(p for p in (parts.get("dir"), parts.get("stem")) if p)
            candidates.append(config.root / stem)
    for candidate in candidates:
        for suffix in PAGE_SUFFIXES:
            page = candidate.with_suffix(suffix)
            if page.is_file():
                return os.path.relpath(page)
    return None


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """`plain-pattern` as a regular expression with one named group per placeholder."""
    groups = {"path": r"(?P<path>.+)", "dir": r"(?P<dir>.*?)", "stem": r"(?P<stem>[^/]+)"}
    pieces = re.split(r"(\{(?:path|dir|stem)\})", pattern.lstrip("/"))
    regex = "".join(
        groups[piece[1:-1]] if piece[1:-1] in groups and piece.startswith("{") else re.escape(piece) for piece in pieces
    )
    return re.compile(re.sub(r"/{2,}", "/", regex))


def _relative_to(path: Path, base: Path) -> Path:
    try:
        return path.resolve().relative_to(base.resolve())
    except ValueError:
        return Path(*path.parts[1:]) if path.is_absolute() else path


def pair(page: Page, tables: list[Table], config: Config) -> Pairing | None:
    """The page's export, read and parsed; None for text that is not a page file.

    A missing export gives a Pairing whose `error` is "missing": whether that matters is
    for `require-plain-text` (rule HL401) to say.
    """
    if not is_page_name(page.path):
        return None
    path = export_path(page.path, config)
    shown = _display(path)
    generator = None
    if config["plain-text-generator"]:  # exact mode: only then is the generator's module needed
        from handbook_lint.plaintext.generator import generator_for

        generator = generator_for(config)
    if not path.is_file():
        return Pairing(shown, None, "missing", page, tables, generator)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        return Pairing(shown, None, f"cannot be read: {error.strerror or error}", page, tables, generator)
    except UnicodeDecodeError as error:
        return Pairing(shown, None, f"is not valid UTF-8 (byte {error.start})", page, tables, generator)
    from handbook_lint.plaintext.dialects import parse_export  # only a page with an export needs the parser

    return Pairing(shown, parse_export(text), None, page, tables, generator)


def _display(path: Path) -> str:
    if not path.is_absolute():
        return path.as_posix()
    try:
        relative = Path(os.path.relpath(path))
    except ValueError:
        return path.as_posix()
    return path.as_posix() if relative.parts[:1] == ("..",) and not _inside(path) else relative.as_posix()


def _inside(path: Path) -> bool:
    """Whether `path` shares the current folder's parent (then ``../x`` reads well)."""
    return Path.cwd().parent in path.parents
