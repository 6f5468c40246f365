"""`handbook-lint diff`: structure tables compared between git revisions of a repository the
tests build, commit by commit, in all three formats; the JSON against its schema."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from handbook_lint.cli import main
from handbook_lint.schema_store import bundled_validator

from conftest import ROOT

GROWTH = """# Growth

## Our structure

<table>
  <tr><th>Function</th><th>Free</th><th>Team (Self Serve)</th><th>Enterprise (C-Level)</th></tr>
  <tr><td>Marketing</td><td colspan="2">Developer Evangelism</td><td>Product Marketing</td></tr>
  <tr><td>Sales</td><td>Developer Experience</td><td>Customer Success</td><td>Enterprise Sales</td></tr>
  <tr><td>Support</td><td colspan="3">Developer Experience</td></tr>
</table>
"""
SUPPORT = """# Support

## Support tiers

| Function | Free | Team (Self Serve) | Enterprise (C-Level) |
| --- | --- | --- | --- |
| Support | Community | Support Engineering | Enterprise Support |
| Success | Community | Customer Success | Account Management |
"""
PRICING = """# Pricing

Plans are listed on the website.

## Plans

| Function | Free | Team (Self Serve) | Enterprise (C-Level) |
| --- | --- | --- | --- |
| Billing | Self-serve | Self-serve | Finance |

## Contact

Write to us.
"""
PARTNERSHIPS_ROW = '  <tr><td>Partnerships</td><td colspan="3">Business Development</td></tr>\n'


def git(repo, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit(repo, message: str, **pages: str) -> str:
    """Write these pages of handbook/ (by name, without .md), then commit everything."""
    for name, text in pages.items():
        (repo / "handbook" / f"{name}.md").write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A handbook repository: a first commit, then one commit per kind of change."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    for variable, value in {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
    }.items():
        monkeypatch.setenv(variable, value)
    repo = tmp_path / "repo"
    (repo / "handbook").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "first", growth=GROWTH, support=SUPPORT, pricing=PRICING)
    moved = GROWTH.replace(
        '<td colspan="2">Developer Evangelism</td><td>Product Marketing</td>',
        '<td>Developer Evangelism</td><td colspan="2">Product Marketing</td>',
    )
    commit(repo, "a colspan edit moves Marketing's Team owner", growth=moved)
    commit(repo, "rename a tier", support=SUPPORT.replace("Enterprise (C-Level)", "Enterprise"))
    commit(repo, "add a function", growth=moved.replace("</table>", PARTNERSHIPS_ROW + "</table>"))
    commit(repo, "delete a table", pricing=PRICING.split("## Plans")[0] + "## Contact\n\nWrite to us.\n")
    monkeypatch.chdir(repo)
    return repo


def run(*args: str):
    return CliRunner().invoke(main, ["diff", *args], catch_exceptions=False)


EXPECTED_TEXT = """\
handbook/growth.md › Growth › Our structure (line 5)
  function added: "Partnerships"
  owner moved: "Marketing" at "Team (Self Serve)": "Developer Evangelism" → "Product Marketing"

handbook/pricing.md › Pricing › Plans (line 7): table removed

handbook/support.md › Support › Support tiers (line 5)
  tier renamed: "Enterprise (C-Level)" → "Enterprise"

