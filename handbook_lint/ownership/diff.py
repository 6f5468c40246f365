"""The ownership diff: structure tables compared between two revisions.

Tables are matched by page and heading path (the n-th table under the same headings of a
page matches the n-th), never by position in the page. A table left unmatched on both
sides is *renamed* when its content is mostly the same (same page first). Within a pair of
tables, functions and tiers are matched by name as the rules compare them (case and an
ordinal prefix such as `1 - ` ignored); an unmatched tier that takes the place of an
unmatched one is a rename. Owners are compared slot by slot: a function at a tier gains an
owner (*added*), loses it (*removed*) or passes from one owner to another (*moved*).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from handbook_lint.config import Config, Configs
from handbook_lint.ownership import revisions
from handbook_lint.page import Page
from handbook_lint.structure_tables import StructureTable, find_structure_tables, function_key, tier_key
from handbook_lint.tables.extract import extract_tables

SCHEMA_VERSION = 1
#: A removed and an added table are one renamed table when this share of their content agrees.
RENAME_SIMILARITY = 0.5

TableStatus = Literal["modified", "added", "removed", "renamed"]
OwnerChangeKind = Literal["added", "removed", "moved"]


@dataclass(frozen=True, slots=True)
class TableRef:
    """Where a structure table is: page name, heading path, first line, id in the page."""

    path: str
    headings: tuple[str, ...]
    line: int
    id: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "headings": list(self.headings), "line": self.line, "id": self.id}


@dataclass(slots=True)
class Snapshot:
    """A structure table's ownership at one revision; names keyed as the rules compare them."""

    ref: TableRef
    tiers: dict[str, str]  # key -> name, in order
    functions: dict[str, str]  # key -> name, in order
    owners: dict[tuple[str, str], str]  # (function key, tier key) -> owner; slots with no owner left out

    def content(self) -> set[tuple[str, ...]]:
        """What a rename must mostly keep: functions, tiers and who owns what."""
        return {
            *(("function", key) for key in self.functions),
            *(("tier", key) for key in self.tiers),
            *((f, t, owner) for (f, t), owner in self.owners.items()),
        }


@dataclass(frozen=True, slots=True)
class OwnerChange:
    function: str
    tier: str
    before: str | None
    after: str | None

    @property
    def change(self) -> OwnerChangeKind:
        return "added" if self.before is None else "removed" if self.after is None else "moved"

    def to_json(self) -> dict[str, Any]:
        return {
            "function": self.function,
            "tier": self.tier,
            "change": self.change,
            "before": self.before,
            "after": self.after,
        }


@dataclass(slots=True)
class TableChange:
    status: TableStatus
    before: TableRef | None
    after: TableRef | None
    tiers_added: list[str] = field(default_factory=list)
    tiers_removed: list[str] = field(default_factory=list)
    tiers_renamed: list[tuple[str, str]] = field(default_factory=list)
    functions_added: list[str] = field(default_factory=list)
    functions_removed: list[str] = field(default_factory=list)
    owners: list[OwnerChange] = field(default_factory=list)

    @property
    def where(self) -> TableRef:
        ref = self.after or self.before
        assert ref is not None
        return ref

    def has_content_changes(self) -> bool:
        return bool(
            self.tiers_added
            or self.tiers_removed
            or self.tiers_renamed
            or self.functions_added
            or self.functions_removed
            or self.owners
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "before": self.before.to_json() if self.before else None,
            "after": self.after.to_json() if self.after else None,
            "tiers": {
                "added": self.tiers_added,
                "removed": self.tiers_removed,
                "renamed": [{"before": before, "after": after} for before, after in self.tiers_renamed],
            },
            "functions": {"added": self.functions_added, "removed": self.functions_removed},
            "owners": [change.to_json() for change in self.owners],
        }


@dataclass(slots=True)
class OwnershipDiff:
    """Every structure table that changed between `base` and `head` (None: the work tree)."""

    base: str
    base_commit: str
    head: str | None
    head_commit: str | None
    tables: list[TableChange]

    def counts(self) -> Counter[str]:
        return Counter(table.status for table in self.tables)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "base": {"revision": self.base, "commit": self.base_commit},
            "head": {"revision": self.head, "commit": self.head_commit},
            "tables": [table.to_json() for table in self.tables],
        }


def split_head(arguments: tuple[str, ...]) -> tuple[str | None, list[str]]:
    """`[HEAD] [PATH...]`: the first argument is HEAD when it names a commit and no file.
    One that is both is an error; `./NAME` names the path."""
    if not arguments:
        return None, []
    first, *rest = arguments
    repository = revisions.open_repository()
    if not revisions.is_revision(repository, first):
        return None, list(arguments)
    if os.path.exists(first):
        raise revisions.GitError(f"{first!r} is both a revision and a path: write ./{first} for the path")
    return first, rest


