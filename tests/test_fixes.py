"""Safe fixes: planned on the text as read, applied to the bytes as written, never forced."""

from __future__ import annotations

from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st

from handbook_lint.cli import main
from handbook_lint.fixes import Edit, Fix, digest_of, plan

SHORT_ROWS = "# Tiers\n\n| a | b | c |\n|---|---|---|\n| 1 | 2 |\n| 1 |\n"
PADDED = "# Tiers\n\n| a | b | c |\n|---|---|---|\n| 1 | 2 | |\n| 1 | | |\n"


def run(*args: str):
    return CliRunner().invoke(main, ["check", "--isolated", *args], catch_exceptions=False)


def test_plan_keeps_bom_and_line_endings(tmp_path):
    path = tmp_path / "page.md"
    path.write_bytes("\ufeffa\r\nb\r\nc\n".encode())
    read = "a\nb\nc\n"
    change = plan([Fix("x", (Edit(2, 3, "B\nB"),), str(path), digest_of(read))]).changes[0]
    assert change.after == "\ufeffa\r\nB\r\nB\r\nc\n"


def test_a_fix_for_a_file_that_changed_is_left_out(tmp_path):
    path = tmp_path / "page.md"
    path.write_text("new text\n")
    planned = plan([Fix("x", (Edit(0, 1, "y"),), str(path), digest_of("old text\n"))])
    assert planned.changes == [] and "changed since it was checked" in planned.skipped[0][1]


def test_overlapping_fixes_apply_the_first_only(tmp_path):
    path = tmp_path / "page.md"
    path.write_text("abcdef\n")
    first, second = Fix("1", (Edit(1, 3, "X"),), str(path)), Fix("2", (Edit(2, 4, "Y"),), str(path))
    planned = plan([first, second])
    assert planned.changes[0].after == "aXdef\n" and planned.skipped[0][0] is second


@given(
    st.lists(st.sampled_from(["a", "é", " ", "\n", "\r\n", "\r", "|"]), max_size=40),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 3), st.text("xy\n", max_size=3)), max_size=4),
    st.booleans(),
)
@example(list("aaaa\raa\n"), [(5, 2, "")], False)  # a lone CR and the LF after the deleted text
@example(list("a\rb\n"), [(2, 1, "x\n")], False)  # a replacement ending in CR before a lone LF
@example(list("a\r\ra\n"), [(3, 1, "")], False)  # and a CR before that CR
def test_edits_land_where_the_text_as_read_says(pieces, raw_edits, bom):
    import tempfile
    from pathlib import Path

    written = ("\ufeff" if bom else "") + "".join(pieces)
    read = "".join(pieces).replace("\r\n", "\n").replace("\r", "\n")
    edits, taken = [], 0
    for start, length, text in sorted(raw_edits):
        start = max(start, taken)
        if start > len(read):
            break
        end = min(start + length, len(read))
        edits.append(Edit(start, end, text))
        taken = end + 1
    expected = read
    for edit in reversed(edits):
        expected = expected[: edit.start] + edit.replacement + expected[edit.end :]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.md"
        path.write_bytes(written.encode())
        planned = plan([Fix("x", tuple(edits), str(path), digest_of(read))])
    after = planned.changes[0].after if planned.changes else written
    assert after.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n") == expected
    assert after.startswith("\ufeff") == bom


def test_diff_prints_the_fix_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text(SHORT_ROWS)
    result = run("--diff", "page.md")
    assert result.exit_code == 1
    assert "-| 1 | 2 |\n-| 1 |\n+| 1 | 2 | |\n+| 1 | | |\n" in result.stdout and result.stdout.startswith(
        "--- a/page.md\n+++ b/page.md\n"
    )
    assert "Would fix 2 problems in 1 file." in result.stderr
    assert (tmp_path / "page.md").read_text() == SHORT_ROWS


def test_fix_rewrites_the_page_then_reports_what_is_left(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text(SHORT_ROWS + "\n| x | y |\n|---|\n")
    result = run("--fix", "--output-format", "concise", "page.md")
    assert (tmp_path / "page.md").read_text() == PADDED + "\n| x | y |\n|---|\n"
    assert "Fixed 2 problems in 1 file." in result.stderr
    assert [line.split()[1] for line in result.stdout.splitlines()[:-1]] == ["HL113"]  # not fixable: left
    assert result.exit_code == 1
    again = run("--fix", "--diff", "page.md")
    assert again.exit_code == 0 and "Would fix 0 problems in 0 files." in again.stderr


def test_quiet_fix_writes_and_says_nothing_but_the_problems_left(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text(SHORT_ROWS)
    result = run("--fix", "--quiet", "page.md")
    assert (tmp_path / "page.md").read_text() == PADDED
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_fix_and_diff_refuse_standard_input():
    result = CliRunner().invoke(main, ["check", "--fix", "-"], input=SHORT_ROWS)
    assert result.exit_code == 2 and "standard input" in result.output


def test_a_page_of_many_short_rows_gets_a_fix_for_each(tmp_path):
    """Each fix is placed from line starts found once per page, and the fixes share the page's
    digest: counting lines and hashing the page anew for each of 700 fixes made a 1 MB page
    quadratic."""
    rows = "".join(f"| {n} |\n" for n in range(300))
    path = tmp_path / "page.md"
    path.write_text("| a | b |\n|---|---|\n" + rows)
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--fix", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_text() == "| a | b |\n|---|---|\n" + "".join(f"| {n} | |\n" for n in range(300))
