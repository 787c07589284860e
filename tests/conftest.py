"""Shared pytest configuration: makes ``tests/`` importable (``helpers``, ``rules``) and offers a
seeded random generator per test."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

_TESTS = str(Path(__file__).resolve().parent)
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

from helpers import seed_for  # noqa: E402  (needs the path above)


@pytest.fixture
def rng(request: pytest.FixtureRequest) -> np.random.Generator:
    """A generator seeded from the test's id: reproducible, different for every test."""
    return np.random.default_rng(seed_for(request.node.nodeid))
