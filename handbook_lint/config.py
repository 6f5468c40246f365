"""Configuration: defaults, `[tool.handbook-lint]` or `handbook-lint.toml`, command-line options.

One defaults mapping, one merge (`{**DEFAULTS, **file, **cli}`), one error type. The file
is found by walking up from the checked file's folder; the first folder with a
`handbook-lint.toml`, or a `pyproject.toml` holding `[tool.handbook-lint]`, wins.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from handbook_lint.schema_store import bundled_validator

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

    def ignored_for(self, path: str) -> list[str]:
        """Codes ignored for `path` by `per-file-ignores`."""
        relative = _relative(path, self.root)
        codes: list[str] = []
        for pattern, ignored in self["per-file-ignores"].items():
            if _glob_match(relative, pattern):
                codes.extend(ignored)
        return codes

    def excludes(self, path: str) -> bool:
        """Whether `path` matches an `exclude` glob (the path or any of its folders)."""
        relative = _relative(path, self.root)
        parts = PurePosixPath(relative).parts
        candidates = [relative, *("/".join(parts[: i + 1]) for i in range(len(parts)))]
        return any(_glob_match(c, p) for p in self["exclude"] for c in candidates)


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


@functools.cache
def find_config_file(folder: Path) -> Path | None:
    """The nearest configuration file at or above `folder`."""
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_FILE_NAMES:
            if (candidate_folder / name).is_file():
                return candidate_folder / name
        pyproject = candidate_folder / "pyproject.toml"
        if pyproject.is_file() and "handbook-lint" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


@functools.cache
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
        self._by_folder: dict[Path, Config] = {}

    def __call__(self, path: str | None) -> Config:
        if self.fixed is not None:
            return self.fixed
        folder = Path(path).resolve().parent if path and path != "-" else Path.cwd()
        if folder not in self._by_folder:
            self._by_folder[folder] = load_config(
                path, explicit=self.explicit, isolated=self.isolated, overrides=self.overrides
            )
        return self._by_folder[folder]

    def excludes(self, path: str) -> bool:
        return self(path).excludes(path)
