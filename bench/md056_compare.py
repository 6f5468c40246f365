"""Compare handbook-lint's HL101/HL102 with markdownlint's MD056 (table-column-count).

Both find pipe-table rows whose cell count differs from the header's. This script
matches their findings by file:line and prints what both found, what only one found,
and (with --github) what GitHub's own parser, cmark-gfm via cmarkgfm, says about
each row, so that every difference can be judged.

    # run both tools (markdownlint-cli2 from $MARKDOWNLINT_CLI2 or PATH)
    python bench/md056_compare.py --github CORPUS_DIR
    # or compare saved outputs (paths relative to CORPUS_DIR)
    python bench/md056_compare.py --md056 mdl.txt --hl hl.json --github CORPUS_DIR

mdl.txt is markdownlint-cli2's output run inside CORPUS_DIR with only MD056 on;
hl.json is `handbook-lint check --isolated --select HL101,HL102 --output-format json .`
run inside CORPUS_DIR.
"""

import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

MD056_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+)(?::\d+)?\s.*\bMD056\b")


def run_md056(root):
    exe = os.environ.get("MARKDOWNLINT_CLI2") or shutil.which("markdownlint-cli2")
    if not exe:
        sys.exit("markdownlint-cli2 not found: set MARKDOWNLINT_CLI2 or pass --md056 FILE")
    with tempfile.TemporaryDirectory() as tmp:
        cfg = pathlib.Path(tmp, ".markdownlint-cli2.jsonc")
        cfg.write_text('{"config": {"default": false, "MD056": true}}')
        done = subprocess.run([exe, "--config", str(cfg), "**/*.md"], cwd=root, capture_output=True, text=True)
    return done.stdout + done.stderr  # the findings go to stderr


def run_hl(root):
    cmd = [
        sys.executable,
        "-m",
        "handbook_lint",
        "check",
        "--isolated",
        "--select",
        "HL101,HL102",
        "--output-format",
        "json",
        ".",
    ]
    return subprocess.run(cmd, cwd=root, capture_output=True, text=True).stdout


def norm(path):
    return os.path.normpath(path).replace(os.sep, "/")


def md056_rows(text):
    return {(norm(m["path"]), int(m["line"])) for m in map(MD056_LINE.match, text.splitlines()) if m}


def hl_rows(text):
    return {(norm(d["path"]), d["line"]) for d in json.loads(text) if d["code"] in ("HL101", "HL102")}


def github_rows(root):
    """{(path, line): 'missing N' | 'extra'} for every body row cmark-gfm pads or cuts."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    opts = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_SOURCEPOS
    found = {}
    for page in sorted(pathlib.Path(root).rglob("*.md")):
        raw = page.read_bytes()
        lines = raw.split(b"\n")
        html = cmarkgfm.github_flavored_markdown_to_html(raw.decode("utf-8"), options=opts)
        for tr in re.finditer(r'<tr data-sourcepos="(\d+):(\d+)-\d+:(\d+)">(.*?)</tr>', html, re.S):
            line, start, end = int(tr[1]), int(tr[2]), int(tr[3])
            cells = re.findall(r'<t[hd][^>]*data-sourcepos="\d+:(\d+)-\d+:(\d+)"', tr[4])
            padded = sum(1 for a, _ in cells if a == "0")  # cells cmark-gfm added
            last = max([int(b) for a, b in cells if a != "0"], default=start - 1)
            rest = lines[line - 1][last:end].strip()  # source after the last kept cell
            key = (norm(str(page.relative_to(root))), line)
            if padded:
                found[key] = f"missing {padded}"
            elif rest not in (b"", b"|"):  # more than the closing pipe: cells were cut
                found[key] = "extra"
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", help="corpus folder (needed to run the tools or --github)")
    ap.add_argument("--md056", help="saved markdownlint-cli2 output")
    ap.add_argument("--hl", help="saved handbook-lint JSON output")
    ap.add_argument("--github", action="store_true", help="also ask cmark-gfm about each row")
    args = ap.parse_args()
    if (not args.md056 or not args.hl or args.github) and not args.root:
        ap.error("give CORPUS_DIR, or both --md056 and --hl")
    md = md056_rows(pathlib.Path(args.md056).read_text() if args.md056 else run_md056(args.root))
    hl = hl_rows(pathlib.Path(args.hl).read_text() if args.hl else run_hl(args.root))
    gh = github_rows(args.root) if args.github else None

    def verdict(row):
        return "" if gh is None else f"   GitHub: {gh.get(row, 'row is fine / not a table row')}"

    print(f"{'':24}rows")
    print(f"{'found by both':24}{len(md & hl):4}")
    print(f"{'only by MD056':24}{len(md - hl):4}")
    print(f"{'only by handbook-lint':24}{len(hl - md):4}")
    if gh is not None:
        print(f"{'GitHub pads or cuts':24}{len(gh):4}")
        print(f"{'  missed by both':24}{len(set(gh) - md - hl):4}")
    for title, rows in (
        ("only by MD056", md - hl),
        ("only by handbook-lint", hl - md),
        ("GitHub pads or cuts, missed by both", set(gh or ()) - md - hl),
        ("found by both, GitHub sees no problem", (md & hl) - set(gh or (md & hl))),
    ):
        if rows:
            print(f"\n{title}:")
            for path, line in sorted(rows):
                print(f"  {path}:{line}{verdict((path, line))}")
    return 1 if (md ^ hl) else 0


if __name__ == "__main__":
    sys.exit(main())
