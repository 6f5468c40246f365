"""Configuration: defaults, `[tool.handbook-lint]` or `handbook-lint.toml`, command-line options.

One defaults mapping, one merge (`{**DEFAULTS, **file, **cli}`), one error type. The file
is found by walking up from the checked file's folder; the first folder with a
`handbook-lint.toml`, or a `pyproject.toml` holding `[tool.handbook-lint]`, wins.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from handbook_lint.schema_store import SchemaError, bundled_validator, surely_conforms, user_validator

DEFAULT_TIERS = ("Free", "Team (Self Serve)", "Enterprise (C-Level)")
CONFIG_FILE_NAMES = ("handbook-lint.toml", ".handbook-lint.toml")
_CONFIG_CANDIDATES = frozenset((*CONFIG_FILE_NAMES, "pyproject.toml"))
#: Settings whose values are rule codes, code prefixes or names.
_SELECTOR_KEYS = frozenset({"select", "extend-select", "ignore", "per-file-ignores"})
#: A listed folder's entries that may be configuration files, by name in lower case: the entry
#: when spelt so, None when only spelt otherwise.
_Listing = Mapping[str, "os.DirEntry[str] | None"]
#: The page around the rendered Markdown that exact plain-text mode hands to the extractor.
DEFAULT_WRAPPER = "<html><head><title>{title}</title></head><body><article>{html}</article></body></html>"

DEFAULTS: Mapping[str, Any] = MappingProxyType(
    {
        "select": None,
        "extend-select": [],
        "ignore": [],
        "per-file-ignores": {},
        "exclude": [],
        "severity": {},
        "output-format": None,
        "max-slots": 1_000_000,
        "max-file-size": 10 * 1024 * 1024,
        "max-html-depth": 512,
        "tiers": list(DEFAULT_TIERS),
        "structure-tables": [],
        "require-plain-text": False,
        "plain-root": None,
        "plain-pattern": None,
        "plain-text-generator": None,
        "plain-text-wrapper": DEFAULT_WRAPPER,
        "plain-text-options": {},
    }
)


class ConfigError(Exception):
    """A configuration file or option is invalid; the CLI exits with status 2."""


@dataclass(frozen=True)
class Config:
    """Merged settings, plus the folder relative paths in the file are resolved against."""

    values: Mapping[str, Any]
    root: Path
    source: Path | None = None

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as plain data (a mapping proxy cannot be), for worker processes."""
        return _config_from_data, (dict(self.values), self.root, self.source)

    def ignored_for(self, path: str) -> list[str]:
        """Codes ignored for `path` by `per-file-ignores`."""
        return [code for pattern in self.per_file_ignores_matching(path) for code in self["per-file-ignores"][pattern]]

    def per_file_ignores_matching(self, path: str) -> list[str]:
        """The `per-file-ignores` globs that match `path`."""
        if not self["per-file-ignores"]:
            return []
        relative = _relative(path, self.root)
        return [pattern for pattern in self["per-file-ignores"] if _glob_match(relative, pattern)]

    def excludes(self, path: str) -> bool:
        """Whether `path` matches an `exclude` glob (the path or any of its folders)."""
        if not self["exclude"]:
            return False
        relative = _relative(path, self.root)
        parts = PurePosixPath(relative).parts
        candidates = [relative, *("/".join(parts[: i + 1]) for i in range(len(parts)))]
        return any(_glob_match(c, p) for p in self["exclude"] for c in candidates)


def _config_from_data(values: dict[str, Any], root: Path, source: Path | None) -> Config:
    return Config(MappingProxyType(values), root, source)


def default_config(root: Path | None = None) -> Config:
    return Config(DEFAULTS, root or Path.cwd())


def load_config(
    path: str | os.PathLike[str] | None = None,
    *,
    explicit: str | os.PathLike[str] | None = None,
    isolated: bool = False,
    overrides: Mapping[str, Any] | None = None,
) -> Config:
    """The configuration for a checked file (or the current folder): the `explicit` file,
    else the nearest one found by walking up; `isolated` reads none; `overrides` (settings
    by their configuration names) win over the file."""
    explicit = os.fspath(explicit) if explicit else None
    return Configs(explicit, isolated, overrides)(None if path is None else os.fspath(path))


def _configured(source: str | None, overrides: Mapping[str, Any]) -> Config:
    """The configuration read from `source` (the defaults for None), `overrides` applied."""
    base = _read_config_file(Path(source)) if source else default_config()
    cli = {key: value for key, value in overrides.items() if value is not None}
    _validate(cli, "command line")
    _check_rule_selectors(cli, "command line")
    _require_extras(cli, "command line")
    return Config(MappingProxyType({**base.values, **cli}), base.root, base.source)


