"""The ``oop32`` zoo: NumPy models written with objects and configuration (layer classes, lists
of layers, optimiser classes, activation registries and string switches, dicts of functions read
at a key known when the function runs), against central differences within their error estimate,
with ``RuntimeWarning`` an error (``idioms15_check``), and what remains refused, each refusal
naming what it cannot follow; and the ``oop33`` zoo's (``tests/oop33_zoo.py``): objects held
in objects' fields (a list of layers handed to a model's ``__init__``, layers in named fields),
loops over layers stopping early, ``getattr(self, name)`` at constant names, a dict stored by
``__init__``, a module's function table at a config dict's ``get``, layers bound in loops over
positions; and the ``oop34`` zoo's (``tests/oop34_zoo.py``): ``numpy.polynomial``'s series
objects called, sums over a constant config dict (a loop, a generator, a dict comprehension's
values, a dict local read at its keys), a helper picking a function by name, one layer applied
twice or held in two fields, a record a helper builds, ``np.put_along_axis`` into a temporary.

The CI budget runs each row in one mode (its turn: ``idioms20_check.mode_of``);
``python test_oop32.py`` checks every row in every mode."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from idioms15_check import by_name, check_refusal
from idioms16_style_zoo import dict_dispatch
from idioms20_check import check_every_mode, check_quietly, mode_of
from idioms20_style_zoo import dict_display_subscript
from oop32_zoo import CASES, REFUSED, X4, Dense, relu, softplus
from oop33_zoo import CASES as HELD_CASES
from oop33_zoo import REFUSED as HELD_REFUSED
from oop33_zoo import build_model
from oop34_zoo import CASES as WRITTEN_CASES
from oop34_zoo import REFUSED as WRITTEN_REFUSED

import tangentish

BY_NAME = by_name(CASES + HELD_CASES + WRITTEN_CASES)
REFUSED = REFUSED + HELD_REFUSED + WRITTEN_REFUSED


@pytest.mark.parametrize("turn, name", list(enumerate(BY_NAME)))
def test_each_program_in_its_mode_against_finite_differences(turn, name):
    case = BY_NAME[name]
    check_quietly(case, mode_of(case, turn))


@pytest.mark.parametrize("fn, args, named", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_what_remains_is_refused_naming_it(fn, args, named):
    check_refusal(fn, args, named, tangentish.grad)


def act_display(x, name="tanh"):
    return np.sum({"tanh": np.tanh, "relu": relu, "sq": lambda z: z * z}[name](x))


@pytest.mark.parametrize("name, derivative", [
    ("tanh", lambda x: 1.0 - np.tanh(x) ** 2),
    ("relu", lambda x: (x > 0).astype(float)),
    ("sq", lambda x: 2.0 * x),
])
def test_a_display_of_functions_dispatches_on_the_key_when_it_runs(name, derivative):
    """``{"tanh": np.tanh, ...}[name](x)`` with ``name`` an argument: one derivative serves
    every key (passes/display_tables.py: a copy of the statement per key, chosen by comparing
    the key; "a key of a dict display that is not a constant" was refused before), each entry's
    derivative its own (closed forms), and a key the display lacks raises ``KeyError`` as the
    display does."""
    derivative_of = tangentish.grad(act_display)
    np.testing.assert_allclose(derivative_of(X4, name), derivative(X4), rtol=1e-12)
    with pytest.raises(KeyError):
        derivative_of(X4, "gelu")
    with pytest.raises(KeyError):
        act_display(X4, "gelu")


def signed_display(x, size="large"):
    return {"small": 0.1, "large": -2.0}[size] * np.sum(x ** 2)


def local_at_a_parameter(x, size="large"):
    scales = {"small": 0.1, "large": 2.0, "tiny": -1e-3}
    return scales[size] * np.sum(np.sin(x))


@pytest.mark.parametrize("fn, size, derivative", [
    (signed_display, "large", lambda x: -4.0 * x),
    (signed_display, "small", lambda x: 0.2 * x),
    (local_at_a_parameter, "large", lambda x: 2.0 * np.cos(x)),
    (local_at_a_parameter, "tiny", lambda x: -1e-3 * np.cos(x)),
    (dict_dispatch, "sin", lambda x: 2.0 * np.sin(x) * np.cos(x)),  # (idioms16's, refused before)
    (dict_display_subscript, "l1", np.sign),  # (idioms20's: hoisted, a local; refused before)
], ids=["signed_display_large", "signed_display_small", "local_large", "local_tiny",
        "idioms16_dict_dispatch", "idioms20_dict_display_subscript"])
def test_a_constant_table_read_at_a_parameter_dispatches(fn, size, derivative):
    """A display of signed numbers (``-2.0``: an expression, not a constant) and a dict local read
    at a parameter (not a loop's key) were refused ("a key of ... that is not a constant",
    mutation fuzz 305/29); now dispatched per key as above (closed forms), and a key the table
    lacks raises ``KeyError`` as the table does."""
    np.testing.assert_allclose(tangentish.grad(fn)(X4, size), derivative(X4), rtol=1e-12)
    with pytest.raises(KeyError):
        tangentish.grad(fn)(X4, "huge")


def rebound_acts(x):
    act = np.tanh
    y = act(x)
    act = softplus
    return np.sum(act(y))


def test_a_local_bound_to_two_functions_in_turn_calls_each():
    """``act = np.tanh``, ``act(x)``, ``act = softplus``, ``act(y)`` (what a record local built
    twice with different function fields becomes: passes/alias_versions.py; refused before as
    "a call to a local value"), against the closed form."""
    y = np.tanh(X4)
    expected = (1.0 / (1.0 + np.exp(-y))) * (1.0 - y ** 2)
    np.testing.assert_allclose(tangentish.grad(rebound_acts)(X4), expected, rtol=1e-12)


if __name__ == "__main__":
    check_every_mode(CASES + HELD_CASES + WRITTEN_CASES)


def early_two(z, k):
    if k > 0:
        return z * 2.0
    return z - 1.0


def early_nested(z, k):
    if k > 0:
        if k > 1:
            return z * 3.0
        z = z + 1.0
    elif k < -1:
        return -z
    w = z * z
    return w + k


def early_chain(z, k):
    if k > 1:
        return z * 3.0
    elif k < -1:
        return -z
    w = z * z
    return w + k


def early_raise(z, k):
    if k > 1:
        raise ValueError(k)
    if k > 0:
        return z
    return 2.0 * z


def early_in_loop(z, k):
    for i in range(3):
        if i == k:
            return z * i
    return z


@pytest.mark.parametrize("fn, rewritten", [
    (early_two, True), (early_chain, True), (early_raise, True),
    (early_nested, False), (early_in_loop, False)])  # (code after a branch that may return: kept)
def test_early_returns_written_as_one_return_last_keep_every_path(fn, rewritten):
    """passes/tail_returns.py: each early ``return`` that ends a branch becomes an assignment
    of the result and one ``return`` last; the rewritten function returns what the original
    does on every path (``k`` from -2 to 2); a ``return`` in a loop, or followed by code that
    would have to be copied into several branches, leaves it alone."""
    from tangentish.passes.tail_returns import one_return
    from tangentish.syntax.parse import parse_function
    from tangentish.syntax.printer import function_text

    fdef = parse_function(fn).node
    assert one_return(fdef, "_result") is rewritten
    if not rewritten:
        return
    space = {}
    exec(compile(function_text(fdef), "<tail_returns>", "exec"), space)  # noqa: S102
    for k in (-2, -1, 0, 1, 2):
        try:
            expected = fn(1.5, k)
        except ValueError:
            with pytest.raises(ValueError):
                space[fn.__name__](1.5, k)
            continue
        assert space[fn.__name__](1.5, k) == expected


@dataclasses.dataclass
class _Point:
    a: np.ndarray
    b: float = 1.0


@dataclasses.dataclass
class _Segment:
    p: _Point
    w: float


def segment_returned(x):
    start = _Point(x * 2.0, 2.0)
    segment = _Segment(start, 3.0)
    return segment


def test_a_record_held_in_a_returned_records_field_is_built_again():
    """``_Segment(_Point(...), w)`` bound, returned: built again from its fields, the held
    record too (passes/record_locals.py, nested_records.py; it was refused as a record used as
    a whole), its pullback against the closed form (``a = 2x``: ``2 g``), the value as the
    function's."""
    x = np.arange(3.0)
    value, pullback = tangentish.vjp(segment_returned)(x)
    expected = segment_returned(x)
    np.testing.assert_array_equal(value.p.a, expected.p.a)
    assert (type(value), value.p.b, value.w) == (_Segment, expected.p.b, expected.w)
    g = np.array([0.5, -1.0, 2.0])
    np.testing.assert_allclose(pullback(_Segment(_Point(g, 1.0), 1.0)), 2.0 * g, rtol=1e-15)


