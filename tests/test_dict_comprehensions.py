"""Dict comprehensions (``passes/dict_comprehensions.py``): over a dict local's items or keys
(with ``if``s), over a dict argument's items, over constants written out or held by a name (the
function's, or a constant tuple of its module), ``range`` of constants, ``enumerate``/``zip`` of
those (``enumerate`` of values whose number is known: a display or a name bound once to one),
assigned or returned, one reading the dict it rebinds (``s = {k: s[k] * x for k in s}``); each
against finite differences in every mode at both orders.  The
comprehension's names stay its own, and a key that is not a constant is refused at its line."""

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish
from tangentish.errors import UnsupportedConstructError


def over_items(x):
    d = {"a": x, "b": x ** 2, "c": np.sin(x)}
    e = {k: v * 2.0 for k, v in d.items() if k != "c"}
    f = {k: d[k] + e.get(k, 1.0) for k in d}
    g = {k: np.cos(v) for k, v in d.items() if k != "b"}
    return np.sum(e["a"] * e["b"]) + np.sum(f["c"] * f["a"]) + np.sum(g["a"] * g["c"])


def over_constants(x):
    names = ["w", "b"]
    scale = 3.0
    p = {name: x * (scale if name == "w" else 1.5) for name in names}
    q = {i: np.exp(x * i) for i in (1, 2)}
    return np.sum(p["w"] * q[1] + p["b"] * q[2])


def returned(x):
    d = {"a": x, "b": 2.0 * x}
    return {k: np.sin(v) * v for k, v in d.items()}


def scoped(x):
    k = 0.5
    e = {k: x * len(k) for k in ("a", "bb")}
    return np.sum(e["a"] * e["bb"]) * k


def of_argument(x, params):
    e = {k: v * x for k, v in params.items()}
    return np.sum(e["w"] * e["b"])


NAMES = ("w", "b", "c")  # (a module's constant tuple: read when f is differentiated)


def over_module_names(x):
    p = {name: x[i] for i, name in enumerate(NAMES)}
    q = {name: 2.0 * len(name) for name in NAMES}
    return p["w"] * p["b"] * q["c"] + np.sin(p["c"])


def over_ranges_and_zips(x):
    powers = {k: x ** k for k in range(1, 4)}
    pairs = {name: x[k] * k for name, k in zip(NAMES, range(3), strict=True)}
    back = {k: v for k, (v, _) in enumerate(zip(NAMES, NAMES, strict=False))}
    return np.sum(powers[3] - powers[1] * powers[2]) + pairs["b"] * pairs["c"] * len(back)


def over_enumerated_values(x):
    ws = [x[0], 2.0 * x[1], np.sin(x[2])]  # (values: their number is known, 3)
    d = {k: v * x[k] for k, v in enumerate(ws)}
    e = {i: w * x for i, w in enumerate([1.5, -0.5], start=1)}
    return d[0] * d[2] + np.sum(e[1] * e[2]) + d[1]


def rebuilt_from_itself(x, params):  # (it read the dict it was building: a KeyError claimed)
    s = dict(params)
    for _ in range(2):
        s = {k: s[k] * x for k in s}
        t = s["w"]
    s = {k: v + t for k, v in s.items() if k != "w"}
    return np.sum(s["b"] * t)


X = np.array([0.3, -1.2, 0.7])
ROWS = [(over_items, (X,), 0), (over_constants, (X,), 0), (scoped, (X,), 0),
        (of_argument, (X, {"w": 2.0, "b": np.array([0.5, 1.0, -1.5])}), (0, 1)),
        (over_module_names, (X,), 0), (over_ranges_and_zips, (X,), 0),
        (over_enumerated_values, (X,), 0)]


@pytest.mark.parametrize("fn, args, wrt", ROWS, ids=[r[0].__name__ for r in ROWS])
def test_dict_comprehensions_match_finite_differences(fn, args, wrt):
    assert tangentish.check_grads(fn, args, wrt=wrt, order=2, seed=623).ok
    value, _ = tangentish.value_and_grad(fn, wrt=wrt)(*args)
    assert value == fn(*args)


def test_a_comprehension_reading_the_dict_it_rebinds():
    params = {"w": 2.0, "b": np.array([0.5, 1.0, -1.5])}
    got = tangentish.grad(rebuilt_from_itself, wrt=(0, 1))(X, params)
    expected = [numeric_grad(lambda x, w, b: rebuilt_from_itself(x, {"w": w, "b": b}),
                             (X, params["w"], params["b"]), wrt=k) for k in range(3)]
    np.testing.assert_allclose(got[0], expected[0], rtol=1e-7)
    np.testing.assert_allclose(got[1]["w"], expected[1], rtol=1e-7)
    np.testing.assert_allclose(got[1]["b"], expected[2], rtol=1e-7)


def test_a_returned_comprehension_is_a_dict_output():
    value, pullback = tangentish.vjp(returned)(X)
    expected = returned(X)
    assert value.keys() == expected.keys()
    for key in expected:
        np.testing.assert_array_equal(value[key], expected[key])
    weights = {"a": np.array([1.0, 2.0, -1.0]), "b": np.array([0.5, 0.0, 3.0])}
    closed_form = (weights["a"] * (np.cos(X) * X + np.sin(X))  # d/dx of sin(x) x, sin(2x) 2x
                   + weights["b"] * (4.0 * np.cos(2.0 * X) * X + 2.0 * np.sin(2.0 * X)))
    np.testing.assert_allclose(pullback(weights), closed_form)


def keyed_by_value(x):
    e = {k: x * k for k in range(len(x))}
    return np.sum(e[0])


def test_a_key_that_is_not_a_constant_is_refused_at_its_line():
    with pytest.raises(UnsupportedConstructError, match="not a constant") as info:
        tangentish.grad(keyed_by_value)(X)
    assert "{k: x * k for k in range(len(x))}" in str(info.value)


def grown_through_another_name(x):
    ws = [x, 2.0 * x]
    alias = ws
    alias.append(np.sin(x))
    d = {k: v * 2.0 for k, v in enumerate(ws)}
    return np.sum(d[0] * d[1])


def test_enumerate_of_values_is_checked_to_hold_the_items_it_is_built_with():
    """A comprehension over ``enumerate`` of values whose number is known when differentiated
    (a display, or a name bound once to one) builds one entry per item; a list grown through
    another name holds more at run time and raises, never a smaller dict."""
    with pytest.raises(ValueError, match="enumerate.. of ws is differentiated for ws of the 2"):
        tangentish.grad(grown_through_another_name)(X)


def test_a_module_tuple_rebound_is_read_again():
    """The keys come from the module's tuple when the derivative is built: rebinding the name
    builds it again (the lookup is among the derivative's recorded dependencies)."""
    global NAMES
    before = tangentish.grad(over_module_names)(X)
    np.testing.assert_allclose(before, [X[1] * 2.0, X[0] * 2.0, np.cos(X[2])])
    saved, NAMES = NAMES, ("c", "b", "w")
    try:
        after = tangentish.grad(over_module_names)(X)
    finally:
        NAMES = saved
    np.testing.assert_allclose(after, [np.cos(X[0]), X[2] * 2.0, X[1] * 2.0])
