"""The public Python API: what it exports, that it reads only what it is given, that the
README example runs, and that the package's import graph runs one way."""

from __future__ import annotations

import ast
import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

import handbook_lint as hl
from handbook_lint.page import page_from_text

from conftest import ROOT

PACKAGE = ROOT / "handbook_lint"
PAGE = """# Support

Every tier has an owner.

| Function | Free | Team |
|---|---|---|
| Support | Developer Experience | Customer Success |
"""
EXPORT_AGREES = "Support\nEvery tier has an owner.\nFunction | Free | Team |\n---|---|---|\nSupport | Developer Experience | Customer Success |\n"


def test_the_public_names_are_exported():
    for name in hl.__all__:
        assert getattr(hl, name) is not None, name
    assert {"lint_paths", "lint_text", "lint_file", "extract_tables", "export_pages", "load_config"} <= set(hl.__all__)
    with pytest.raises(AttributeError):
        hl.no_such_name  # noqa: B018


def test_lint_text_reads_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = hl.load_config(isolated=True, overrides={"require-plain-text": True})
    alone = hl.lint_text(PAGE, config=config)
    (tmp_path / "page.txt").write_text("something else entirely\n")
    (tmp_path / "-.txt").write_text("something else entirely\n")
    assert hl.lint_text(PAGE, config=config) == alone
    assert hl.lint_text(PAGE, path="page.md", config=config) == hl.lint_text(
        PAGE, path="page.md", config=config.__class__(config.values, tmp_path / "elsewhere")
    )


def test_lint_text_compares_with_the_export_it_is_given():
    assert hl.lint_text(PAGE, path="page.md", plain_text=EXPORT_AGREES) == []
    edited = EXPORT_AGREES.replace("Customer Success", "Sales")
    (finding,) = hl.lint_text(PAGE, path="page.md", plain_text=edited)
    assert finding.code == "HL406" and finding.line == 7
    assert finding.related[0].path == "page.md.txt"


def test_extract_tables_takes_text_a_path_or_a_page(tmp_path):
    path = tmp_path / "page.md"
    path.write_text(PAGE)
    from_text = hl.extract_tables(PAGE)
    assert [t.to_json() for t in hl.extract_tables(path)] == [t.to_json() for t in from_text]
    assert [t.to_json() for t in hl.extract_tables(page_from_text("p.md", PAGE))] == [t.to_json() for t in from_text]
    assert from_text[0].layout.width == 3


def test_lint_paths_and_export_pages(tmp_path):
    (tmp_path / "page.md").write_text(PAGE.replace("Customer Success", ""))
    result = hl.lint_paths([tmp_path], config=hl.load_config(isolated=True))
    assert result.files_checked == 1 and result.diagnostics == []
    document = hl.export_pages([tmp_path])
    assert [page["path"] for page in document["pages"]] == [str(tmp_path / "page.md")]
    with pytest.raises(hl.PathNotFound):
        hl.lint_paths([tmp_path / "missing"])


def test_a_deeply_nested_page_with_an_export_gives_diagnostics_not_a_traceback(tmp_path):
    depth = 5000
    page = "# Deep\n\nSome text.\n\n" + "<div>" * depth + "<table><tr><td>a</td></tr></table>" + "</div>" * depth
    (tmp_path / "page.md").write_text(page + "\n")
    (tmp_path / "page.txt").write_text("Deep\nSome other text.\na |\n")
    diagnostics = hl.lint_file(tmp_path / "page.md", config=hl.load_config(isolated=True))
    # Browsers attach elements deeper than 512 at that depth: the table keeps no rows (HL007),
    # so the export's table is one the page does not show (HL403).
    assert [d.code for d in diagnostics] == ["HL403", "HL407", "HL007"]
    assert diagnostics[-1].line == 5 and "nested more than 512 deep" in diagnostics[-1].message


def test_the_readme_example_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text()
    (code,) = re.findall(r"^```python\n(.*?)^```", readme, re.M | re.S)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    lines = printed.getvalue().splitlines()
    assert lines[0] == "('Support',) 4 x 2"
    assert lines[1].startswith('HL301 5 36 "Support" has no owner for tier "Team (Self Serve)"')
    assert re.fullmatch(r"\d+ pages, 0 problems", lines[2])


def test_importing_the_package_loads_no_parser():
    code = "import sys, handbook_lint; print(sorted(m for m in ('bs4', 'html5lib', 'mistune', 'jsonschema') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _imports(path: Path) -> set[str]:
    """handbook_lint modules a module imports at run time (not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text())
    skipped = {
        id(node)
        for guard in ast.walk(tree)
        if isinstance(guard, ast.If) and "TYPE_CHECKING" in ast.unparse(guard.test)
        for node in ast.walk(guard)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("handbook_lint"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("handbook_lint"))
    return found


def test_no_import_circles():
    modules = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path
        for path in PACKAGE.rglob("*.py")
    }
    graph = {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}
    graph["handbook_lint"] = set()  # lazy re-exports, resolved on first use
    state: dict[str, int] = {}

    def visit(start: str) -> None:
        stack = [(start, iter(sorted(graph[start])))]
        state[start] = 1
        while stack:
            node, edges = stack[-1]
            nxt = next(edges, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                cycle = [n for n, _ in stack][[n for n, _ in stack].index(nxt) :]
                pytest.fail(f"import circle: {' -> '.join([*cycle, nxt])}")
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(sorted(graph[nxt]))))

    for name in sorted(graph):
        if name not in state:
            visit(name)


def test_every_module_says_what_it_is():
    for path in PACKAGE.rglob("*.py"):
        if path.name == "__main__.py" or path.read_text() == "":
            continue
        docstring = ast.get_docstring(ast.parse(path.read_text()))
        assert docstring and docstring.strip(), path