3 tables changed: 2 modified, 1 removed.
"""


def test_text_reports_exactly_the_changes_of_the_commits(repo):
    result = run("HEAD~4", "HEAD")
    assert result.exit_code == 0, result.output
    base, head = git(repo, "rev-parse", "HEAD~4")[:12], git(repo, "rev-parse", "HEAD")[:12]
    assert result.stdout == f"Ownership changes from HEAD~4 ({base}) to HEAD ({head}):\n\n" + EXPECTED_TEXT


def test_head_defaults_to_the_work_tree(repo):
    result = run("HEAD~4")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(" to the work tree:\n\n" + EXPECTED_TEXT)


def test_markdown_lists_the_changes_for_a_pull_request_comment(repo):
    result = run("--format", "markdown", "HEAD~4", "HEAD", "handbook")
    assert result.exit_code == 0, result.output
    body = result.stdout.split("\n", 3)[3]  # after the title and the line naming the commits
    assert body == (
        "\n"
        "### `handbook/growth.md` › Growth › Our structure (line 5)\n"
        "\n"
        "- function added: Partnerships\n"
        "\n"
        "| Function | Tier | Change | Before | After |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| Marketing | Team (Self Serve) | moved | Developer Evangelism | Product Marketing |\n"
        "\n"
        "### `handbook/pricing.md` › Pricing › Plans (line 7): table removed\n"
        "\n"
        "### `handbook/support.md` › Support › Support tiers (line 5)\n"
        "\n"
        "- tier renamed: Enterprise (C-Level) → Enterprise\n"
    )
    assert result.stdout.startswith("## Ownership changes\n\nFrom HEAD~4 (")
    assert "3 tables changed: 2 modified, 1 removed." in result.stdout.splitlines()[2]


def test_json_lists_the_changes_and_follows_its_schema(repo):
    result = run("--format", "json", "HEAD~4", "HEAD")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert not list(bundled_validator("diff.schema.json").iter_errors(document))
    assert document["base"] == {"revision": "HEAD~4", "commit": git(repo, "rev-parse", "HEAD~4")}
    assert document["head"] == {"revision": "HEAD", "commit": git(repo, "rev-parse", "HEAD")}
    growth, pricing, support = document["tables"]
    no_tiers = {"added": [], "removed": [], "renamed": []}
    assert growth == {
        "status": "modified",
        "before": {
            "path": "handbook/growth.md",
            "headings": ["Growth", "Our structure"],
            "line": 5,
            "id": "our-structure",
        },
        "after": {
            "path": "handbook/growth.md",
            "headings": ["Growth", "Our structure"],
            "line": 5,
            "id": "our-structure",
        },
        "tiers": no_tiers,
        "functions": {"added": ["Partnerships"], "removed": []},
        "owners": [
            {
                "function": "Marketing",
                "tier": "Team (Self Serve)",
                "change": "moved",
                "before": "Developer Evangelism",
                "after": "Product Marketing",
            }
        ],
    }
    assert pricing == {
        "status": "removed",
        "before": {"path": "handbook/pricing.md", "headings": ["Pricing", "Plans"], "line": 7, "id": "plans"},
        "after": None,
        "tiers": no_tiers,
        "functions": {"added": [], "removed": []},
        "owners": [],
    }
    assert support["status"] == "modified"
    assert support["tiers"] == {
        "added": [],
        "removed": [],
        "renamed": [{"before": "Enterprise (C-Level)", "after": "Enterprise"}],
    }
    assert support["functions"] == {"added": [], "removed": []} and support["owners"] == []


def test_the_work_tree_json_has_no_head_commit(repo):
    document = json.loads(run("--format", "json", "HEAD~1").stdout)
    assert document["head"] == {"revision": None, "commit": None}
    assert not list(bundled_validator("diff.schema.json").iter_errors(document))


def test_each_commit_alone(repo):
    """Each commit's diff has only its own change."""
    lines = {
        n: [line.strip() for line in run(f"HEAD~{n}", f"HEAD~{n - 1}").stdout.splitlines()[2:-2] if line.strip()]
        for n in (4, 3, 2, 1)
    }
    assert lines[4] == [
        "handbook/growth.md › Growth › Our structure (line 5)",
        'owner moved: "Marketing" at "Team (Self Serve)": "Developer Evangelism" → "Product Marketing"',
    ]
    assert lines[3] == [
        "handbook/support.md › Support › Support tiers (line 5)",
        'tier renamed: "Enterprise (C-Level)" → "Enterprise"',
    ]
    assert lines[2] == ["handbook/growth.md › Growth › Our structure (line 5)", 'function added: "Partnerships"']
    assert lines[1] == ["handbook/pricing.md › Pricing › Plans (line 7): table removed"]


def test_a_colspan_shortened_removes_an_owner_and_a_new_owner_is_added(repo):
    growth = repo / "handbook" / "growth.md"
    text = growth.read_text().replace(
        '<td colspan="3">Developer Experience</td>', '<td colspan="2">Developer Experience</td>'
    )
    growth.write_text(text.replace("<td>Sales</td><td>Developer Experience</td>", "<td>Sales</td><td></td>"))
    result = run("HEAD", "handbook/growth.md")
    assert result.stdout.splitlines()[3:5] == [
        '  owner removed: "Sales" at "Free": "Developer Experience"',
        '  owner removed: "Support" at "Enterprise (C-Level)": "Developer Experience"',
    ]
    commit(repo, "shorten a colspan, empty a cell")
    assert run("HEAD", "HEAD~1", "handbook/growth.md").stdout.splitlines()[3:5] == [
        '  owner added: "Sales" at "Free": "Developer Experience"',
        '  owner added: "Support" at "Enterprise (C-Level)": "Developer Experience"',
    ]
    assert run("HEAD~2", "HEAD~3").stdout.splitlines()[3] == '  function removed: "Partnerships"'


