"""Shared test helpers: the shared/ folder beside the project, and page builders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: ../shared beside the checkout; HANDBOOK_LINT_SHARED points elsewhere (a git worktree's checkout).
SHARED = Path(os.environ.get("HANDBOOK_LINT_SHARED") or ROOT.parent / "shared")
SEED = SHARED / "seeds" / "growth-strategy.md"
CORPUS = SHARED / "corpus" / "sourcegraph-handbook" / "content"
FIXTURES = ROOT / "fixtures"


def need(path: Path) -> Path:
    """Skip the calling test when a file from ../shared is absent (a user's clone)."""
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture
def seed_path() -> Path:
    return need(SEED)
