"""Finding pages: named files as given, folders walked for Markdown files.

A folder walk skips hidden folders (such as `.git`), what `.gitignore` files ignore and what
the caller's `excluded` test rejects (the configuration's `exclude` globs). Symlinked folders
are not followed, so a link loop cannot hang the walk, and a folder that cannot be read is
passed over. A page-named link that leads nowhere (its target gone, or a loop of links)
and a named pipe with a page's name are listed, so that reading them reports HL001
unreadable-file. A file named explicitly is taken as given, whatever the globs say, unless
`force_exclude` is set: pre-commit names every changed file, and the hook sets it so that
`exclude` still applies, as in ruff. A named plain-text export (`page.txt`) stands for the
page beside it (`page.md`), so that editing either half of a pair checks the page; a `.txt`
file with no page beside it is not a page and is left out.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from handbook_lint.page import PAGE_SUFFIXES, is_page_name

EXPORT_SUFFIX = ".txt"

#: Whether a path (file or folder, as the walk spells it) is excluded by configuration.
Excluded = Callable[[str], bool]
#: Told each folder a walk lists (its real path and entries) before any entry is tested.
Listed = Callable[[str, list[os.DirEntry[str]]], Any]


def discover_pages(
    paths: Iterable[str],
    *,
    excluded: Excluded | None = None,
    force_exclude: bool = False,
    gitignore: bool = True,
    locate_page: Callable[[str], str | None] | None = None,
    listed: Listed | None = None,
) -> list[str]:
    """Page paths in a stable order, each once: named files as given, folders' pages sorted.

    A named plain-text export stands for its page: the page beside it, else the one
    `locate_page` finds (exports kept under `plain-root` or `plain-pattern`). `listed` is
    shown each folder walked, so that it can find files there without asking the disk.
    """
    found: dict[str, None] = {}
    for path in paths:
        if os.path.isdir(path):
            if force_exclude and excluded is not None and excluded(path):
                continue
            for page in _walk(path, excluded, gitignore, listed):
                found.setdefault(page, None)
            continue
        named: str | None = page_for(path)
        if named is None and locate_page is not None and path.lower().endswith(EXPORT_SUFFIX):
            named = locate_page(path)
        if named is None or (force_exclude and excluded is not None and excluded(named)):
            continue
        found.setdefault(named, None)
    return list(found)


def page_for(path: str) -> str | None:
    """The page a named file stands for: itself, or for a plain-text export the page beside it."""
    named = Path(path)
    if named.suffix.lower() != EXPORT_SUFFIX:
        return named.as_posix()
    for suffix in PAGE_SUFFIXES:
        page = named.with_suffix(suffix)
        if page.is_file():
            return page.as_posix()
    return None


def repository_root(start: str | os.PathLike[str] = ".") -> Path | None:
    """The nearest folder at or above `start` holding `.git` (a folder, or a file in worktrees)."""
    folder = Path(os.path.abspath(start))
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


class _IgnoreFile(NamedTuple):
    """The patterns of one `.gitignore` and the folder they are relative to."""

    base: str
    spec: Any  # a pathspec.GitIgnoreSpec

    def decides(self, path: str, is_dir: bool) -> bool | None:
        """True if ignored, False if re-included by a `!` pattern, None if no pattern matches."""
        relative = os.path.relpath(path, self.base).replace(os.sep, "/")
        return self.spec.check_file(relative + "/" if is_dir else relative).include


def _read_ignore_file(base: str, path: str) -> tuple[_IgnoreFile, ...]:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:  # absent, a folder, or unreadable: no patterns
        return ()
    if not lines:
        return ()
    from pathspec import GitIgnoreSpec  # only walks that meet a .gitignore need it

    return (_IgnoreFile(base, GitIgnoreSpec.from_lines(lines)),)


def _inherited_ignores(top: str) -> tuple[_IgnoreFile, ...]:
    """The ignore files that apply above `top`: `.git/info/exclude`, then each `.gitignore`
    from the repository root down to `top`'s parent. None outside a repository."""
    root = repository_root(top)
    if root is None:
        return ()
    rules = _read_ignore_file(str(root), str(root / ".git" / "info" / "exclude"))
    folder = Path(top)
    for ancestor in reversed([folder, *folder.parents]):
        if ancestor == folder or not ancestor.is_relative_to(root):
            continue
        rules += _read_ignore_file(str(ancestor), str(ancestor / ".gitignore"))
    return rules


def _is_ignored(path: str, is_dir: bool, rules: tuple[_IgnoreFile, ...]) -> bool:
    """Git's precedence: the deepest ignore file with a matching pattern decides."""
    for rule in reversed(rules):
        decision = rule.decides(path, is_dir)
        if decision is not None:
            return decision
    return False


def _leads_to_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a loop of links
        return False


def _walk(top: str, excluded: Excluded | None, gitignore: bool, listed: Listed | None) -> list[str]:
    pages: list[str] = []
    top_abs = os.path.abspath(top)
    shown_top = Path(top).as_posix()  # spelt as pathlib would; the names below are joined to it
    top_prefix = "" if shown_top == "." else shown_top if shown_top.endswith("/") else shown_top + "/"
    # The real path names the folder a listing is of (`link/..` is not `.`); the walk enters
    # no symbolic link, so a child's is its parent's joined to its name.
    stack = [(top, top_abs, os.path.realpath(top), top_prefix, _inherited_ignores(top_abs) if gitignore else ())]
    while stack:
        folder, folder_abs, folder_real, prefix, rules = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = list(scan)
        except OSError:  # unreadable, vanished, or not a folder after all
            continue
        if gitignore and any(entry.name == ".gitignore" for entry in entries):
            rules += _read_ignore_file(folder_abs, os.path.join(folder_abs, ".gitignore"))
        if listed is not None:
            listed(folder_real, entries)
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                # A page-named link that leads nowhere, or a named pipe, is a page that
                # cannot be read (HL001); a link to a folder is not followed.
                is_page = not is_dir and is_page_name(name) and not _leads_to_folder(entry)
            except OSError:
                continue
            if is_dir and name.startswith("."):
                continue
            if not (is_dir or is_page):  # symlinked folders, other files
                continue
            if rules and _is_ignored(os.path.join(folder_abs, name), is_dir, rules):
                continue
            shown = prefix + name
            if excluded is not None and excluded(shown):
                continue
            if is_dir:
                stack.append(
                    (entry.path, os.path.join(folder_abs, name), os.path.join(folder_real, name), shown + "/", rules)
                )
            else:
                pages.append(shown)
    return sorted(pages)
