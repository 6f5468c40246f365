"""handbook-lint: lint and validate the structure tables of Markdown handbook pages."""

__version__ = "0.1.0"
