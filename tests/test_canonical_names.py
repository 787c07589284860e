"""``canonical_name`` (syntax/resolve.py): how a NumPy, math or builtin function is spelled in
labels and generated code, looked up by the function's own name first and through the index of
every public name only when that fails (issue 12: indexing NumPy's ~600 names cost a first
``grad()`` half a millisecond it rarely needed)."""

from __future__ import annotations

import builtins
import math
import types

import numpy as np

from tangentish.syntax import resolve

_MODULES = ((np, "np"), (np.linalg, "np.linalg"), (math, "math"))


def _spelling(value):
    """The spelling by the whole index, written here from the rule: a module's public name the
    value has as its own ``__name__`` (modules in order), else the shortest (then first
    alphabetically) of all its public names, else the builtin of its name."""
    own = getattr(value, "__name__", None)
    everything = []
    for module, prefix in _MODULES:
        names = [name for name, held in vars(module).items() if held is value
                 and not name.startswith("_") and not isinstance(held, types.ModuleType)]
        if own in names:
            return f"{prefix}.{own}"
        everything += [f"{prefix}.{name}" for name in names]
    if everything:
        return min(everything, key=lambda n: (len(n), n))
    if own and getattr(builtins, own, None) is value:
        return own
    return None


def _values():
    seen = {}
    for module in (np, np.linalg, math, builtins):
        for name, value in sorted(vars(module).items()):
            if not name.startswith("_") and callable(value):
                seen.setdefault(id(value), value)
    return list(seen.values())


def test_every_public_function_is_spelled_as_the_whole_index_spells_it():
    values = _values()
    assert len(values) > 500
    assert [resolve.canonical_name(v) for v in values] == [_spelling(v) for v in values]


def test_a_function_found_by_its_own_name_builds_no_index():
    resolve._index.cache_clear()
    try:
        assert [resolve.canonical_name(f) for f in (np.sin, np.linalg.norm, math.exp)] == \
            ["np.sin", "np.linalg.norm", "math.exp"]
        assert resolve._index.cache_info().currsize == 0
        assert resolve.canonical_name(np.abs) == "np.absolute"  # (its own name: no index)
        assert resolve._index.cache_info().currsize == 0
        assert resolve.canonical_name(len) == "len"  # (no module's: the index is asked)
        assert resolve._index.cache_info().currsize == 1
    finally:
        resolve._index.cache_clear()