def test_a_table_under_a_new_heading_is_renamed_not_removed_and_added(repo):
    support = repo / "handbook" / "support.md"
    support.write_text(support.read_text().replace("## Support tiers", "## Who supports whom"))
    result = run("HEAD")
    assert result.stdout.splitlines()[2:-2] == [
        "handbook/support.md › Support › Support tiers (line 5) → "
        "handbook/support.md › Support › Who supports whom (line 5): table renamed"
    ]
    assert result.stdout.splitlines()[-1] == "1 table changed: 1 renamed."


def test_a_new_table_is_added_and_no_change_says_so(repo):
    assert run("HEAD").stdout.splitlines()[-1] == "No ownership changes."
    (repo / "handbook" / "new.md").write_text(
        SUPPORT.replace("Support tiers", "Other tiers").replace("Community", "Forum")
    )
    lines = run("HEAD", "handbook").stdout.splitlines()
    assert "handbook/new.md › Support › Other tiers (line 5): table added" in lines


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-revision"], "revision 'no-such-revision' does not exist"),
        (["HEAD", "no-such-folder"], "path 'no-such-folder' does not exist"),
        (["HEAD", "HEAD~1", "nowhere.md"], "path 'nowhere.md' does not exist"),
    ],
)
def test_a_missing_revision_or_path_is_a_usage_error(repo, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_path_that_exists_only_at_the_base_is_compared(repo):
    (repo / "handbook" / "pricing.md").unlink()
    result = run("HEAD~1", "handbook/pricing.md")
    assert result.exit_code == 0
    assert "handbook/pricing.md › Pricing › Plans (line 7): table removed" in result.stdout


def test_outside_a_repository_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "plain").mkdir()
    monkeypatch.chdir(tmp_path / "plain")
    result = run("HEAD")
    assert result.exit_code == 2
    assert "not in a git repository" in result.stderr


def test_the_real_command_runs_in_a_subprocess(repo):
    done = subprocess.run(
        ["handbook-lint", "diff", "--format", "json", "HEAD~4", "HEAD", "handbook"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert [table["status"] for table in json.loads(done.stdout)["tables"]] == ["modified", "removed", "modified"]


def test_the_readme_example_is_this_repository(repo):
    """The README's diff example shows what the commits of this fixture give."""
    readme = (ROOT / "README.md").read_text()
    example = re.search(r"^```console\n(\$ handbook-lint diff .*?)^```", readme, re.M | re.S)[1]
    command, _commits, _blank, *shown = example.splitlines(keepends=True)
    result = run(*shlex.split(command[2:])[2:])
    assert result.exit_code == 0
    assert "".join(shown) == result.stdout.split("\n", 2)[2]


def test_the_pull_request_workflow_runs_as_written(repo, tmp_path, monkeypatch):
    """The README's workflow steps, run by bash in a clone with a pull request's branch checked
    out; `gh` is a stand-in that keeps the comment it was asked to post."""
    readme = (ROOT / "README.md").read_text()
    workflow = next(
        yaml.safe_load(b)
        for b in re.findall(r"^```yaml\n(.*?)^```", readme, re.M | re.S)
        if "pull_request" in b and "handbook-lint diff" in b
    )
    steps = [
        step for step in workflow["jobs"]["ownership"]["steps"] if "run" in step and "pip install" not in step["run"]
    ]
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--branch", "main", str(repo), str(clone))
    git(clone, "checkout", "-q", "-b", "pull-request")
    growth = clone / "handbook" / "growth.md"
    growth.write_text(
        growth.read_text().replace(
            '<td colspan="3">Developer Experience</td>',
            "<td>Developer Experience</td><td>Support Engineering</td><td>Enterprise Support</td>",
        )
    )
    git(clone, "commit", "-q", "-am", "Support gets owners per tier")
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    gh = bin_folder / "gh"
    gh.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$GH_ARGS"\ncp "$5" "$GH_BODY"\n')
    gh.chmod(0o755)
    summary = tmp_path / "summary.md"
    env = {
        **os.environ,
        "PATH": f"{bin_folder}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_BASE_REF": "main",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GH_ARGS": str(tmp_path / "gh-args"),
        "GH_BODY": str(tmp_path / "gh-body"),
    }
    for step in steps:
        env.update({key: "7" if key == "PR" else "token" for key in step.get("env", {})})
        done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=clone, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "gh-args").read_text().split() == ["pr", "comment", "7", "--body-file", "ownership.md"]
    body = (tmp_path / "gh-body").read_text()
    assert body.startswith("## Ownership changes\n")
    assert "| Support | Team (Self Serve) | moved | Developer Experience | Support Engineering |" in body
    assert "| Support | Enterprise (C-Level) | moved | Developer Experience | Enterprise Support |" in body
    assert summary.read_text().startswith("## Ownership coverage\n\n2 structure tables on 2 pages (3 read)")