def _nearest_config_file(
    folder: str, known: dict[str, str | None], listings: Mapping[str, _Listing] | None = None
) -> str | None:
    """The nearest configuration file at or above `folder`. `known` remembers the answer for
    each folder looked at, so that a walk over many folders looks at each once; it gives the
    `listings` of the folders it listed."""
    walked: list[str] = []
    found: str | None = None
    candidate = folder
    while True:
        if candidate in known:
            found = known[candidate]
            break
        walked.append(candidate)
        found = _config_file_in(candidate, listings.get(candidate) if listings else None)
        parent = os.path.dirname(candidate)
        if found is not None or parent == candidate:
            break
        candidate = parent
    for candidate in walked:
        known[candidate] = found
    return found


def _config_file_in(folder: str, listing: _Listing | None = None) -> str | None:
    """The folder's configuration file, looked up in its `listing` when it was listed."""

    def is_file(name: str) -> bool:
        entry = listing.get(name) if listing is not None else None
        if entry is None:
            # Not listed, or listed spelt otherwise (`PyProject.toml`): a case-insensitive file
            # system finds it by this name, as the lookup without a listing would.
            return (listing is None or name in listing) and os.path.isfile(os.path.join(folder, name))
        try:
            return entry.is_file()
        except OSError:
            return False

    for file_name in CONFIG_FILE_NAMES:
        if is_file(file_name):
            return os.path.join(folder, file_name)
    pyproject = os.path.join(folder, "pyproject.toml")
    if is_file("pyproject.toml") and _tool_table(_read_toml(Path(pyproject))) is not None:
        return pyproject
    return None


def _read_config_file(path: Path) -> Config:
    data = _read_toml(path)
    table = _tool_table(data)
    if path.name == "pyproject.toml":
        if table is None:
            raise ConfigError(f"{path}: no [tool.handbook-lint] table")
        data = table
    elif table is not None:
        raise ConfigError(
            f"{path}: only pyproject.toml uses the [tool.handbook-lint] table; in {path.name}, "
            "put the settings at the top level, without a table header"
        )
    _validate(data, str(path))
    _check_rule_selectors(data, str(path))
    _check_schemas(data, path)
    _require_extras(data, str(path))
    return Config(MappingProxyType({**DEFAULTS, **data}), path.parent, path)


def _tool_table(data: dict[str, Any]) -> Any:
    """The `[tool.handbook-lint]` table of a TOML document, or None."""
    tool = data.get("tool")
    return tool.get("handbook-lint") if isinstance(tool, dict) else None


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only a run that meets a configuration file needs it

    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration: {error.strerror or error}") from error
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ConfigError(
            f"{path}: not valid UTF-8 (TOML files must be): byte 0x{data[error.start]:02x} on line {line}"
        ) from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from error


def _validate(data: Mapping[str, Any], where: str) -> None:
    if not data:
        return  # nothing set: the schema requires no key (tests/test_schema_store.py says so)
    if surely_conforms("config.schema.json", dict(data)):
        return  # the common case, without importing jsonschema
    errors = sorted(bundled_validator("config.schema.json").iter_errors(dict(data)), key=lambda e: list(e.path))
    if errors:
        error = errors[0]
        key = ".".join(str(part) for part in error.absolute_path) or "(top level)"
        message = error.message
        if error.validator == "additionalProperties":
            message = message.replace("Additional properties are not allowed", "unknown key")
        elif error.validator == "pattern" and error.absolute_path[0] in _SELECTOR_KEYS:
            from handbook_lint.rules import UnknownRule

            message = str(UnknownRule(str(error.instance)))  # no rule can match: said as for any unknown one
            if where == "command line":
                raise ConfigError(f"--{error.absolute_path[0]}: {message}")
        raise ConfigError(f"{where}: {key}: {message}")


def _check_rule_selectors(data: Mapping[str, Any], where: str) -> None:
    """Every code, prefix and name in the settings matches a rule: a typo is an error,
    never a selection of nothing. `severity` keys name one rule each."""
    label = (lambda key: f"--{key}") if where == "command line" else (lambda key: f"{where}: {key}")
    named = [
        (label(key), selector) for key in ("select", "extend-select", "ignore") for selector in data.get(key) or []
    ]
    for pattern, selectors in (data.get("per-file-ignores") or {}).items():
        named += [(label(f"per-file-ignores.{pattern!r}"), selector) for selector in selectors]
    if not named and not data.get("severity"):
        return
    from handbook_lint.rules import UnknownRule, get, selector_prefix  # loads every rule: only when needed

    for setting, selector in named:
        try:
            selector_prefix(selector)
        except UnknownRule as error:
            raise ConfigError(f"{setting}: {error}") from error
    for name in data.get("severity") or {}:
        try:
            get(name)
        except UnknownRule as error:
            if name != "ALL" and _is_selector(name):
                raise ConfigError(
                    f"{label('severity')}: {name!r} is a code prefix; give one rule code or name"
                ) from None
            raise ConfigError(f"{label('severity')}: {error}") from error