def ownership_diff(base: str, head: str | None, paths: list[str], configs: Configs) -> OwnershipDiff:
    """Compare the structure tables under `paths` at `base` with those at `head` (None: the
    work tree). Raises `revisions.GitError` for a missing revision or path."""
    repository = revisions.open_repository()
    base_commit = revisions.commit_of(repository, base)
    head_commit = revisions.commit_of(repository, head) if head is not None else None
    revisions.check_paths(repository, [c for c in (base_commit, head_commit) if c], paths)
    before = revisions.pages_at(repository, base_commit, paths, configs)
    if head_commit is None:
        after = revisions.pages_in_work_tree(repository, paths, configs)
    else:
        after = revisions.pages_at(repository, head_commit, paths, configs)

    def snapshots_of(pages: dict[str, Page]) -> list[Snapshot]:
        return [
            snapshot(structure, name)
            for name, page in sorted(pages.items())
            for structure in _structure_tables(page, configs(str(repository.root / name)))
        ]

    return OwnershipDiff(base, base_commit, head, head_commit, compare(snapshots_of(before), snapshots_of(after)))


def _structure_tables(page: Page, config: Config) -> list[StructureTable]:
    return find_structure_tables(extract_tables(page, max_slots=config["max-slots"]), page.text, config)


def snapshot(structure: StructureTable, path: str) -> Snapshot:
    table = structure.table
    tiers: dict[str, str] = {}
    for tier in structure.tiers:
        tiers.setdefault(tier_key(tier.text), tier.text)
    functions: dict[str, str] = {}
    owners: dict[tuple[str, str], str] = {}
    for function in structure.functions:
        key = function_key(function.text)
        if key in functions:  # a duplicate function (HL302): its first row counts
            continue
        functions[key] = function.text
        for tier in structure.tiers:
            owner = structure.owner(function.row, tier.col)
            if owner is not None and owner.text:
                owners.setdefault((key, tier_key(tier.text)), owner.text)
    return Snapshot(TableRef(path, table.headings, table.line, table.id), tiers, functions, owners)


def compare(before: list[Snapshot], after: list[Snapshot]) -> list[TableChange]:
    """The changed tables, in page order (removed tables where they were)."""
    old, new = _keyed(before), _keyed(after)
    changes = []
    for key in old.keys() & new.keys():
        change = _compare_tables(old[key], new[key], "modified")
        if change.has_content_changes():
            changes.append(change)
    removed = [old[key] for key in old.keys() - new.keys()]
    added = [new[key] for key in new.keys() - old.keys()]
    for was, now in _renames(removed, added):
        removed.remove(was)
        added.remove(now)
        changes.append(_compare_tables(was, now, "renamed"))
    changes += [TableChange("removed", table.ref, None) for table in removed]
    changes += [TableChange("added", None, table.ref) for table in added]
    return sorted(changes, key=lambda change: (change.where.path, change.where.line, change.status))


def _keyed(snapshots: list[Snapshot]) -> dict[tuple[str, tuple[str, ...], int], Snapshot]:
    """Tables by page, heading path and rank among the tables under the same headings."""
    seen: Counter[tuple[str, tuple[str, ...]]] = Counter()
    keyed = {}
    for table in snapshots:
        place = (table.ref.path, tuple(function_key(h) for h in table.ref.headings))
        seen[place] += 1
        keyed[(*place, seen[place])] = table
    return keyed


def _renames(removed: list[Snapshot], added: list[Snapshot]) -> list[tuple[Snapshot, Snapshot]]:
    """Pairs of a removed and an added table that are one table under a new heading or page:
    the most similar first, a pair on the same page before one across pages."""
    candidates = []
    for i, was in enumerate(removed):
        for j, now in enumerate(added):
            a, b = was.content(), now.content()
            similarity = len(a & b) / len(a | b) if a | b else 1.0
            if similarity >= RENAME_SIMILARITY:
                candidates.append((was.ref.path != now.ref.path, -similarity, i, j))
    pairs: list[tuple[Snapshot, Snapshot]] = []
    paired_old: set[int] = set()
    paired_new: set[int] = set()
    for _, _, i, j in sorted(candidates):
        if i not in paired_old and j not in paired_new:
            paired_old.add(i)
            paired_new.add(j)
            pairs.append((removed[i], added[j]))
    return pairs


def _compare_tables(was: Snapshot, now: Snapshot, status: TableStatus) -> TableChange:
    change = TableChange(status, was.ref, now.ref)
    tier_pairs = {key: key for key in was.tiers if key in now.tiers}
    old_only = [key for key in was.tiers if key not in now.tiers]
    new_only = [key for key in now.tiers if key not in was.tiers]
    old_positions, new_positions = list(was.tiers), list(now.tiers)
    for key in list(old_only):
        position = old_positions.index(key)
        if position < len(new_positions) and new_positions[position] in new_only:
            renamed = new_positions[position]
            tier_pairs[key] = renamed
            old_only.remove(key)
            new_only.remove(renamed)
            change.tiers_renamed.append((was.tiers[key], now.tiers[renamed]))
    change.tiers_added = [now.tiers[key] for key in new_only]
    change.tiers_removed = [was.tiers[key] for key in old_only]
    change.functions_added = [name for key, name in now.functions.items() if key not in was.functions]
    change.functions_removed = [name for key, name in was.functions.items() if key not in now.functions]
    renamed_to = {new: old for old, new in tier_pairs.items()}
    for function, name in now.functions.items():
        if function not in was.functions:
            continue
        for tier, tier_name in now.tiers.items():
            if tier not in renamed_to:
                continue
            before = was.owners.get((function, renamed_to[tier]))
            after = now.owners.get((function, tier))
            if before != after:
                change.owners.append(OwnerChange(name, tier_name, before, after))
    return change
