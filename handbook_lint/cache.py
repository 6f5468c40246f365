"""The result cache: each page's diagnostics kept between runs, as ruff keeps its own.

A page's cached diagnostics are used only when nothing they depend on has changed: the tool
(its version, and the size and time of every file of its code and of the parsers it uses),
the resolved configuration (with the content of any schema file it names, and the current
folder, which relative paths depend on), the page's content and its plain-text export's
content. Contents are compared by hash; a page's hash is remembered with the file's
size, times and inode, so an unchanged file is not read again (as git's index does: only
when the file was last changed well before it was hashed).

The cache lives in `.handbook_lint_cache/` beside the configuration file (or in the current
folder): one JSON file per tool and configuration, written atomically, so two runs at once
at worst lose each other's new entries, never mix them. Old files are removed past
`MAX_FILES`, old entries past `MAX_ENTRIES` per file.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any

try:  # hashlib's BLAKE2 is always this built-in module; importing hashlib also loads OpenSSL (3 ms)
    from _blake2 import blake2b
except ImportError:  # another Python implementation
    from hashlib import blake2b

from handbook_lint import __version__
from handbook_lint.atomic import write_atomically
from handbook_lint.config import Config
from handbook_lint.diagnostics import Diagnostic, Related, Severity
from handbook_lint.page import is_page_name

if TYPE_CHECKING:
    from handbook_lint.fixes import Fix

CACHE_DIR_NAME = ".handbook_lint_cache"
FORMAT = 4
MAX_FILES = 16
MAX_ENTRIES = 100_000
#: A file's stat is trusted for its hash only when it last changed this long before hashing.
_RACY_SECONDS = 2.0
#: The results of a page with no diagnostics and no `structure-tables` entry matched.
_NOTHING_FOUND = json.dumps([[], []], separators=(",", ":"))
_PARSERS = ("mistune", "html5lib", "yaml", "jsonschema", "referencing")
#: Exact plain-text mode: the renderer, the extractor and the libraries its output depends on.
_GENERATOR_LIBRARIES = ("cmarkgfm", "trafilatura", "lxml", "justext", "htmldate", "courlan")


class ResultCache:
    """Cached diagnostics for the pages of one run, by configuration."""

    def __init__(self) -> None:
        self._tool = _tool_fingerprint()
        self._shelves: dict[tuple[Path, str], _Shelf] = {}
        self._by_config: dict[int, _Shelf] = {}
        self._configs: list[Config] = []

    def lookup(self, path: str, config: Config) -> tuple[str | None, tuple[list[Diagnostic], list[int]] | None]:
        """The page's key and, if that key is cached, its diagnostics and the indexes of the
        `structure-tables` entries it matched."""
        shelf = self._shelf(config)
        entry = _fields(shelf.entries.get(path))
        key = shelf.key(path, config, entry)
        if key is None:
            return None, None
        if entry is None or entry[0] != key:
            return key, None
        if entry[2] == _NOTHING_FOUND:  # most pages: nothing to decode
            found, entries = [], []
        else:
            try:
                items, matched = json.loads(entry[2])
                found = [_diagnostic(item) for item in items]
                entries = [int(index) for index in matched]
            except (KeyError, TypeError, ValueError):  # an entry someone edited: not ours to trust
                return key, None
        shelf.used.add(path)
        shelf.restat(path, entry)
        return key, (found, entries)

    def store(
        self,
        path: str,
        config: Config,
        looked_up: str | None,
        content: str | None,
        diagnostics: list[Diagnostic],
        entries: list[int],
    ) -> None:
        """Keep diagnostics made from page content of hash `content` (None: not cacheable),
        unless the export changed since the key `looked_up` was made."""
        if content is None or looked_up is None:
            return
        shelf = self._shelf(config)
        key = shelf.page_key(content, path, config)
        if key.split(":")[1] != looked_up.split(":")[1]:
            return
        results = json.dumps([[_item(d) for d in diagnostics], entries], separators=(",", ":"))
        shelf.entries[path] = f"{key}\t{shelf.stats.pop(path, '')}\t{results}"
        shelf.used.add(path)
        shelf.changed = True

    def save(self) -> None:
        """Write every configuration's cache that changed; problems writing are ignored."""
        for shelf in self._shelves.values():
            if shelf.changed:
                shelf.save()

    def _shelf(self, config: Config) -> _Shelf:
        shelf = self._by_config.get(id(config))
        if shelf is None:
            folder = (config.source.parent if config.source is not None else Path.cwd()) / CACHE_DIR_NAME
            fingerprint = _fingerprint([self._tool, _config_fingerprint(config)])
            shelf = self._shelves.get((folder, fingerprint))
            if shelf is None:
                shelf = self._shelves[(folder, fingerprint)] = _Shelf(folder, fingerprint)
            self._by_config[id(config)] = shelf
            self._configs.append(config)  # kept alive, so that its id is not reused
        return shelf