def _is_selector(text: str) -> bool:
    from handbook_lint.rules import UnknownRule, selector_prefix

    try:
        selector_prefix(text)
    except UnknownRule:
        return False
    return True


def _check_schemas(data: Mapping[str, Any], path: Path) -> None:
    """Each `structure-tables` schema file exists, is JSON and is a valid JSON Schema."""
    for number, entry in enumerate(data.get("structure-tables") or []):
        if "schema" in entry:
            try:
                user_validator(str((path.parent / entry["schema"]).resolve()))
            except SchemaError as error:
                raise ConfigError(f"{path}: structure-tables.{number}.schema: {entry['schema']}: {error}") from error


def _require_extras(data: Mapping[str, Any], where: str) -> None:
    """Exact plain-text mode needs the `plain-text` extra: without it, a configuration error."""
    if data.get("plain-text-generator"):
        from handbook_lint.plaintext.generator import GeneratorUnavailable, installed_version

        try:
            installed_version()
        except GeneratorUnavailable as error:
            raise ConfigError(f"{where}: {error}") from error


def _relative(path: str, root: Path) -> str:
    absolute = Path(path).parent.resolve() / Path(path).name  # a link is where it stands, loops too
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _glob_match(path: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    return fnmatch.fnmatchcase(path, pattern) or (pattern.startswith("**/") and fnmatch.fnmatchcase(path, pattern[3:]))


class Configs:
    """The configuration of each checked path, loaded once per folder (found by walking up),
    or one configuration for every path."""

    def __init__(
        self,
        explicit: str | None = None,
        isolated: bool = False,
        overrides: Mapping[str, Any] | None = None,
        *,
        fixed: Config | None = None,
    ) -> None:
        self.explicit, self.isolated, self.overrides, self.fixed = explicit, isolated, overrides or {}, fixed
        self._by_folder: dict[str | None, Config] = {}  # by the folder as the path spells it
        self._by_source: dict[str | None, Config] = {}  # by the file it comes from: shared by its folders
        self._found: dict[str, str | None] = {}  # real folder -> its configuration file
        self._real_folders: dict[str, str] = {}  # folder as spelt -> its real path
        self._listings: dict[str, _Listing] = {}  # real folder a walk listed -> its possible configuration files

    def __call__(self, path: str | None) -> Config:
        if self.fixed is not None:
            return self.fixed
        folder = os.path.dirname(path) if path and path != "-" else None
        config = self._by_folder.get(folder)
        if config is None:
            config = self._by_folder[folder] = self._load(path)
        return config

    def _load(self, path: str | None) -> Config:
        source: str | None
        if self.isolated:
            source = None  # the defaults
        elif self.explicit:
            source = os.path.realpath(self.explicit)
        else:
            start = self._real(os.path.dirname(path)) if path and path != "-" else os.getcwd()
            listed = start in self._listings  # (a folder a walk listed is one)
            source = _nearest_config_file(
                start if listed or os.path.isdir(start) else os.getcwd(), self._found, self._listings
            )
        if source not in self._by_source:
            self._by_source[source] = _configured(source, self.overrides)
        return self._by_source[source]

    def _real(self, folder: str) -> str:
        """`os.path.realpath(folder)`, from its parent's when the folder is no symbolic link:
        one lstat per folder of a walk instead of one per component of each."""
        found = self._real_folders.get(folder)
        if found is None:
            parent, name = os.path.split(folder)
            if parent and name not in ("", ".", "..") and parent != folder and not os.path.islink(folder):
                found = os.path.join(self._real(parent), name)
            else:
                found = os.path.realpath(folder)
            self._real_folders[folder] = found
        return found

    def excludes(self, path: str) -> bool:
        return self(path).excludes(path)

    def listed(self, folder: str, entries: list[os.DirEntry[str]]) -> None:
        """What a walk found in a folder: its configuration files are looked up there, with
        no stat of each possible name (three per folder, a tenth of a cached run's walk)."""
        listing: dict[str, os.DirEntry[str] | None] = {}
        for entry in entries:
            name = entry.name.casefold()
            if name in _CONFIG_CANDIDATES:
                listing[name] = entry if entry.name == name else listing.get(name)
        self._listings[folder] = listing
