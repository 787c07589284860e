"""Names of proven rank 0 in the shape analysis of a generic derivative (passes/derivation.py):
``x * i`` of a loop's ``i`` has ``x``'s shape, so its adjoint needs no ``_rt.unbroadcast``.

The class of bug this guards against is a shape claim that fails on some run: the adjoint then
skips a sum and a gradient comes back with the wrong shape or values.  So every claim the
analysis makes (every pair of names it puts in one class) is checked against the shapes the
normalized function's names really hold, over a table of functions whose rank-0 names come from
each source :mod:`tangentish.passes.ranks` knows, called with arguments of several ranks, Python
numbers and float32 included; and the gradients against finite differences.
"""

import sys

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad

import tangentish
from tangentish import runtime
from tangentish.passes.desugar import desugar
from tangentish.passes.normalize import normalize
from tangentish.passes.ranks import proven_ranks
from tangentish.passes.shapes import analyze_shapes
from tangentish.syntax.parse import parse_function
from tangentish.syntax.printer import function_text


def loop_index(x):
    s = 0.0
    for i in range(3):
        s = s + np.sum(np.sin(x * i))
    return s


def counted(x):
    n = len(x)
    y = x / n + np.tanh(x) * n
    return np.sum(y * y)


def summed(x, w):
    t = np.sum(w)
    z = np.cos(x) * t
    u = t * 2.0 + t
    return np.sum(z) + u * np.sum(x)


def sized(x):
    k = x.shape[0]
    q = np.size(x)
    return np.sum(np.exp(x * k) - x / q)


def compared(x):
    s = np.sum(x)
    flag = s > 0.5
    return np.sum(x * flag + x * x)


def products(x):
    v = np.ravel(x)
    q = v @ v
    return np.sum(np.sin(x) * q) + q / (1.0 + v @ v)


def counter(x):
    n = 0
    while np.sum(x) < 10.0:
        x = x * 1.5
        n = n + 1
    return np.sum(x * n)


def accumulated(x):
    s = 0.0
    t = 0.0
    for i in range(len(x)):
        s = s + np.sum(x[i] * x[i])
        t = t + x[i]  # an item of x: its rank unknown, so t's too
    return s * np.sum(t)


def switched(x):
    m = 1.0
    k = np.sum(x)
    for _ in range(2):
        m = m * k if k > 1.0 else x  # a rank-0 start, then x's rank: not proven
    return np.sum(m * x)


def filled(x):
    n = len(x)
    out = np.zeros(n)
    grid = np.ones((n, 2))
    pairs = np.zeros(n, dtype=(float, 2))  # a subarray dtype: rank 2, not 1
    for i in range(n):
        out[i] = np.sin(x[i]) * grid[i, 0] + out[i]
    return np.sum(out * out) + np.sum(grid * out[0]) + np.sum(pairs)


def ranged(x):
    r = range(len(x))
    j = r[len(x) - 1]  # an item of a range: an int
    return np.sum(np.tanh(x * j)) + np.sum(x[j] * x[0])


FUNCTIONS = {
    loop_index: [[(3,)], [(2, 3)], [()], [float]],
    counted: [[(4,)], [(2, 3)]],
    summed: [[(3,), (2,)], [(2, 3), (4, 1)], [float, (3,)], [(3,), float]],
    sized: [[(4,)], [(2, 3)]],
    compared: [[(3,)], [(2, 2)], [()]],
    products: [[(3,)], [(2, 2)]],
    counter: [[(3,)], [(2, 2)], [()], [float]],
    accumulated: [[(3,)], [(2, 3)]],
    switched: [[(3,)], [(2, 2)]],
    filled: [[(3,)]],
    ranged: [[(3,)], [(2, 2)]],
}
CASES = [(fn, specs) for fn, table in FUNCTIONS.items() for specs in table]


def _arguments(specs, dtype=np.float64, seed=0):
    rng = np.random.default_rng(seed)
    return tuple(float(rng.uniform(0.2, 0.9)) if spec is float else
                 rng.uniform(0.2, 0.9, size=spec).astype(dtype) for spec in specs)


