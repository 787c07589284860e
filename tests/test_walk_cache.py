"""passes/walks.py: every walk a pass reads from the shared :class:`Walks` is the walk the
statement has now.  A pass that rewrites a statement and forgets the wrong one (a compound
statement walked whole, its nested statements' walks kept) leaves a later pass renaming or
reading nodes that are no longer in the tree: grammar seed 7213 program 6's specialized
``value_and_grad`` read ``y1_1.size``, a name renamed everywhere else (``NameError``).  Here each
remembered walk is checked against a fresh walk of its statement whenever a pass asks for it (every
name node in the tree is in the walk), over zoo functions in every mode and over a specialized
derivative (its passes differ)."""

from __future__ import annotations

import gast
import numpy as np
import pytest
from helpers import specialized_calls
from zoo import ZOO

import tangentish
from tangentish.cache import CACHE
from tangentish.passes.walks import Walks, _Walk

_ORIGINAL = Walks._walk


def _checked(self, stmt):
    found = self.known.get(id(stmt))
    if found is not None:  # (its names: what the passes read, bind and rename through a walk;
        known = {id(n) for n in found.nodes}  # a keyword `view=True` added unwalked is harmless)
        missed = [n.id for n in _Walk(stmt).nodes if n.__class__ is gast.Name and id(n) not in known]
        assert not missed, (f"a stale walk of a {type(stmt).__name__}: names {missed} in the tree "
                            "but not in its walk (a pass changed it and did not forget it)")
    return _ORIGINAL(self, stmt)


@pytest.fixture
def checked_walks(monkeypatch):
    monkeypatch.setattr(Walks, "_walk", _checked)
    CACHE.clear()  # (every derivative built again, with the check on)
    yield
    CACHE.clear()  # (none built with the check left for other tests)


SOME = ("tuple_swap", "reductions", "relu_norm", "loop_with_branch", "while_value",
        "early_return_in_loop", "overwrite_copy", "augmented_slices", "inlined_in_loop")


@pytest.mark.parametrize("mode", ["value_and_grad", "jvp", "vjp", "hvp"])
def test_zoo_walks_are_never_stale(checked_walks, mode):  # (loops, branches, copies, items)
    for fn, wrt in [(fn, wrt) for fn, wrt in ZOO if fn.__name__ in SOME]:
        if mode == "hvp":
            tangentish.hvp(fn, wrt=wrt[0] if isinstance(wrt, tuple) else wrt)
        else:
            tangentish.source(fn, wrt=wrt, mode=mode)


def branch_mean(v, p):
    y = np.zeros(4)
    for _ in range(2):
        v, y = y, np.sin(y) + np.cos(v)
    if np.sum(y) > 0.5:
        s = np.sort(y)
        t = s[3]
    else:
        t = np.mean(y) * np.sum(p)
    return t * np.mean(v)


def test_specialized_walks_are_never_stale(checked_walks):
    v, p = np.linspace(-1.0, 1.0, 4), np.ones(3)
    df = tangentish.value_and_grad(branch_mean)
    generic, specialized = specialized_calls(df, (v, p), 2)
    assert ".size" in df.source_for(v, p)  # (the specialized passes ran: a mean's count)
    assert generic[0] == specialized[0] and np.array_equal(generic[1], specialized[1])
