"""The refusals refusals7 lifted (``refusals7_zoo``).  Each program in every first-order mode
against central differences within their error estimate, and ``hvp`` against differences of the
checked gradient (``idioms15_check``); the float32 casts against closed forms, in every mode and
at second order."""

from __future__ import annotations

import idioms14_zoo as idioms14
import numpy as np
import pytest
import refusals7_zoo as z
from idioms15_check import Case, by_name, check, check_each_position, check_refusal, seeded

import tangentish

_n, _u, _ = seeded(5530)

CASES = [
    Case("out_positional", z.out_positional, (_n(3), _n(3)), (0, 1)),
    Case("out_slice", z.out_slice, (_n(3), _n(3)), (0, 1)),
    Case("out_reduction", z.out_reduction, (_n(2, 3),)),
    Case("out_reduction_bound", z.out_reduction_bound, (_n(2, 3),)),
    Case("out_rows_of_a_buffer", z.out_rows_of_a_buffer, (_n(4, 3),)),
    # a Hessian-vector product inside (a jvp of a grad): its hvp is a third derivative
    Case("jvp_of_grad", z.jvp_of_grad, (_n(3),)),
    Case("hvp_inside", z.hvp_inside, (_n(3),)),
    Case("hvp_wrt_k", z.hvp_wrt_k, (_n(3), 0.7), (0, 1)),
    Case("hvp_two_args", z.hvp_two_args, (_n(3), 0.7), (0, 1)),
    # closure factories (and helpers) choosing by a literal argument
    Case("factory_chosen_by_literals", z.factory_chosen_by_literals, (_n(3),)),
    Case("factory_returns_one_of_two", z.factory_returns_one_of_two, (_n(3), 0.8), (0, 1)),
    Case("helper_branch_by_literal", z.helper_branch_by_literal, (_n(3),)),
    # recursion whose depth literal arguments decide: inlined level by level
    Case("recursive_power", z.recursive_power, (_n(3),)),
    Case("recursive_horner", z.recursive_horner, (_n(3), 0.7), (0, 1)),
    Case("recursive_halves", z.recursive_halves, (_n(8),)),
    Case("idioms14_recursive_halves", idioms14.recursive_halves, (_n(8),)),  # (refused there)
]
BY_NAME = by_name(CASES)
UNPACKED = by_name([  # **params of a dict parameter under wrt (params alone is not: see below)
    Case("unpacks_params", z.unpacks_params, (_n(3), {"w": 0.7, "b": _n(3)}), (0, 1)),
    Case("unpacks_nested", z.unpacks_nested,
         (_n(3), {"first": {"w": _n(3), "b": 0.2}, "second": {"w": -0.4}}), (0, 1)),
    Case("unpacks_into_kwargs", z.unpacks_into_kwargs,
         (_n(3), {"w": 0.9, "gain": 1.5}), (0, 1)),
    Case("unpacks_in_a_loop", z.unpacks_in_a_loop,
         (_n(3), {"layers": [{"w": 0.8, "b": 0.1}, {"w": _n(3)}]}), (0, 1)),
])


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_lifted_program_in_every_mode_against_finite_differences(name):
    check_each_position(BY_NAME[name])


@pytest.mark.parametrize("name", sorted(UNPACKED))
def test_a_dict_parameter_unpacked_by_keywords_in_every_mode(name):
    check(UNPACKED[name])


# (fn, gradient, Hessian-vector product along v): closed forms, the cast's rounding kept
FLOAT32 = [
    (z.float32_square, lambda x: 2.0 * x.astype(np.float32), lambda x, v: 2.0 * v),
    (z.float32_of_a_sum,
     lambda x: 2.0 * np.float32(np.sum(x)) + 3.0 * (np.arange(3) == 1), lambda x, v: 2.0 * np.sum(v)),
    (z.float32_then_back, lambda x: np.sin(x) + x.astype(np.float32) * np.cos(x),
     lambda x, v: (2.0 * np.cos(x) - x.astype(np.float32) * np.sin(x)) * v),
]


@pytest.mark.parametrize("fn, gradient, hvp", FLOAT32, ids=lambda f: getattr(f, "__name__", ""))
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_float32_casts_in_every_mode_against_closed_forms(fn, gradient, hvp, dtype):
    """``np.float32(x)`` passes the derivative through, in the argument's dtype (a float64 input
    gets a float64 gradient); its rounding is in the value, as the function computes it."""
    x = np.array([0.7, -1.3, 2.1], dtype=dtype)
    v = np.array([0.5, 1.0, -2.0], dtype=dtype)
    tol = {"rtol": 2e-6, "atol": 1e-6}
    value, g = tangentish.value_and_grad(fn)(x)
    assert value == fn(x) and g.dtype == dtype
    np.testing.assert_allclose(g, gradient(x), **tol)
    out, pullback = tangentish.vjp(fn)(x)
    np.testing.assert_allclose(pullback(-2.0), -2.0 * gradient(x), **tol)
    assert tangentish.jvp(fn)(x, x_dot=v)[0] == value
    np.testing.assert_allclose(tangentish.jvp(fn)(x, x_dot=v)[1], np.dot(gradient(x), v), **tol)
    np.testing.assert_allclose(tangentish.hvp(fn)(x, v), hvp(x, v), **tol)
    np.testing.assert_allclose(tangentish.hessian(fn)(x) @ v, hvp(x, v), **tol)


