"""Finding pages: named files as given, folders walked for Markdown files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

PAGE_SUFFIXES = frozenset({".md", ".mdx", ".markdown"})


def discover_pages(paths: Iterable[str]) -> list[str]:
    """Page paths in a stable order: named files as given, then each folder's pages, sorted.

    Hidden folders (such as `.git`) are skipped; symlinked folders are not followed, so a
    link loop cannot hang the walk; an unreadable folder is passed over.
    """
    found: dict[str, None] = {}
    for path in paths:
        if os.path.isdir(path):
            for page in sorted(_walk(path)):
                found.setdefault(page, None)
        else:
            found.setdefault(Path(path).as_posix(), None)
    return list(found)


def _walk(root: str) -> Iterator[str]:
    for folder, subfolders, files in os.walk(root, followlinks=False):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in files:
            if Path(name).suffix.lower() in PAGE_SUFFIXES:
                yield Path(folder, name).as_posix()
