"""Tables as readers see them: page → Markdown blocks → pipe and HTML tables → span layout.

`markdown` parses the page with mistune, `pipe` reads GFM pipe tables as GitHub does,
`html` reads HTML tables with html5lib, `text` decides what text a reader sees, `layout`
lays spans out on a grid as browsers do, and `extract` puts them together as `model.Table`s.
"""