def polynomial_of(c, x):
    p = np.polynomial.Polynomial(c)
    return np.sum(p(x))


def test_a_series_object_keeps_numpys_checks_of_its_coefficients():
    """``Polynomial(c)(x)`` is ``polyval(x, c)`` only for the 1-d coefficients the object keeps
    (passes/series_objects.py): a 2-d ``c``, which ``polyval`` would read as several series,
    raises NumPy's own ``ValueError`` in the derivative as in the function; a list of floats
    and a 0-d array are one series, their derivative against the closed form (the powers of
    ``x`` summed)."""
    x = np.linspace(-1.0, 1.0, 5)
    with pytest.raises(ValueError, match="not 1-d"):
        polynomial_of(np.ones((3, 2)), x)
    with pytest.raises(ValueError, match="not 1-d"):
        tangentish.grad(polynomial_of)(np.ones((3, 2)), x)
    np.testing.assert_allclose(tangentish.grad(polynomial_of, wrt=1)([1.0, 2.0, 3.0], x),
                               2.0 + 6.0 * x, rtol=1e-14)
    value, grad = tangentish.value_and_grad(polynomial_of)(np.array(2.0), x)
    assert (value, np.shape(grad)) == (10.0, ())
    np.testing.assert_allclose(grad, 5.0, rtol=1e-14)