class _Shelf:
    """The cache file of one tool and configuration: page path -> "key TAB stat TAB results",
    results being the JSON of [diagnostics, structure-tables entries matched]. One string per
    page, decoded when used: loading the cache of 44,000 pages took 48 MB as lists, 28 MB so."""

    def __init__(self, folder: Path, fingerprint: str):
        self.folder = folder
        self.file = folder / f"{fingerprint}.json"
        self.loaded = _file_state(self.file)
        self.entries: dict[str, str] = _load(self.file)
        self.stats: dict[str, str] = {}  # page -> its stat when hashed, until its entry is stored
        self.used: set[str] = set()
        self.changed = False

    def key(self, path: str, config: Config, entry: list[str] | None) -> str | None:
        """What a page's diagnostics depend on besides the configuration: its content and its
        export's content. None when the page cannot be read (it is linted, not cached)."""
        content = self.content_hash(path, entry)
        return None if content is None else self.page_key(content, path, config)

    def content_hash(self, path: str, entry: list[str] | None) -> str | None:
        """The page's hash: its entry's, when the page's stat is the one the entry recorded."""
        try:
            info = os.stat(path)
        except OSError:
            return None
        if not S_ISREG(info.st_mode):  # a named pipe may never end: linted (and reported), not read here
            return None
        stat = f"{info.st_size} {info.st_mtime_ns} {info.st_ctime_ns} {info.st_ino}"
        if entry is not None and _unchanged(entry[1], stat, info.st_ctime_ns):
            self.stats[path] = entry[1]
            return entry[0].split(":", 1)[0]
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        self.stats[path] = f"{stat} {time.time()!r}"
        return content_digest(data)

    def restat(self, path: str, entry: list[str]) -> None:
        """Record the stat a page was hashed with when its content matched its entry: a page
        linted within a tick of its last change is then read once more, not on every run."""
        stat = self.stats.pop(path, entry[1])
        if stat != entry[1]:
            self.entries[path] = f"{entry[0]}\t{stat}\t{entry[2]}"
            self.changed = True

    def page_key(self, content: str, path: str, config: Config) -> str:
        return f"{content}:{_export_hash(path, config)}"

    def save(self) -> None:
        entries = self.entries
        if _file_state(self.file) != self.loaded:  # a run beside this one wrote: keep its entries
            entries = {**_load(self.file), **entries}
        if len(entries) > MAX_ENTRIES:
            unused = [path for path in entries if path not in self.used]
            for path in unused[: len(entries) - MAX_ENTRIES]:
                del entries[path]
        try:
            self.folder.mkdir(exist_ok=True)
            _mark(self.folder)
            write_atomically(self.file, json.dumps({"format": FORMAT, "entries": entries}, separators=(",", ":")))
            _prune(self.folder, keep=self.file)
        except OSError:
            pass


def _fields(entry: str | None) -> list[str] | None:
    """An entry's key, stat and results (None for no entry, or one someone edited)."""
    fields = entry.split("\t", 2) if isinstance(entry, str) else []
    return fields if len(fields) == 3 else None


def _unchanged(recorded: str, stat: str, ctime_ns: int) -> bool:
    """Whether a file's stat (size, times, inode) is the one its entry recorded, recorded well
    after the file last changed (a change within one tick of the file system's clock would
    not show)."""
    if not recorded.startswith(stat + " "):
        return False
    try:
        return float(recorded[len(stat) + 1 :]) - ctime_ns / 1e9 > _RACY_SECONDS
    except ValueError:
        return False


def _file_state(file: Path) -> tuple[int, int, int] | None:
    """What tells whether a file was written since it was looked at (None: absent)."""
    try:
        info = os.stat(file)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def _load(file: Path) -> dict[str, str]:
    try:
        with open(file, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), dict):
        return {}
    return data["entries"]


def _mark(folder: Path) -> None:
    """Keep the cache out of git and out of backups, as ruff does."""
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Automatically created by handbook-lint.\n*\n", encoding="utf-8")
    tag = folder / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# A cache directory created by handbook-lint.\n",
            encoding="utf-8",
        )


def _prune(folder: Path, keep: Path) -> None:
    """Remove the least recently written cache files past `MAX_FILES`."""
    files = sorted(folder.glob("*.json"), key=lambda file: file.stat().st_mtime, reverse=True)
    for file in files[MAX_FILES:]:
        if file != keep:
            file.unlink(missing_ok=True)


