"""Pages at a git revision, read with the `git` command, or in the work tree.

Page names are relative to the repository root, with forward slashes, on both sides, so
that a page at a revision and the same page in the work tree have the same name.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from handbook_lint import api
from handbook_lint.config import Configs
from handbook_lint.page import Page, PageError, is_page_name, page_from_bytes, read_page


class GitError(ValueError):
    """git is missing, this is no repository, or a revision or path does not exist."""


@dataclass(frozen=True, slots=True)
class Repository:
    root: Path  # the top of the work tree

    def git(self, *args: str, stdin: bytes | None = None) -> bytes:
        """Run git in the current folder (paths given to git are relative to it)."""
        try:
            done = subprocess.run(["git", *args], input=stdin, capture_output=True, check=False)
        except OSError as error:
            raise GitError(f"cannot run git: {error.strerror or error}") from error
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(f"git {args[0]} failed: {message[-1] if message else f'exit {done.returncode}'}")
        return done.stdout

    def name(self, path: str) -> str:
        """A work-tree path as a page name: relative to the root, forward slashes."""
        return Path(os.path.relpath(os.path.abspath(path), self.root)).as_posix()


def open_repository() -> Repository:
    """The repository holding the current folder."""
    try:
        top = Repository(Path.cwd()).git("rev-parse", "--show-toplevel")
    except GitError as error:
        raise GitError(f"not in a git repository ({error})") from error
    return Repository(Path(top.decode("utf-8").strip()))


def commit_of(repository: Repository, revision: str) -> str:
    """The commit a revision names; a revision that names none is an error."""
    try:
        out = repository.git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    except GitError as error:
        raise GitError(f"revision {revision!r} does not exist") from error
    return out.decode("ascii").strip()


def is_revision(repository: Repository, text: str) -> bool:
    try:
        commit_of(repository, text)
    except GitError:
        return False
    return True


def files_at(repository: Repository, commit: str, paths: Iterable[str]) -> list[str]:
    """The names of the files at `commit` under `paths` (relative to the current folder)."""
    out = repository.git("ls-tree", "-r", "-z", "--full-name", "--name-only", commit, "--", *paths)
    return [name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]


def check_paths(repository: Repository, commits: list[str], paths: list[str]) -> None:
    """Every path must exist in the work tree or at one of the commits."""
    for path in paths:
        if not os.path.exists(path) and not any(files_at(repository, commit, [path]) for commit in commits):
            raise GitError(f"path {path!r} does not exist in the work tree or in the revisions compared")


def pages_at(repository: Repository, commit: str, paths: list[str], configs: Configs) -> dict[str, Page]:
    """The pages at `commit` under `paths`, as the work tree's walk would pick them: page
    suffixes, no hidden folders, no `exclude` globs. Pages that cannot be decoded are left out."""
    names = [
        name
        for name in files_at(repository, commit, paths)
        if is_page_name(name)
        and not any(part.startswith(".") for part in name.split("/")[:-1])
        and "\n" not in name
        and not configs.excludes(str(repository.root / name))
    ]
    blobs = _read_blobs(repository, commit, names)
    pages = {}
    for name, data in blobs.items():
        try:
            pages[name] = page_from_bytes(name, data)
        except PageError:
            continue
    return pages


def pages_in_work_tree(repository: Repository, paths: list[str], configs: Configs) -> dict[str, Page]:
    """The pages under `paths` in the work tree, found as `check` finds them; a path that
    exists only at a revision has none."""
    pages = {}
    for path in api.find_pages([path for path in paths if os.path.exists(path)], configs):
        try:
            page = read_page(path, max_bytes=configs(path)["max-file-size"])
        except PageError:
            continue
        name = repository.name(path)
        pages[name] = page._replace(path=name)
    return pages


def _read_blobs(repository: Repository, commit: str, names: list[str]) -> dict[str, bytes]:
    """Each file's bytes at `commit`, through one `git cat-file --batch`."""
    if not names:
        return {}
    request = "".join(f"{commit}:{name}\n" for name in names).encode("utf-8", "surrogateescape")
    out = repository.git("cat-file", "--batch", stdin=request)
    blobs, offset = {}, 0
    for name in names:
        end = out.index(b"\n", offset)
        header = out[offset:end].split()
        offset = end + 1
        if len(header) != 3:  # "<object> missing"
            continue
        size = int(header[2])
        blobs[name] = out[offset : offset + size]
        offset += size + 1
    return blobs
