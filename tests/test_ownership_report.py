"""`handbook-lint report`: the coverage map as HTML (also opened in headless Chromium) and
its summary as Markdown."""

from __future__ import annotations

import shutil
import subprocess
import tempfile

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from handbook_lint.cli import main
from handbook_lint.config import Configs
from handbook_lint.ownership.coverage import build_coverage
from handbook_lint.pool import PARALLEL_THRESHOLD

from conftest import CORPUS, SEED, need

#: A page written for these tests: a merged owner, an empty owner cell, a row one cell short.
GAP_PAGE = """# Support

## Who owns what

<table>
  <tr><th>Function</th><th>Free</th><th>Team (Self Serve)</th><th>Enterprise (C-Level)</th></tr>
  <tr><td>Marketing</td><td colspan="2">Developer Evangelism</td><td>Product Marketing</td></tr>
  <tr><td>Support</td><td colspan="2">Developer Experience</td></tr>
  <tr><td>Sales</td><td></td><td>Inside Sales</td><td>Enterprise Sales</td></tr>
</table>
"""
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,1400",
]


@pytest.fixture
def gap_page(tmp_path):
    page = tmp_path / "gaps.md"
    page.write_text(GAP_PAGE)
    return page


def run(*args: str):
    return CliRunner().invoke(main, ["report", *args], catch_exceptions=False)


