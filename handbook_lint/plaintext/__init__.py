"""Plain-text exports: pairing a page with its export, reading the export, comparing the two.

`pairing` finds and reads the export, `dialects` parses the trafilatura dialects, `units`
reads the page as an extractor sees it (with `extractor`, a model of what trafilatura
drops), and `compare` lines the two up (`diff`), handing tables to `tables` and prose to
`prose`. In exact mode `generator` makes the export again from the page.
"""
