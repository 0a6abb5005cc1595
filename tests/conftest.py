"""Shared fixtures: the ../shared folder is test data that may be absent; tests that need it skip cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder, or a skip when this checkout has none beside it."""
    if not (SHARED / "dev" / "input.jsonl").exists():
        pytest.skip("../shared is not present")
    return SHARED
