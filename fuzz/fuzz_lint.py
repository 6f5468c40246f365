"""Coverage-guided fuzzing of the whole check with atheris: page bytes (and an export) in,
positioned diagnostics out, never an exception.

    pip install -e '.[fuzz]'
    python fuzz/fuzz_lint.py -max_total_time=600

Options are libFuzzer's (`-max_total_time`, `-runs`, `-jobs`, `-max_len`, ...). The corpus
lives in fuzz/corpus/ (not committed), seeded on the first run from the fixtures' pages and
the small cases of tests/adversarial.py; fuzz/markdown.dict gives the tokens of pages. A crash is written as `crash-*` in the current
folder and replays with `python fuzz/fuzz_lint.py crash-<hash>`.

Each input is split into a page and, after a NUL byte if any, its plain-text export. The
page is read as a file would be; a page the reader rejects (HL0xx) is a clean pass. The
check runs without the HL000 guard, so any exception is a crash, and every diagnostic must
point inside the page, every table grid must be rectangular and every layout in bounds.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from handbook_lint import engine
    from handbook_lint.config import default_config
    from handbook_lint.page import Page, PageError, page_from_bytes
    from handbook_lint.plaintext.dialects import parse_export
    from handbook_lint.plaintext.pairing import Pairing
    from handbook_lint.tables.model import Table

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
SEED_LIMIT = 16_384  # bytes: larger adversarial cases only slow the fuzzer down
MAX_LEN = 4_096  # bytes of a generated input, unless -max_len says otherwise
CONFIG = default_config()
lint_page = engine.lint_page.__wrapped__  # type: ignore[attr-defined]  # no HL000 guard: raise


def test_one_input(data: bytes) -> None:
    page_bytes, _, export_bytes = data.partition(b"\0")
    try:
        page = page_from_bytes("fuzz.md", page_bytes)
    except PageError:
        return
    export = export_bytes.decode("utf-8", errors="replace") if export_bytes else None

    def given_export(page: Page, tables: list[Table]) -> Pairing | None:
        check_tables(tables)
        return None if export is None else Pairing("fuzz.txt", parse_export(export), None, page, tables)

    lines = page.text.count("\n") + 1
    for diagnostic in lint_page(page, CONFIG, given_export):
        if not (1 <= diagnostic.line <= lines and diagnostic.column >= 1):
            raise AssertionError(f"diagnostic outside the page ({lines} lines): {diagnostic}")


def check_tables(tables: list[Table]) -> None:
    """Each grid rectangular, each cell's span inside it and each slot held by a cell that covers it."""
    for table in tables:
        layout = table.layout
        for cell in layout.cells:
            if not (cell.rowspan >= 1 and cell.colspan >= 1):
                raise AssertionError(f"empty span: {cell}")
            if cell.row + cell.rowspan > layout.height or cell.col + cell.colspan > layout.width:
                raise AssertionError(f"cell outside the {layout.width}x{layout.height} grid: {cell}")
        if layout.slots is None:
            continue
        if len(layout.slots) != layout.height or any(len(row) != layout.width for row in layout.slots):
            raise AssertionError("grid not rectangular")
        for y, row in enumerate(layout.slots):
            for x, index in enumerate(row):
                if index is None:
                    continue
                cell = layout.cells[index]
                if not (cell.row <= y < cell.row + cell.rowspan and cell.col <= x < cell.col + cell.colspan):
                    raise AssertionError(f"slot ({y}, {x}) held by a cell that does not cover it: {cell}")


def seed(corpus: Path) -> None:
    """Fill an empty corpus with the fixtures' pages and the small adversarial cases."""
    corpus.mkdir(parents=True, exist_ok=True)
    if any(corpus.iterdir()):
        return
    for path in sorted((ROOT / "fixtures").rglob("*.md")):
        export = path.with_suffix(".txt")
        data = path.read_bytes() + (b"\0" + export.read_bytes() if export.is_file() else b"")
        (corpus / f"fixture-{path.parent.name}-{path.stem}").write_bytes(data[:SEED_LIMIT])
    sys.path.insert(0, str(ROOT / "tests"))
    from adversarial import CASES

    with tempfile.TemporaryDirectory() as folder:
        for case in CASES:
            path = Path(folder) / case.name
            try:
                case.make(path)
                data = path.read_bytes() if path.is_file() and path.stat().st_size <= SEED_LIMIT else None
            except OSError:
                continue
            if data is not None:
                (corpus / f"adversarial-{case.name}").write_bytes(data)


def main() -> None:
    arguments = sys.argv
    if not any(not argument.startswith("-") for argument in arguments[1:]):
        seed(CORPUS)
        arguments = [*arguments, str(CORPUS)]
    if not any(argument.startswith("-dict=") for argument in arguments):
        arguments.insert(1, f"-dict={ROOT / 'fuzz' / 'markdown.dict'}")
    if not any(argument.startswith("-max_len=") for argument in arguments):
        arguments.insert(1, f"-max_len={MAX_LEN}")
    atheris.Setup(arguments, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