def _claims(fn):
    """The normalized function's text, its proven ranks and the pairs of names its shape
    analysis, told the names of proven rank 0, claims to be of one shape."""
    info = parse_function(fn)
    desugar(info)
    norm = normalize(info)
    ranks = proven_ranks(norm, analyze_shapes(norm))
    scalars = frozenset(n for n, r in ranks.items() if r == 0)
    assert scalars, "each function of the table has names of proven rank 0"
    classes = analyze_shapes(norm, scalars=scalars)
    names = sorted(set(classes.parent) | set(classes.parent.values()))
    pairs = [(a, b) for a in names for b in names if a < b and classes.same(a, b)]
    info.node.body = norm.body
    return function_text(info.node), ranks, pairs


def _shapes_held(text, name, args):
    """Every shape each local of the normalized function held while it ran."""
    namespace = {"np": np, "_rt": runtime}
    exec(compile(text, f"<normalized {name}>", "exec"), namespace)
    seen: dict[str, set] = {}

    def trace(frame, event, arg):
        if frame.f_code.co_name != name:
            return None
        for local, value in frame.f_locals.items():
            if isinstance(value, (float, int, np.ndarray, np.generic)):
                seen.setdefault(local, set()).add(np.shape(value))
        return trace

    sys.settrace(trace)
    try:
        namespace[name](*args)
    finally:
        sys.settrace(None)
    return seen


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("fn, specs", CASES, ids=lambda v: getattr(v, "__name__", str(v)))
def test_every_shape_claim_holds_on_the_run(fn, specs, dtype):
    text, ranks, pairs = _claims(fn)
    seen = _shapes_held(text, fn.__name__, _arguments(specs, dtype))
    for name, rank in ranks.items():
        assert {len(shape) for shape in seen.get(name, ())} <= {rank}, (fn.__name__, name, seen)
    checked = 0
    for a, b in pairs:
        if a in seen and b in seen:
            assert len(seen[a]) == 1 and seen[a] == seen[b], (fn.__name__, specs, a, b, seen)
            checked += 1
    assert checked, f"{fn.__name__}: no claim was checked"


@pytest.mark.parametrize("fn, specs", CASES, ids=lambda v: getattr(v, "__name__", str(v)))
def test_the_gradients_against_finite_differences(fn, specs):
    args = _arguments(specs, seed=1)
    wrt = tuple(range(len(args))) if len(args) > 1 else 0
    got = tangentish.grad(fn, wrt=wrt)(*args)
    expected = numeric_grad(fn, args, wrt)
    for g, e, a in zip(got if len(args) > 1 else (got,),
                       expected if len(args) > 1 else (expected,), args, strict=True):
        assert np.shape(g) == np.shape(a)
        assert_grad_close(g, e)


def test_names_bound_again_have_ranks_where_every_binding_agrees():
    ranks = _claims(counter)[1]
    assert ranks.get("n_1") == 0
    ranks = _claims(accumulated)[1]
    assert [ranks.get(n) for n in ("s_1", "t_1")] == [0, None]
    ranks = _claims(filled)[1]
    assert [ranks.get(n) for n in ("n", "out", "grid")] == [0, 1, 2]
    assert _claims(ranged)[1].get("j") == 0
    text, ranks, _ = _claims(switched)
    assert ranks.get("k") == 0 and "m_1 = " in text and ranks.get("m_1") is None


def test_a_loop_index_scales_without_unbroadcast():
    source = tangentish.source(loop_index)
    assert "_rt.unbroadcast" not in source, source
    source = tangentish.source(counted)
    assert "_rt.unbroadcast" not in source, source


def test_scalars_the_analysis_never_asked_about_change_no_class():
    """Derivation runs the analysis again with the names of proven rank 0 only where the first
    run asked about one of them (``ShapeClasses.missed``): where it did not, the second gives
    the very classes (every name's class, the slices and reads, whether a carried copy failed)."""
    skipped = 0
    for fn in (loop_index, counted, summed, compared, switched):
        info = parse_function(fn)
        desugar(info)
        norm = normalize(info)
        first = analyze_shapes(norm)
        scalars = frozenset(n for n, r in proven_ranks(norm, first).items() if r == 0)
        again = analyze_shapes(norm, scalars=scalars)
        if scalars & first.missed:
            continue
        skipped += 1
        names = set(first.parent) | set(again.parent) | set(first.bindings)
        assert {n: first.find(n) for n in names} == {n: again.find(n) for n in names}, fn
        assert (first.slices, first.reads, first.dropped) == \
            (again.slices, again.reads, again.dropped), fn
    assert skipped == 3, skipped  # (summed, compared, switched: loop_index's x * i asks of i)
