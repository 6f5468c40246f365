"""Who owns what: the coverage report of structure tables, and their diff between revisions.

Both read the canonical tables the export produces (`tables.extract`) and the structure
tables found in them (`structure_tables`); neither parses a page itself.
"""
