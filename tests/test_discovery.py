"""Finding pages: folder walks, `.gitignore`, `exclude`, --force-exclude, named files and pairs,
symlink loops and unreadable folders."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook_lint.cli import main
from handbook_lint.config import DEFAULTS, Config
from handbook_lint.discovery import discover_pages, page_for, repository_root
from handbook_lint.plaintext.pairing import page_for_export

BROKEN = "| Function | Free | Team (Self Serve) | Enterprise (C-Level) |\n|---|---|---|---|\n| Sales | A | | C |\n"


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def checked(*args: str) -> tuple[int, list[str]]:
    """Exit code and the paths with problems (every test page here is broken)."""
    result = CliRunner().invoke(main, ["check", "--output-format", "concise", *args], catch_exceptions=False)
    paths = sorted({line.split(":")[0] for line in result.stdout.splitlines()[:-1]})
    return result.exit_code, paths


def test_folders_are_walked_for_pages_in_a_stable_order(here):
    tree(here, {"b.md": "", "a/z.markdown": "", "a/y.MDX": "", "a/notes.txt": "", "a/x.py": "", ".hidden/h.md": ""})
    assert discover_pages(["."]) == ["a/y.MDX", "a/z.markdown", "b.md"]
    assert discover_pages(["b.md", ".", "./b.md"]) == ["b.md", "a/y.MDX", "a/z.markdown"]


def test_a_walked_folder_is_spelt_as_pathlib_spells_it(here):
    tree(here, {"a/b/c.md": "", "a/d.md": ""})
    for spelling in ("a", "./a", "a/", "a//", "./a/./"):
        assert discover_pages([spelling]) == ["a/b/c.md", "a/d.md"], spelling
    assert discover_pages([str(here / "a") + "/"]) == [(here / "a/b/c.md").as_posix(), (here / "a/d.md").as_posix()]


def test_gitignore_is_honoured_in_folder_walks(here):
    tree(
        here,
        {
            ".gitignore": "build/\n*.draft.md\n/root-only.md\n",
            "build/a.md": "",
            "docs/build/b.md": "",
            "x.draft.md": "",
            "root-only.md": "",
            "docs/root-only.md": "",
            "docs/.gitignore": "!keep.draft.md\nlocal/\n",
            "docs/keep.draft.md": "",
            "docs/other.draft.md": "",
            "docs/local/c.md": "",
            "local/d.md": "",
            ".git/info/exclude": "secret.md\n",
            "secret.md": "",
            "page.md": "",
        },
    )
    assert discover_pages(["."]) == ["docs/keep.draft.md", "docs/root-only.md", "local/d.md", "page.md"]
    # walking a subfolder still applies the .gitignore files above it, up to the repository root
    assert discover_pages(["docs"]) == ["docs/keep.draft.md", "docs/root-only.md"]
    assert "build/a.md" in discover_pages(["."], gitignore=False)


def test_gitignore_files_outside_the_repository_do_not_count(tmp_path, monkeypatch):
    tree(tmp_path, {".gitignore": "*.md\n", "repo/.git/HEAD": "", "repo/page.md": ""})
    monkeypatch.chdir(tmp_path / "repo")
    assert repository_root() == tmp_path / "repo"
    assert discover_pages(["."]) == ["page.md"]


def test_named_files_are_checked_even_when_ignored_or_excluded(here):
    tree(
        here,
        {
            ".git/HEAD": "",
            ".gitignore": "ignored.md\n",
            "handbook-lint.toml": 'exclude = ["drafts"]\n',
            "ignored.md": BROKEN,
            "drafts/page.md": BROKEN,
            "page.md": BROKEN,
        },
    )
    assert checked(".") == (1, ["page.md"])
    assert checked("ignored.md", "drafts/page.md") == (1, ["drafts/page.md", "ignored.md"])
    # --force-exclude (the pre-commit hook's) applies `exclude` to named files; .gitignore is
    # git's business: it never names an ignored file to a hook.
    assert checked("--force-exclude", "ignored.md", "drafts/page.md") == (1, ["ignored.md"])
    assert checked("--force-exclude", "drafts") == (0, [])
    assert checked("--force-exclude", "drafts/page.md") == (0, [])


def test_exclude_globs_prune_folder_walks(here):
    tree(
        here,
        {
            "handbook-lint.toml": 'exclude = ["archive", "**/*.draft.md", "team/old/**"]\n',
            "archive/2019/a.md": BROKEN,
            "team/x.draft.md": BROKEN,
            "team/old/b.md": BROKEN,
            "team/page.md": BROKEN,
        },
    )
    assert checked(".") == (1, ["team/page.md"])
    assert checked("team") == (1, ["team/page.md"])


def test_configuration_globs_never_widen_a_run_on_named_files(here):
    tree(
        here,
        {
            "handbook-lint.toml": '[per-file-ignores]\n"other/**" = ["HL3"]\n',
            "a.md": BROKEN,
            "other/b.md": BROKEN,
            "c.md": BROKEN,
        },
    )
    result = CliRunner().invoke(main, ["check", "--output-format", "json", "a.md"])
    assert {d["path"] for d in json.loads(result.stdout)} == {"a.md"}
    assert discover_pages(["a.md"], excluded=lambda path: False, force_exclude=True) == ["a.md"]


def test_a_named_plain_text_export_stands_for_its_page(here):
    tree(
        here,
        {
            "growth.md": BROKEN,
            "growth.txt": "export\n",
            "requirements.txt": "click\n",
            "other.mdx": "",
            "other.txt": "",
        },
    )
    assert page_for("growth.txt") == "growth.md"
    assert page_for("requirements.txt") is None
    assert discover_pages(["growth.txt", "growth.md", "requirements.txt", "other.txt"]) == ["growth.md", "other.mdx"]
    assert checked("growth.txt") == (1, ["growth.md"])
    assert checked("requirements.txt") == (0, [])


def test_symlink_loops_do_not_hang(here):
    tree(here, {"docs/a.md": BROKEN})
    os.symlink("..", here / "docs" / "up")
    os.symlink(here / "docs", here / "docs" / "self")
    os.symlink("loop.md", here / "loop.md")  # a link to itself
    os.symlink("nowhere.md", here / "dangling.md")
    os.symlink("docs/a.md", here / "linked.md")  # a link to a page is a page
    pages = ["dangling.md", "docs/a.md", "linked.md", "loop.md"]
    assert discover_pages(["."]) == pages
    assert checked(".") == (1, pages)


def test_links_that_lead_nowhere_are_unreadable_pages_named_or_walked(here):
    os.symlink("loop.md", here / "loop.md")
    os.symlink("nowhere.md", here / "dangling.md")
    for args in (["loop.md", "dangling.md"], ["."]):
        result = CliRunner().invoke(main, ["check", "--output-format", "json", *args])
        found = [(d["path"], d["line"], d["column"], d["code"]) for d in json.loads(result.stdout)]
        assert result.exit_code == 1
        assert found == [("dangling.md", 1, 1, "HL001"), ("loop.md", 1, 1, "HL001")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_with_a_page_name_is_unreadable_not_a_hang(here):
    os.mkfifo(here / "pipe.md")
    for args in (["pipe.md"], ["."]):
        result = CliRunner().invoke(main, ["check", "--output-format", "json", *args])
        (found,) = json.loads(result.stdout)
        assert (found["code"], found["message"]) == ("HL001", "cannot read file: it is a named pipe")


def test_unreadable_folders_are_passed_over(here, monkeypatch):
    tree(here, {"open/a.md": BROKEN, "locked/b.md": BROKEN})
    real_scandir = os.scandir

    def scandir(path):  # root can read everything, so deny it here rather than with chmod
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert discover_pages(["."]) == ["open/a.md"]


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads every folder")
def test_unreadable_folders_are_passed_over_for_real(here):
    tree(here, {"open/a.md": BROKEN, "locked/b.md": BROKEN})
    (here / "locked").chmod(0)
    try:
        assert discover_pages(["."]) == ["open/a.md"]
    finally:
        (here / "locked").chmod(0o755)


def test_exports_kept_elsewhere_stand_for_their_pages(tmp_path, monkeypatch):
    """pre-commit names a changed export; with plain-root or plain-pattern its page is found."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text("# Page\n")
    (tmp_path / "exports" / "docs").mkdir(parents=True)
    (tmp_path / "exports" / "docs" / "page.txt").write_text("Page\n")
    (tmp_path / "exports" / "docs" / "orphan.txt").write_text("nothing\n")
    by_root = Config({**DEFAULTS, "plain-root": str(tmp_path / "exports")}, tmp_path)
    named = ["exports/docs/page.txt", "exports/docs/orphan.txt"]
    assert discover_pages(named, locate_page=lambda e: page_for_export(e, by_root)) == ["docs/page.md"]
    by_pattern = Config({**DEFAULTS, "plain-pattern": "exports/{dir}/{stem}.txt"}, tmp_path)
    assert discover_pages(named, locate_page=lambda e: page_for_export(e, by_pattern)) == ["docs/page.md"]
    assert page_for_export("exports/docs/page.txt", Config(DEFAULTS, tmp_path)) is None
