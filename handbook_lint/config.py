"""Configuration: defaults, `[tool.handbook-lint]` or `handbook-lint.toml`, command-line options.

One defaults mapping, one merge (`{**DEFAULTS, **file, **cli}`), one error type. The file
is found by walking up from the checked file's folder; the first folder with a
`handbook-lint.toml`, or a `pyproject.toml` holding `[tool.handbook-lint]`, wins.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from handbook_lint.schema_store import bundled_validator, surely_conforms

DEFAULT_TIERS = ("Free", "Team (Self Serve)", "Enterprise (C-Level)")
CONFIG_FILE_NAMES = ("handbook-lint.toml", ".handbook-lint.toml")

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
        if not self["per-file-ignores"]:
            return []
        relative = _relative(path, self.root)
        codes: list[str] = []
        for pattern, ignored in self["per-file-ignores"].items():
            if _glob_match(relative, pattern):
                codes.extend(ignored)
        return codes

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
    path = os.fspath(path) if path is not None else None
    overrides = overrides or {}
    if isolated:
        base = default_config()
    elif explicit:
        base = _read_config_file(Path(explicit).resolve())
    else:
        start = Path(path).resolve().parent if path and path != "-" else Path.cwd()
        found = find_config_file(start if start.is_dir() else Path.cwd())
        base = _read_config_file(found) if found else default_config()
    cli = {key: value for key, value in overrides.items() if value is not None}
    _validate(cli, "command line")
    return Config(MappingProxyType({**base.values, **cli}), base.root, base.source)


def find_config_file(folder: Path, known: dict[Path, Path | None] | None = None) -> Path | None:
    """The nearest configuration file at or above `folder`. `known` remembers the answer for
    each folder looked at, so that a walk over many folders looks at each once."""
    known = {} if known is None else known
    walked: list[Path] = []
    found: Path | None = None
    candidate = folder
    while True:
        if candidate in known:
            found = known[candidate]
            break
        walked.append(candidate)
        found = _config_file_in(candidate)
        if found is not None or candidate.parent == candidate:
            break
        candidate = candidate.parent
    for candidate in walked:
        known[candidate] = found
    return found


def _config_file_in(folder: Path) -> Path | None:
    name = str(folder)  # os.path on strings: this runs for every folder of a walk
    for file_name in CONFIG_FILE_NAMES:
        if os.path.isfile(os.path.join(name, file_name)):
            return folder / file_name
    if os.path.isfile(os.path.join(name, "pyproject.toml")):
        pyproject = folder / "pyproject.toml"
        if "handbook-lint" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_config_file(path: Path) -> Config:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("handbook-lint", {})
    _validate(data, str(path))
    return Config(MappingProxyType({**DEFAULTS, **data}), path.parent, path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration: {error.strerror or error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from error


def _validate(data: Mapping[str, Any], where: str) -> None:
    if surely_conforms("config.schema.json", dict(data)):
        return  # the common case, without importing jsonschema
    errors = sorted(bundled_validator("config.schema.json").iter_errors(dict(data)), key=lambda e: list(e.path))
    if errors:
        error = errors[0]
        key = ".".join(str(part) for part in error.absolute_path) or "(top level)"
        message = error.message
        if error.validator == "additionalProperties":
            message = message.replace("Additional properties are not allowed", "unknown key")
        raise ConfigError(f"{where}: {key}: {message}")


def _relative(path: str, root: Path) -> str:
    absolute = Path(path).resolve()
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
        self._by_source: dict[object, Config] = {}  # by the file it comes from: shared by its folders
        self._found: dict[Path, Path | None] = {}  # folder -> its configuration file

    def __call__(self, path: str | None) -> Config:
        if self.fixed is not None:
            return self.fixed
        folder = os.path.dirname(path) if path and path != "-" else None
        config = self._by_folder.get(folder)
        if config is None:
            config = self._by_folder[folder] = self._load(path)
        return config

    def _load(self, path: str | None) -> Config:
        source: object = "isolated" if self.isolated else self.explicit
        if source is None:
            start = Path(os.path.dirname(os.path.realpath(path))) if path and path != "-" else Path.cwd()
            source = find_config_file(start if os.path.isdir(start) else Path.cwd(), self._found)
        if source not in self._by_source:
            self._by_source[source] = load_config(
                path, explicit=self.explicit, isolated=self.isolated, overrides=self.overrides
            )
        return self._by_source[source]

    def excludes(self, path: str) -> bool:
        return self(path).excludes(path)
