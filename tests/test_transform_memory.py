"""What a transform leaves behind, and what it keeps between transforms (the cost of the next one).

- **No syntax tree in a reference cycle.**  The pipeline pauses the cyclic garbage collector while
  it runs; every tree it builds must be freed by reference counting when the transform returns.
  One tree reachable from a cycle (a recursive closure, a class made per call, an object holding
  a bound method of its owner) kept all of them alive until the next collection, which then
  walked and freed tens of thousands of nodes: a tenth of every transform's time.  The table:
  every zoo function in every mode, and the gradient differentiated again, must leave no gast
  node in the collector's garbage.
- **A function is parsed once** (:func:`tangentish.syntax.parse._parsed`): later transforms of it
  clone the tree converted from its verified source, whose text is the same as a fresh parse's.
"""

from __future__ import annotations

import functools
import gc
import types

import gast
import numpy as np
import pytest
from helpers import specialized_calls
from test_golden import CASES, MODES, generated

import tangentish
from tangentish.cache import CACHE
from tangentish.syntax import parse


def _garbage_nodes(build) -> list[str]:
    """The gast nodes only reference cycles keep alive once ``build()`` has run.

    With the collector off, everything ``build`` allocates stays in the youngest generation, so
    collecting that generation alone finds every cycle it left (a full collection walks the
    whole heap: seconds once thousands of tests have run, and it would count older garbage)."""
    enabled = gc.isenabled()
    gc.disable()
    gc.collect(0)  # (the young garbage made before: freed, not counted)
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        build()
        gc.collect(0)
        return sorted({type(o).__name__ for o in gc.garbage if isinstance(o, gast.AST)})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()


def test_the_check_sees_a_tree_left_in_a_cycle():
    kept = []

    def build():
        node = gast.Name(id="x", ctx=gast.Load(), annotation=None, type_comment=None)
        node.itself = node  # a cycle through a node
        kept.append(len(gast.dump(node)))  # (nothing else holds it)

    assert _garbage_nodes(build) == ["Load", "Name"]


@pytest.mark.parametrize("mode", MODES)
def test_a_transform_leaves_no_tree_in_a_reference_cycle(mode):
    cases = [(fn, wrt) for each, fn, wrt in CASES if each == mode]

    def build():
        for fn, wrt in cases:
            generated(fn, wrt, mode)

    CACHE.clear()
    assert _garbage_nodes(build) == []


def test_a_specialized_derivative_and_a_second_order_one_leave_no_tree_either(rng):
    def f(x, w):
        h = np.tanh(x @ w)
        for _ in range(2):
            h = h * np.sin(h)
        return np.sum(h ** 2)

    x, w = rng.standard_normal((3, 4)), rng.standard_normal((4, 2))

    def build():
        derivative = tangentish.grad(f, (0, 1))
        specialized_calls(derivative, (x, w), 2)  # (generic, then specialized)
        tangentish.hessian(f)(x, w)

    CACHE.clear()
    assert _garbage_nodes(build) == []


def test_a_function_parsed_again_gives_the_same_tree_and_text():
    fn, wrt = CASES[0][1], CASES[0][2]
    CACHE.clear()
    first = tangentish.source(fn, wrt)
    assert id(fn.__code__) in parse._PARSED  # (kept for the next transform)
    one, two = parse.parse_function(fn).node, parse.parse_function(fn).node
    assert one is not two and gast.dump(one, include_attributes=True) == \
        gast.dump(two, include_attributes=True)
    CACHE.clear()
    assert tangentish.source(fn, wrt) == first


def _sines(x):
    return np.sum(np.sin(x) * np.linalg.norm(x)) + abs(float(x[0]))


def _made_checks(dependency) -> list:
    """The functions a dependency holds (a check made: a closure, a partial or a bound method)."""
    return [r for r in gc.get_referents(dependency)
            if isinstance(r, (types.FunctionType, types.MethodType, functools.partial))]


def test_a_dependency_makes_its_check_only_when_asked():
    """A cached derivative keeps its dependencies for its life; their checks (a closure or two
    with cells each) are made when first called, and the cache's compiled check tests globals,
    attribute paths and builtins inline, so on building, calling and hitting the cache none is
    made (made eagerly, they were 40% of the objects the collector tracks per derivative)."""
    x = np.array([0.3, -1.2, 2.0])
    gradient = tangentish.grad(_sines)
    specialized_calls(gradient, (x,), 2)  # (then a specialization, its own dependencies)
    assert tangentish.grad(_sines) is gradient  # (a hit: the compiled check ran)
    dependencies = gradient.record.dependencies
    inline = [d for d in dependencies if d.scope in ("global", "builtin")]
    assert {d.name for d in inline} >= {"np", "abs", "float"}
    assert not [d for d in inline if _made_checks(d)]
    for dependency in dependencies:  # (made when asked: the same answer as holds)
        assert dependency.check(_sines) is dependency.holds(_sines) is True
        assert dependency.check is dependency.check and _made_checks(dependency)