def test_float32_of_a_number_gives_a_float_gradient():
    assert type(tangentish.grad(z.float32_of_a_sum)(np.ones(3))) is np.ndarray
    got = tangentish.grad(_number_cast)(2.0)  # (NumPy 1.x casts np.float32(s) * 3.0 to float64)
    assert (type(got) is float or np.__version__ < "2" and type(got) is np.float64) and got == 3.0


def _number_cast(s):
    return np.float32(s) * 3.0


def test_unpacking_a_dict_not_differentiated_or_twice_stays_refused():
    """``dense(x, **params)`` with ``params`` not under ``wrt`` (its keys unknown when the
    derivative is built) is refused naming the call; a key also passed by name raises Python's
    ``TypeError`` in the function, and the derivative refuses the call."""
    x, params = np.array([0.5, -0.3]), {"w": 0.7, "b": 0.1}
    for transform in (tangentish.grad, tangentish.jvp):
        check_refusal(z.unpacks_params, (x, params), ("`**` keyword unpacking",
                                                      "dense(x, **params)"), transform)
    with pytest.raises(TypeError):
        z.unpacks_twice(x, params)
    with pytest.raises((TypeError, tangentish.TangentishError)):
        tangentish.grad(z.unpacks_twice, wrt=1)(x, params)


def test_a_key_the_helper_does_not_take_raises_pythons_type_error():
    x = np.array([0.5, -0.3])
    with pytest.raises(TypeError):
        z.unpacks_params(x, {"w": 0.7, "c": 0.1})
    with pytest.raises(tangentish.TangentishError, match="unexpected keyword argument 'c'"):
        tangentish.grad(z.unpacks_params, wrt=1)(x, {"w": 0.7, "c": 0.1})


KEYWORD_PROGRAMS = {  # a call Python refuses with TypeError: refused, never differentiated
    "unexpected": "def h(x, w=1.0):\n    return w * x\n\ndef f(x):\n    return h(x, v=2.0)",
    "twice": "def h(x, w=1.0):\n    return w * x\n\ndef f(x):\n    return h(x, 2.0, w=3.0)",
    "positional_only": ("def h(x, w, /):\n    return w * x\n\ndef f(x):\n"
                        "    return h(x, w=3.0)"),
    "nested_def": ("def f(x):\n    def h(z, k=1.0):\n        return k * z\n"
                   "    return h(x, kk=2.0)"),
    "lambda": "def f(x):\n    h = lambda z, k=1.0: k * z\n    return h(x, z=2.0)",
    "helper_calls_helper": ("def g(x, w=1.0):\n    return w * x\n\ndef h(x, s):\n"
                            "    return g(x, s=s)\n\ndef f(x):\n    return h(x, 2.0)"),
}


@pytest.mark.parametrize("name", sorted(KEYWORD_PROGRAMS))
def test_a_keyword_an_inlined_function_does_not_take_is_refused(tmp_path, name):
    """An inlined helper, nested ``def`` or lambda called with a keyword it does not take (or
    twice, or by name where it is positional-only) bound that keyword as a local of its own and
    returned a derivative of a function that raises ``TypeError`` (``h(x, v=2.0)`` was
    differentiated as ``h(x)``): refused at the call."""
    from helpers import module_from_text

    f = module_from_text(tmp_path, f"keywords_{name}", "import numpy as np\n\n"
                         + KEYWORD_PROGRAMS[name] + "\n").f
    with pytest.raises(TypeError):
        f(1.5)
    for transform in (tangentish.grad, tangentish.jvp, tangentish.value_and_grad):
        with pytest.raises(tangentish.TangentishError, match="argument") as caught:
            derivative = transform(f)
            derivative(1.5, **({"x_dot": 1.0} if transform is tangentish.jvp else {}))
        assert "hint:" in str(caught.value) and f"keywords_{name}.py" in str(caught.value)


@pytest.mark.parametrize("fn, named", [
    (z.hessian_tuple_wrt, ("tangentish.hessian(energy2, wrt=(0, 1))", "one literal int wrt")),
    (z.hvp_by_keyword, ("tangentish.hvp(energy)",)),
])
@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.jvp])
def test_a_hessian_inside_stays_refused_naming_its_products(fn, named, transform):
    args = (np.array([0.5, -0.3]),) + ((1.5,) if fn is z.hessian_tuple_wrt else ())
    check_refusal(fn, args, named, transform)


