"""The plain-text export is not what its page makes now (exact mode).

With ``plain-text-generator = "trafilatura"`` (and the ``plain-text`` extra installed) the
export is made again from the page, exactly as the export pipeline makes it, and compared
byte for byte (line endings, a byte-order mark and a final newline aside). A stale export is one finding,
at the page text the first differing export line stands for; HL402–HL407 then say which
table, row or text changed. Fixable: ``--fix`` writes the regenerated export (the page is
never edited), ``--diff`` shows it.

An export whose tables are in the other trafilatura dialect (1.x ``a | b |`` against 2.x
``| a | b |``) than the installed generator writes is reported once, at the page's first
line, and compared on content only: install the trafilatura major version that made it.

The example page is followed by its export (``page.txt``); the examples are linted with
`EXAMPLE_CONFIG`.

Bad (line 1): the export's heading was edited by hand.

```markdown
## Support tiers

Every tier has an owner, and the owner answers within a day.
```

Its export, page.txt:

```text
Support levels
Every tier has an owner, and the owner answers within a day.
```

Good:

```markdown
## Support tiers

Every tier has an owner, and the owner answers within a day.
```

Its export, page.txt:

```text
Support tiers
Every tier has an owner, and the owner answers within a day.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from handbook_lint.diagnostics import Related, Severity
from handbook_lint.rules._api import Finding, PageContext

CODE = "HL409"
NAME = "plain-export-stale"
SEVERITY = Severity.ERROR
DEFAULT_ENABLED = True
FIX = "regenerate the export from its page (check --fix does it)"
EXAMPLE_CONFIG = {"plain-text-generator": "trafilatura"}


def check(context: PageContext) -> Iterator[Finding]:
    pairing = context.plain_text
    if pairing is None or pairing.document is None:
        return
    staleness = pairing.staleness()
    if staleness is None:
        return
    related = Related(pairing.path, staleness.export_line, 1, "the export's first stale line")
    fix = None
    regenerated = pairing.regenerated()
    if not staleness.dialect_differs and regenerated is not None and pairing.generator is not None:
        from handbook_lint.fixes import Edit, Fix, digest_of  # exact mode only

        text = pairing.document.text
        fix = Fix(
            f"regenerate {pairing.path} with {pairing.generator.label}",
            (Edit(0, len(text), regenerated),),
            path=pairing.path,
            digest=digest_of(text),
        )
    yield Finding(staleness.line, staleness.column, staleness.message, related=(related,), fix=fix)