def soup_of(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")


def test_the_matrix_draws_spans_as_merged_cells_and_marks_the_gaps(gap_page):
    coverage = build_coverage([str(gap_page)], Configs(isolated=True))
    (table,) = coverage.tables
    drawn = [[(cell.text, cell.colspan, cell.gap, cell.covered) for cell in row.cells] for row in table.rows]
    assert drawn == [
        [("Function", 1, False, True), ("Free", 1, False, True), ("Team (Self Serve)", 1, False, True)]
        + [("Enterprise (C-Level)", 1, False, True)],
        [
            ("Marketing", 1, False, True),
            ("Developer Evangelism", 2, False, True),
            ("Product Marketing", 1, False, True),
        ],
        [("Support", 1, False, True), ("Developer Experience", 2, False, True), ("", 1, True, False)],
        [("Sales", 1, False, True), ("", 1, True, True), ("Inside Sales", 1, False, True)]
        + [("Enterprise Sales", 1, False, True)],
    ]
    assert [(note.number, note.code, note.line) for note in table.notes] == [
        (1, "HL107", 8),
        (2, "gap", 8),
        (3, "gap", 9),
    ]
    assert table.notes[2].message == '"Sales" has no owner for tier "Free": the cell is empty'
    assert [(t.name, t.owned, t.slots) for t in coverage.tier_counts()] == [
        ("Free", 2, 3),
        ("Team (Self Serve)", 3, 3),
        ("Enterprise (C-Level)", 2, 3),
    ]
    assert (coverage.gaps, coverage.findings) == (2, 1)


def test_the_html_report_is_one_self_contained_accessible_file(gap_page, tmp_path):
    out = tmp_path / "out" / "coverage.html"
    out.parent.mkdir()
    result = run(str(gap_page), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {out}\n"
    soup = soup_of(out)
    assert soup.html["lang"] == "en" and soup.title.string == "Ownership coverage"
    assert not soup.select("link, img, iframe, script[src], [style*='url(']")  # nothing fetched
    assert "http" not in " ".join(str(a.get("href")) for a in soup.select("a"))
    owners = soup.select_one("table.owners")
    assert owners.caption and [th["scope"] for th in owners.select("thead th")] == ["col"] * 4
    assert [th["scope"] for th in owners.select("tbody th")] == ["row"] * 3
    gaps = owners.select("td.gap")
    assert [cell.get_text(" ", strip=True) for cell in gaps] == ["no owner [2]", "no owner [3]"]
    assert all(cell["aria-describedby"] and "has no owner" in cell["title"] for cell in gaps)
    note = soup.select_one(f"#{gaps[1]['aria-describedby']}")
    assert note.get_text(" ", strip=True).startswith('gap "Sales" has no owner for tier "Free"')
    assert note.a["href"] == "../gaps.md#L9"
    assert soup.select_one("p.lede").get_text() == (
        "1 structure table on 1 page (1 read): 7 of 9 owner slots have an owner (77.8%); 2 gaps; 1 other finding."
    )


def test_markdown_summary_for_a_step_summary(gap_page, monkeypatch):
    monkeypatch.chdir(gap_page.parent)
    result = run("--format", "markdown", "gaps.md")
    assert result.exit_code == 0
    assert result.stdout == (
        "## Ownership coverage\n"
        "\n"
        "1 structure table on 1 page (1 read): 7 of 9 owner slots have an owner (77.8%); 2 gaps; 1 other finding.\n"
        "\n"
        "| Tier | Owned | Owner slots | Coverage |\n"
        "| --- | ---: | ---: | ---: |\n"
        "| Free | 2 | 3 | 66.7% |\n"
        "| Team (Self Serve) | 3 | 3 | 100.0% |\n"
        "| Enterprise (C-Level) | 2 | 3 | 66.7% |\n"
        "\n"
        "| Page | Tables | Owned | Owner slots | Coverage | Gaps | Other findings |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        "| gaps.md | 1 | 7 | 9 | 77.8% | 2 | 1 |\n"
        "\n"
        "### Gaps\n"
        "\n"
        '- [gaps.md:8](gaps.md#L8): "Support" has no owner for tier "Enterprise (C-Level)": '
        "no cell covers this slot (check the spans of this row)\n"
        '- [gaps.md:9](gaps.md#L9): "Sales" has no owner for tier "Free": the cell is empty\n'
    )


def test_source_links_follow_a_url_template(gap_page, monkeypatch):
    (gap_page.parent / ".git").mkdir()
    monkeypatch.chdir(gap_page.parent)
    template = "https://example.com/handbook/blob/main/{path}#L{line}"
    result = run("--format", "markdown", "--source-url", template, "gaps.md")
    assert "[gaps.md:9](https://example.com/handbook/blob/main/gaps.md#L9)" in result.stdout
    bad = run("--source-url", "https://example.com/{file}", "gaps.md")
    assert bad.exit_code == 2 and "{path} and {line}" in bad.stderr


def test_a_page_without_structure_tables_and_a_missing_path(tmp_path):
    (tmp_path / "prose.md").write_text("# Prose\n\nNo tables here.\n")
    result = run("--format", "markdown", str(tmp_path))
    assert result.stdout == "## Ownership coverage\n\nNo structure tables in the 1 page read.\n"
    missing = run(str(tmp_path / "nowhere"))
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


def test_the_report_is_the_same_read_in_one_process_or_several(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for number in range(PARALLEL_THRESHOLD + 5):
        (pages / f"team-{number:02}.md").write_text(GAP_PAGE.replace("Marketing", f"Marketing {number}"))
    (pages / "broken.md").write_bytes(b"# Bad\n\xff\xfe not UTF-8\n")
    reports = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs-{jobs}.html"
        assert run(str(pages), "--jobs", jobs, "-o", str(out)).exit_code == 0
        reports[jobs] = out.read_text(encoding="utf-8")
    assert reports["1"] == reports["2"]
    assert "Marketing 54" in reports["2"] and "broken.md" in reports["2"]


def test_the_seed_page_draws_its_colspans(seed_path, tmp_path):
    out = tmp_path / "seed.html"
    assert run(str(seed_path), "-o", str(out)).exit_code == 0
    our_structure = soup_of(out).select("table.owners")[1]
    spans = {
        row.th.get_text(): [td.get("colspan", "1") for td in row.select("td")]
        for row in our_structure.select("tbody tr")
    }
    assert spans == {
        "Marketing": ["2", "1"],
        "Sales": ["1", "1", "1"],
        "Support": ["3"],
        "Success/Retention": ["1", "1", "1"],
        "Sales Ops": ["3"],
    }
    assert not our_structure.select(".gap")


@pytest.mark.slow
def test_the_corpus_report_runs_clean():
    corpus = need(CORPUS)
    done = subprocess.run(
        ["handbook-lint", "report", "--format", "markdown", str(corpus)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("## Ownership coverage\n\n")


# --------------------------------------------------------------------------- the browser


@pytest.fixture
def browser():
    """Headless Chromium driven by selenium; skips when either is missing."""
    webdriver = pytest.importorskip("selenium.webdriver")
    binary = next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)
    driver_path = shutil.which("chromedriver")
    if binary is None or driver_path is None:
        pytest.skip("no Chromium and chromedriver installed (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="handbook-lint-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_the_report_in_a_browser(browser, gap_page, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.wait import WebDriverWait

    pages = [str(gap_page)] + ([str(SEED)] if SEED.exists() else [])
    out = tmp_path / "coverage.html"
    assert run(*pages, "-o", str(out)).exit_code == 0
    browser.get(out.as_uri())
    assert (
        browser.find_element(By.ID, "shown").text
        == f"Showing {1 + 2 * SEED.exists()} of {1 + 2 * SEED.exists()} tables."
    )

    # merged cells: the browser lays the spans out as merged cells
    first = browser.find_element(By.CSS_SELECTOR, "#table-1 table.owners")
    merged = first.find_element(By.XPATH, ".//tr[th='Marketing']/td[1]")
    assert (merged.text, merged.get_property("colSpan")) == ("Developer Evangelism", 2)
    free = first.find_element(By.XPATH, ".//thead//th[2]")
    team = first.find_element(By.XPATH, ".//thead//th[3]")
    assert merged.rect["width"] >= free.rect["width"] + team.rect["width"] - 2  # as wide as both tiers
    if SEED.exists():
        support = browser.find_element(By.XPATH, "//*[@id='table-3']//tr[th='Support']/td")
        assert (support.text, support.get_property("colSpan")) == ("Developer Experience", 3)

    # the gap cells are marked, in words and in colour
    gaps = first.find_elements(By.CSS_SELECTOR, "td.gap")
    assert [cell.text for cell in gaps] == ["no owner[2]", "no owner[3]"]
    assert gaps[1].value_of_css_property("background-color") == "rgba(255, 235, 233, 1)"
    browser.save_screenshot(str(tmp_path / "report.png"))

    # the function filter hides the other rows
    Select(browser.find_element(By.NAME, "function")).select_by_visible_text("Sales")
    rows = first.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert [row.is_displayed() for row in rows] == [False, False, True]
    # the tier filter keeps one tier's column; the page filter hides the other pages' tables
    Select(browser.find_element(By.NAME, "tier")).select_by_visible_text("Free")
    assert [cell.text for cell in first.find_elements(By.CSS_SELECTOR, "thead th") if cell.is_displayed()] == [
        "Function",
        "Free",
    ]
    # the form resets its fields after the reset event, so the report filters again a task later
    browser.find_element(By.CSS_SELECTOR, "button[type=reset]").click()
    WebDriverWait(browser, 5).until(lambda _: all(row.is_displayed() for row in rows))
    if SEED.exists():
        Select(browser.find_element(By.NAME, "page")).select_by_visible_text(str(SEED))
        assert not browser.find_element(By.ID, "table-1").is_displayed()
        assert browser.find_element(By.ID, "shown").text == "Showing 2 of 3 tables."
    browser.save_screenshot(str(tmp_path / "report-filtered.png"))
    assert (tmp_path / "report.png").read_bytes().startswith(b"\x89PNG")
