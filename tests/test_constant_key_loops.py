"""A loop (or a comprehension) over keys known when the derivative is built, reading a dict the
function builds at the loop's key: ``params = dict(zip(names, w, strict=True))`` then ``for i, k in
enumerate(names): params[k] * x[i]`` (``passes/dict_loops.py``, :func:`constant_keys`).  The keys
are a display of constants, a name the function binds once to one and only reads, a tuple the
module holds (its rebinding builds again), or ``range`` of constant bounds; the loop is unrolled
as a loop over the dict itself is.  Before, every row was refused ("a key of 'params' that is not
a constant").  A name whose list may change (``names.append``) or a module's list stays refused.
"""

from __future__ import annotations

import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

import tangentish

KEYS = ("a", "b", "c")
MUTABLE_KEYS = ["a", "b", "c"]


def zipped_then_enumerated(w, x):
    names = ["a", "b", "c"]
    params = dict(zip(names, w, strict=True))
    total = 0.0
    for i, k in enumerate(names):
        total = total + params[k] * x[i]
    return total


def comprehension_built_and_summed(w, x):
    names = ("a", "b", "c")
    params = {k: w[i] for i, k in enumerate(names)}
    return sum(params[k] * x[i] for i, k in enumerate(names))


def module_tuple_of_keys(w, x):
    params = dict(zip(KEYS, w, strict=True))
    return sum(np.sin(params[k]) * x[i] for i, k in enumerate(KEYS))


def module_tuple_reordering(w, x):
    params = dict(zip(["a", "b", "c"], w, strict=True))
    return sum(np.sin(params[k]) * x[i] for i, k in enumerate(KEYS))


def display_keys_in_the_loop(w, x):
    scale = {"lo": w[0], "hi": w[1] ** 2}
    out = 0.0
    for k in ["lo", "hi"]:
        out = out + scale[k] * np.sum(x)
    return out


def filtered_keys(w, x):
    names = ["a", "b", "c"]
    params = dict(zip(names, w, strict=True))
    return sum(params[k] * x[i] for i, k in enumerate(names) if k != "b")


def range_keys(w, x):
    table = {0: w[0], 1: w[1], 2: w[2]}
    return sum(table[i] * x[i] ** 2 for i in range(3))


normal, _, _ = seeded(6117)
ARGS = (normal(3), normal(3))
CASES = [Case(f.__name__, f, ARGS, (0, 1)) for f in (
    zipped_then_enumerated, comprehension_built_and_summed, module_tuple_of_keys,
    module_tuple_reordering, display_keys_in_the_loop, filtered_keys, range_keys)]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_a_loop_over_known_keys_reading_a_dict_in_every_mode(name):
    check(BY_NAME[name])


def appended_keys(w, x):
    names = ["a", "b"]
    names.append("c")
    params = dict(zip(names, w, strict=True))
    return sum(params[k] * x[i] for i, k in enumerate(names))


def module_list_of_keys(w, x):
    params = dict(zip(MUTABLE_KEYS, w, strict=True))
    return sum(params[k] * x[i] for i, k in enumerate(MUTABLE_KEYS))


@pytest.mark.parametrize("f", [appended_keys, module_list_of_keys], ids=lambda f: f.__name__)
def test_keys_that_may_change_stay_refused(f):
    with pytest.raises(tangentish.UnsupportedConstructError, match="not a constant"):
        tangentish.grad(f)(*ARGS)


def test_the_module_tuple_rebound_builds_again(monkeypatch):
    df = tangentish.grad(module_tuple_reordering, wrt=1)
    w, x = ARGS
    before = df(w, x)
    monkeypatch.setitem(globals(), "KEYS", ("c", "b", "a"))
    after = df(w, x)
    np.testing.assert_allclose(before, np.sin(w))
    np.testing.assert_allclose(after, np.sin(w[::-1]))