def _layer_of(W, act=np.tanh):
    return Dense(W, np.full(W.shape[0], 0.1), act=act)


def layer_by_default(W, x):
    layer = _layer_of(W)
    return np.sum(layer(x))


def test_a_helpers_function_default_is_read_as_the_helper_spells_it():
    """A helper building a record with a function default the call leaves out (``act=np.tanh``)
    is inlined with the default as the helper writes it where the caller's scope resolves that
    path to the very default (passes/helper_bodies.py; refused before as a call to a local
    value), against the closed form; changing the helper's default derives again, and a default
    the path no longer names is refused, never the old one used."""
    W, x = np.eye(3) * 0.5, np.array([0.2, -0.4, 0.9])
    derivative = tangentish.grad(layer_by_default)
    slope = 1.0 - np.tanh(W @ x + 0.1) ** 2
    np.testing.assert_allclose(derivative(W, x), np.outer(slope, x), rtol=1e-12)
    try:
        _layer_of.__defaults__ = (softplus,)
        with pytest.raises(tangentish.errors.TangentishError):
            derivative(W, x)
    finally:
        _layer_of.__defaults__ = (np.tanh,)
    np.testing.assert_allclose(derivative(W, x), np.outer(slope, x), rtol=1e-12)


def _pick(name):
    return {"tanh": np.tanh, "relu": relu}[name]


def picked_activation(x, name="tanh"):
    act = _pick(name)
    return np.sum(act(x))


def test_a_helper_picking_a_function_by_name_is_its_display_read(monkeypatch):
    """``act = _pick(name)`` of a helper returning ``{...}[name]`` is that read, dispatched per
    key (passes/function_getters.py; refused before as a call to a local value), each key's
    derivative its own (closed forms); a key the display lacks raises ``KeyError`` as the helper
    does, and the helper rebound derives again."""
    derivative = tangentish.grad(picked_activation)
    np.testing.assert_allclose(derivative(X4), 1.0 - np.tanh(X4) ** 2, rtol=1e-12)
    np.testing.assert_allclose(derivative(X4, "relu"), (X4 > 0).astype(float), rtol=1e-12)
    with pytest.raises(KeyError):
        derivative(X4, "gelu")
    monkeypatch.setitem(globals(), "_pick", lambda name: {"tanh": np.sin}[name])
    with pytest.raises(tangentish.errors.TangentishError):
        derivative(X4)  # (a lambda: not followed, never the old helper's derivative)


def guarded_imported_model(W1, W2, x):
    if not np.all(np.isfinite(W1)):
        return 0.0
    model = build_model(W1, W2)  # (Sequential, Dense: never named in this module)
    return np.sum(model(x) ** 2)


def test_a_model_an_imported_factory_builds_is_followed_where_the_caller_names_not_its_class():
    """``from model import build_model`` returning ``Sequential([Dense(...), ...])``, its
    classes named only in its own module, after an early ``return``: inlined with its module's
    names read through that module (passes/foreign_methods.py, builds_there; refused before as
    a call to a local value), against central differences."""
    assert "Sequential" not in globals()
    from oop32_zoo import W1, W2
    from test_realworld import Row
    check_quietly(Row("guarded_imported_model", guarded_imported_model, (W1, W2, X4),
                      wrt=(0, 1)), "vjp")