@pytest.mark.parametrize("fn, args, order", [
    (z.hessian_inside, (np.array([0.5, -0.3]),), 1),
    (z.jacobian_inside, (np.array([0.5, -0.3]), 1.5), 1)], ids=["hessian", "jacobian"])
def test_a_hessian_or_jacobian_inside_is_its_columns_stacked(fn, args, order):
    """``hessian(g)(x)`` and ``jacobian(g)(x, k)`` inside a differentiated function are their
    columns, ``hvp``/``jvp`` along each unit direction, stacked (``passes/nested_products.py``;
    refused before): the value is the transform's own, the derivatives match differences (both
    modes; third derivatives of ``energy``: the CI budget keeps it at first order)."""
    x = args[0]
    expected = np.trace(tangentish.hessian(z.energy)(x)) if fn is z.hessian_inside else None
    if expected is not None:
        assert tangentish.value_and_grad(fn)(*args)[0] == pytest.approx(expected, rel=1e-12)
    wrt = 0 if len(args) == 1 else (0, 1)
    assert tangentish.check_grads(fn, args, wrt=wrt, order=order, seed=9, warn=False).ok


def test_hvp_inside_equals_the_product_it_names():
    """The rewritten call's value is ``hvp``'s own (its primal is the forward derivative of the
    gradient; its derivatives are checked against differences above)."""
    x = np.array([0.4, -1.1, 0.9])
    expected = np.sum(tangentish.hvp(z.energy)(x, np.cos(x)) ** 2)
    assert tangentish.value_and_grad(z.hvp_inside)(x)[0] == pytest.approx(expected, rel=1e-12)


def test_a_factory_chosen_by_a_value_known_only_at_run_time_stays_refused():
    check_refusal(z.factory_chosen_at_run_time, (np.array([0.5, -0.3]), "tanh"),
                  ("the local function 'act' can only be called",), tangentish.grad)


def _random_test(rng: np.random.Generator, depth: int = 0) -> str:
    """A random ``if`` test of the parameters ``kind`` and ``k`` and literals."""
    atoms = ["kind", "k", "'tanh'", "'sq'", "1", "2.0", "None", "True", "('sq', 'l1')", "(1, 2)"]
    pick = int(rng.integers(6 if depth < 2 else 2))
    if pick == 0:
        op = ["==", "!=", "is", "is not", "<", ">=", "in", "not in"][int(rng.integers(8))]
        right = "None" if op.startswith("is") else atoms[int(rng.integers(len(atoms)))]
        return f"{['kind', 'k'][int(rng.integers(2))]} {op} {right}"
    if pick == 1:
        return atoms[int(rng.integers(len(atoms)))]
    if pick == 2:
        return f"not ({_random_test(rng, depth + 1)})"
    joiner = " and " if pick in (3, 4) else " or "
    return "(" + joiner.join(_random_test(rng, depth + 1) for _ in range(2)) + ")"


@pytest.mark.parametrize("seed", range(4))
def test_a_decided_test_takes_the_branch_python_takes(seed):
    """``chosen_factories`` decides ``if`` statements on literal arguments: over random tests
    (comparisons, ``in``, ``is``, ``and``/``or``/``not`` of literals and parameters) and random
    literal arguments, the branch kept is the one Python's own evaluation takes, and a test
    Python cannot evaluate (``'sq' < 1``: ``TypeError``) is left undecided."""
    import gast

    from tangentish.passes.chosen_factories import as_called
    from tangentish.syntax.printer import function_text

    rng = np.random.default_rng(5530 + seed)
    values = ["'tanh'", "'sq'", "'l1'", "None", "3", "2.0", "True"]
    decided = 0
    for _ in range(60):
        test = _random_test(rng)
        kind, k = (values[int(rng.integers(len(values)))] for _ in range(2))
        text = (f"def make(kind, k={k}):\n    if {test}:\n        return 'yes'\n"
                "    return 'no'\n")
        factory = gast.parse(text).body[0]
        chosen = as_called(factory, gast.parse(f"make({kind})").body[0].value)
        try:
            expected = "yes" if eval(test, {}, {"kind": eval(kind), "k": eval(k)}) else "no"  # noqa: S307
        except TypeError:
            assert chosen is factory, test
            continue
        if chosen is not factory:
            decided += 1
            assert f"return '{expected}'" in function_text(chosen), (test, kind, k)
            assert len(chosen.body) == 1, function_text(chosen)
    assert decided > 30


@pytest.mark.parametrize("fn, args", [
    (z.too_deep, (np.array([0.5, -0.3]),)),  # (deeper than inlining goes: 4 levels)
    (z.depth_at_run_time, (np.array([0.5, -0.3]), 3)),
])
@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.jvp])
def test_a_recursion_not_decided_by_literals_stays_refused(fn, args, transform):
    check_refusal(fn, args, ("the recursive call to", "power(x, n - 1)", "4 levels"), transform)
