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
from typing import TYPE_CHECKING

from handbook_lint.page import PAGE_SUFFIXES, Page, is_page_name
from handbook_lint.tables.model import Table

if TYPE_CHECKING:  # the comparison is imported only for pages that have an export
    from handbook_lint.config import Config
    from handbook_lint.plaintext.dialects import PlainDocument
    from handbook_lint.plaintext.units import Divergence


@dataclass(slots=True)
class Pairing:
    """A page and its export: where the export is, its parse, and how the two compare."""

    path: str
    document: PlainDocument | None
    error: str | None = None  # "missing", or why the file could not be read
    page: Page | None = None
    tables: list[Table] = field(default_factory=list)
    _divergences: list[Divergence] | None = field(default=None, repr=False)

    @property
    def divergences(self) -> list[Divergence]:
        """Every divergence between the page and this export (computed once)."""
        if self._divergences is None:
            from handbook_lint.plaintext.compare import compare

            self._divergences = []
            if self.page is not None and self.document is not None:
                self._divergences = compare(self.page, self.tables, self.document)
        return self._divergences

    @property
    def agrees(self) -> bool:
        return self.document is not None and not self.divergences

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"path": self.path, "agrees": self.agrees}
        if self.document is not None:
            data["dialect"] = self.document.dialect
            data["divergences"] = [d.to_json() for d in self.divergences]
        if self.error is not None:
            data["error"] = self.error
        return data


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
    if not path.is_file():
        return Pairing(shown, None, "missing", page, tables)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        return Pairing(shown, None, f"cannot be read: {error.strerror or error}", page, tables)
    except UnicodeDecodeError as error:
        return Pairing(shown, None, f"is not valid UTF-8 (byte {error.start})", page, tables)
    from handbook_lint.plaintext.dialects import parse_export

    return Pairing(shown, parse_export(text), None, page, tables)


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
