"""Reading a page: bytes to text, line endings, YAML front matter.

Positions everywhere refer to the file as written: line endings are normalized to LF
(which keeps line numbers), a BOM is dropped, and front matter lines are blanked in
`Page.body` so Markdown positions are page positions.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any, NamedTuple

from handbook_lint.simple_yaml import read_simple

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: What makes a file a page (its suffix, any case).
PAGE_SUFFIXES = (".md", ".mdx", ".markdown")
_BOM = "\ufeff"
#: Flow collections (`[...]`, `{...}`) in front matter nested deeper than this are not read:
#: PyYAML's scanner takes time quadratic in the depth (1.4 s for 20,000 `[`), and no front
#: matter needs a tenth of it.
MAX_FRONT_MATTER_DEPTH = 100
_FLOW_TOKENS = re.compile(r"""'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[\[\]{}]""")
_BINARY_SNIFF = 8192


class InputProblem(NamedTuple):
    """A problem with the file itself, reported by the HL0xx rule of that name."""

    rule: str  # the name of the rule that reports it, e.g. "invalid-utf8"
    message: str
    line: int = 1
    column: int = 1


class PageError(Exception):
    """The file cannot be read as a page at all."""

    def __init__(self, problem: InputProblem):
        super().__init__(problem.message)
        self.problem = problem


class Page(NamedTuple):
    path: str
    text: str
    body: str
    front_matter: dict[str, Any]
    problems: tuple[InputProblem, ...] = ()

    @property
    def title(self) -> str | None:
        title = self.front_matter.get("title")
        # A list or mapping is no title, and printing one built of YAML aliases (a
        # "billion laughs" block) would never finish.
        return None if title is None or isinstance(title, (list, dict)) else str(title)


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as given, with forward slashes."""
    return Path(path).as_posix()


def read_page(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Page:
    """Read and decode a page file; raise PageError when it cannot be a page."""
    return page_from_bytes(display_path(path), read_bytes(path, max_bytes=max_bytes))


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A page file's bytes; raise PageError when it is too large or cannot be read."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):  # reading a named pipe or a device may never end
            raise PageError(InputProblem("unreadable-file", f"cannot read file: it is {_file_kind(status.st_mode)}"))
        size = status.st_size
        if size > max_bytes:
            raise PageError(InputProblem("file-too-large", f"file is {size:,} bytes, over the limit of {max_bytes:,}"))
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise PageError(InputProblem("unreadable-file", f"cannot read file: {error.strerror or error}")) from error


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def page_from_bytes(path: str, data: bytes) -> Page:
    """Decode page bytes (UTF-8, BOM allowed) into a Page."""
    if b"\0" in data[:_BINARY_SNIFF]:
        raise PageError(InputProblem("binary-file", "file looks binary (it contains NUL bytes)"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position_of_byte(data, error.start)
        raise PageError(
            InputProblem(
                "invalid-utf8",
                f"not valid UTF-8: byte 0x{data[error.start]:02x} at offset {error.start}",
                line,
                column,
            )
        ) from error
    return page_from_text(path, text)


def page_from_text(path: str, text: str) -> Page:
    """Build a Page from decoded text."""
    text = text.removeprefix(_BOM).replace("\r\n", "\n").replace("\r", "\n")
    front_matter, body, problems = _split_front_matter(text)
    return Page(path, text, body, front_matter, tuple(problems))


def _position_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return line, column


def _split_front_matter(text: str) -> tuple[dict[str, Any], str, list[InputProblem]]:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, text, []
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if closing is None:
        return {}, text, []
    body = "\n".join([""] * (closing + 1) + lines[closing + 1 :])  # the front matter's lines, blank
    block = "\n".join(lines[1:closing])
    simple = read_simple(block)
    if simple is not None:  # most front matter: read without importing PyYAML
        return simple, body, []
    if block.count("[") + block.count("{") > MAX_FRONT_MATTER_DEPTH and _flow_depth(block) > MAX_FRONT_MATTER_DEPTH:
        message = (
            f"front matter is not valid YAML: it is nested too deeply to read (over {MAX_FRONT_MATTER_DEPTH} levels)"
        )
        return {}, body, [InputProblem("invalid-front-matter", message, 2, 1)]
    import yaml  # only pages with front matter need it

    try:
        data = _load_yaml(block)
    except RecursionError:
        message = "front matter is not valid YAML: it is nested too deeply to read"
        return {}, body, [InputProblem("invalid-front-matter", message, 2, 1)]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        column = mark.column + 1 if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error)
        return (
            {},
            body,
            [InputProblem("invalid-front-matter", f"front matter is not valid YAML: {reason}", line, column)],
        )
    if data is None:
        return {}, body, []
    if not isinstance(data, dict):
        kind = type(data).__name__
        return {}, body, [InputProblem("invalid-front-matter", f"front matter must be a mapping, not {kind}", 2, 1)]
    return data, body, []


def _load_yaml(block: str) -> Any:
    """A YAML block's data, read by libyaml when PyYAML was built with it (seven times
    faster: pages of GitLab's handbook spent a fifth of their check in PyYAML's own parser);
    a block libyaml rejects is read again by PyYAML's parser, whose messages name what it
    found where libyaml's do not ("found character '@' that cannot start any token")."""
    import yaml

    libyaml = getattr(yaml, "CSafeLoader", None)
    if libyaml is not None:
        try:
            return yaml.load(block, Loader=libyaml)  # CSafeLoader builds with SafeConstructor
        except yaml.YAMLError:
            pass
    return yaml.safe_load(block)


def _flow_depth(block: str) -> int:
    """How deep a YAML block's flow collections nest (brackets in quoted scalars do not count)."""
    depth = deepest = 0
    for match in _FLOW_TOKENS.finditer(block):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in ("]", "}"):
            depth = max(0, depth - 1)
    return deepest


def is_page_name(name: str) -> bool:
    """Whether a file name is a page's, by its suffix."""
    return os.path.splitext(name)[1].lower() in PAGE_SUFFIXES
