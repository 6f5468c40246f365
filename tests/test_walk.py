"""A walk's configurations are found with one look per folder: real paths from the parent's
real path, and each folder's configuration file remembered, give what a fresh lookup gives."""

from __future__ import annotations

import os

from handbook_lint.config import Configs, load_config


def test_real_folders_are_what_realpath_gives(tmp_path, monkeypatch):
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    (tmp_path / "x").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "a" / "b")
    monkeypatch.chdir(tmp_path)
    configs = Configs()
    for folder in ["a/b/c", "link/c", "a/../x", "./a", "a/b/../b/c", "", "link", str(tmp_path / "link" / "c"), "x/.."]:
        assert configs._real(folder) == os.path.realpath(folder), folder


def test_each_folder_gets_the_configuration_a_fresh_lookup_finds(tmp_path, monkeypatch):
    (tmp_path / "docs" / "team" / "deep").mkdir(parents=True)
    (tmp_path / "other").mkdir()
    (tmp_path / "handbook-lint.toml").write_text('ignore = ["HL3"]\n')
    (tmp_path / "docs" / "team" / "handbook-lint.toml").write_text('ignore = ["HL1"]\n')
    (tmp_path / "linked").symlink_to(tmp_path / "docs" / "team")
    monkeypatch.chdir(tmp_path)
    configs = Configs()
    for page in ["docs/team/deep/p.md", "docs/p.md", "other/p.md", "linked/p.md", "p.md", "docs/team/p.md"]:
        fresh = load_config(page)  # a lookup of its own, which remembers no folder
        assert configs(page).values == fresh.values, page
        assert configs(page).source == fresh.source, page
