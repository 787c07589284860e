"""A set display of constants (``if mode in {"mean", "avg"}:``, ``keep = {0, 2}``) is a
constant of the function, kept as written in generated code; it was refused ("cannot
differentiate a set display") wherever it appeared.  A set of values other than constants stays
refused (a set of floats that vary: its order and its duplicates are the values').  Each row in
every first-order mode against central differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_every_mode

import tangentish
from tangentish.errors import UnsupportedConstructError


def membership(x, mode="avg"):
    if mode in {"mean", "avg"}:
        return np.mean(x ** 2)
    return np.sum(x ** 2)


def kept_indices(x):
    keep = {0, 2}
    return sum(x[i] ** 3 for i in range(len(x)) if i in keep)


def sorted_set(x):
    return np.sum(np.sin(x[sorted({2, 0})]))


@pytest.mark.parametrize("f", [membership, kept_indices, sorted_set], ids=lambda f: f.__name__)
def test_a_set_of_constants_is_a_constant(f):
    assert_every_mode(f, np.array([0.3, -0.6, 0.2, 0.9]), np.array([1.0, 0.5, -0.5, 0.25]))


def varied_set(x):
    return sum({x[0], x[1]})


def test_a_set_of_values_stays_refused():
    with pytest.raises(UnsupportedConstructError, match="set display of values other than"):
        tangentish.grad(varied_set)(np.array([0.3, -0.6]))


def test_the_set_is_kept_as_written():
    assert "in {'mean', 'avg'}" in tangentish.source(membership)