def _export_hash(path: str, config: Config) -> str:
    """The hash of the page's plain-text export, "-" when it has none."""
    if not is_page_name(path):
        return "-"
    if not config["plain-root"] and not config["plain-pattern"]:  # pairing.export_path's default, without Path
        return _file_digest(os.path.splitext(path)[0] + ".txt")
    from handbook_lint.plaintext.pairing import export_path

    return _file_digest(export_path(path, config))


def _file_digest(path: str | Path) -> str:
    """The hash of a regular file's content; "-" for anything else (pairing reads no other)."""
    if not os.access(path, os.F_OK):  # most pages have no export: no exception raised for each
        return "-"
    try:
        if not S_ISREG(os.stat(path).st_mode):
            return "-"
        with open(path, "rb") as handle:
            return content_digest(handle.read())
    except OSError:
        return "-"


def _config_fingerprint(config: Config) -> str:
    """The resolved configuration, the schema files it names, the current folder and, in exact
    plain-text mode, the generator."""
    schemas = {}
    for entry in config["structure-tables"]:
        if entry.get("schema"):
            schemas[entry["schema"]] = _file_digest(config.root / entry["schema"])
    parts = [dict(config.values), str(config.root), str(config.source), os.getcwd(), schemas, _generator(config)]
    return _fingerprint(parts)


def _generator(config: Config) -> Any:
    """What exact mode's expected exports depend on beyond the configuration's own values:
    the generator's version and the size and time of its libraries' files (None in tolerant mode)."""
    if not config["plain-text-generator"]:
        return None
    from handbook_lint.plaintext.generator import GeneratorUnavailable, generator_for

    try:
        generator = generator_for(config)
    except GeneratorUnavailable as error:
        return str(error)
    return [repr(generator), _module_stats(_GENERATOR_LIBRARIES)]


def _tool_fingerprint() -> str:
    """The version, the Python, and the size and time of every file of the package and parsers."""
    from handbook_lint import schemas

    folders = [os.path.dirname(__file__), *schemas.__path__]
    files = sorted(
        {
            os.path.join(parent, name)
            for folder in folders
            for parent, _, names in os.walk(folder)  # (Path.rglob took 1.8 ms, this 0.5)
            for name in names
            if name.endswith((".py", ".json"))
        }
    )
    return _fingerprint([__version__, sys.version, _file_stats(files), _module_stats(_PARSERS)])


def _module_stats(names: tuple[str, ...]) -> list[list[Any]]:
    """The size and time of each module's file (found, not imported)."""
    from importlib.util import find_spec

    files = []
    for name in names:
        spec = find_spec(name)
        if spec is not None and spec.origin:
            files.append(spec.origin)
    return _file_stats(files)


def _file_stats(files: list[str]) -> list[list[Any]]:
    stats: list[list[Any]] = []
    for file in files:
        try:
            info = os.stat(file)
            stats.append([file, info.st_size, info.st_mtime_ns])
        except OSError:
            stats.append([file, None, None])
    return stats


def _fingerprint(parts: Any) -> str:
    return content_digest(json.dumps(parts, sort_keys=True, default=str).encode())


def content_digest(data: bytes) -> str:
    """The hash contents are compared by."""
    return blake2b(data, digest_size=16).hexdigest()


def _item(diagnostic: Diagnostic) -> list[Any]:
    return [
        diagnostic.path,
        diagnostic.line,
        diagnostic.column,
        diagnostic.code,
        diagnostic.message,
        diagnostic.severity.value,
        diagnostic.end_line,
        diagnostic.end_column,
        [[r.path, r.line, r.column, r.message] for r in diagnostic.related],
        _fix_item(diagnostic.fix),
    ]


def _diagnostic(item: list[Any]) -> Diagnostic:
    path, line, column, code, message, severity, end_line, end_column, related, fix = item
    return Diagnostic(
        path,
        line,
        column,
        code,
        message,
        Severity(severity),
        end_line,
        end_column,
        tuple(Related(*r) for r in related),
        _fix(fix),
    )


def _fix_item(fix: Fix | None) -> list[Any] | None:
    if fix is None:
        return None
    return [fix.description, [[e.start, e.end, e.replacement] for e in fix.edits], fix.path, fix.digest]


def _fix(item: list[Any] | None) -> Fix | None:
    if item is None:
        return None
    from handbook_lint.fixes import Edit, Fix

    description, edits, path, digest = item
    return Fix(description, tuple(Edit(*edit) for edit in edits), path, digest)
