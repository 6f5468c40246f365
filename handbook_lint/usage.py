"""What a run used of its configuration, and warnings for the settings that matched nothing.

A `structure-tables` entry that matched no table and a `per-file-ignores` glob that matched
no page are typos or leftovers (a heading renamed, a folder moved): the checks they were
meant to shape silently stop. Only a run that walked a configuration's whole folder can
tell, so a run on named files (a pre-commit hook) warns about nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from handbook_lint.config import Config, Configs
    from handbook_lint.structure_tables import StructureTable


class Usage:
    """The `structure-tables` entries that matched a table, as (configuration file, index)."""

    __slots__ = ("structure_entries",)

    def __init__(self) -> None:
        self.structure_entries: set[tuple[Path, int]] = set()

    def record(self, config: Config, structure: Iterable[StructureTable]) -> None:
        if config.source is not None:
            self.structure_entries.update((config.source, s.entry) for s in structure if s.entry is not None)


def unused_settings(paths: Iterable[str], pages: list[str], configs: Configs, usage: Usage) -> list[str]:
    """One warning per setting that matched nothing, for each configuration file whose folder
    one of `paths` (the folders walked) holds."""
    walked = [Path(path).resolve() for path in paths if os.path.isdir(path)]
    by_source: dict[Path, tuple[Config, list[str]]] = {}
    for page in pages:
        config = configs(page)
        if config.source is not None:
            by_source.setdefault(config.source, (config, []))[1].append(page)
    warnings = []
    for source, (config, its_pages) in by_source.items():
        if not any(folder == config.root or folder in config.root.parents for folder in walked):
            continue
        checked = f"{len(its_pages)} page{'s' if len(its_pages) != 1 else ''} checked"
        for index, entry in enumerate(config["structure-tables"]):
            if (source, index) not in usage.structure_entries:
                what = f"structure-tables.{index} ({_describe(entry)})"
                warnings.append(f"{_shown(source)}: {what} matched no table ({checked})")
        matched = {pattern for page in its_pages for pattern in config.per_file_ignores_matching(page)}
        for pattern in config["per-file-ignores"]:
            if pattern not in matched:
                warnings.append(f"{_shown(source)}: per-file-ignores {pattern!r} matched no page ({checked})")
    return warnings


def _describe(entry: dict[str, Any]) -> str:
    parts = []
    if "heading" in entry:
        parts.append(f"heading {entry['heading']!r}")
    if "header" in entry:
        parts.append(f"header {entry['header']!r}")
    return ", ".join(parts)


def _shown(path: Path) -> str:
    """A configuration file's path relative to the current folder when it is inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
