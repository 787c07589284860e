"""Every derivative rule, operator and method form against central finite differences.

The rows are in ``tests/rules/`` (one module per rule family); the reference is
``helpers.numeric_grad`` (float64).
"""

from __future__ import annotations

import colorsys
import copy
import importlib
import importlib.util
import inspect
import os
import subprocess
import sys
import warnings
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from helpers import assert_grad_close, assert_specialized, numeric_grad, random_value, seed_for, specialize
from rules import TABLE, Const, Row

import tangentish
from tangentish import runtime
from tangentish.registry import ADJOINT, REGISTRY, Pending, Registry, Template

RTOL, ATOL = 1e-5, 1e-7


def make_args(row: Row) -> list[Any]:
    """The row's inputs, drawn from a generator seeded by the row's name."""
    rng = np.random.default_rng(seed_for(row.id))
    args = [spec.value if isinstance(spec, Const) else random_value(rng, spec, domain)
            for spec, domain in zip(row.shapes, row.domains(), strict=True)]
    return row.setup(args) if row.setup is not None else args


def positions(wrt: int | tuple[int, ...]) -> tuple[list[int], bool]:
    single = not isinstance(wrt, tuple)
    return ([wrt] if single else list(wrt)), single


@pytest.mark.parametrize("row", TABLE, ids=lambda row: row.id)
def test_gradient_matches_finite_differences(row: Row) -> None:
    """The first call (the generic derivative) and the second (the derivative specialized to
    the arguments' shapes and dtypes, see tangentish/specialize.py), each against finite
    differences, neither changing its arguments."""
    args = make_args(row)
    snapshot = copy.deepcopy(args)
    derivative = tangentish.grad(row.fn, wrt=row.wrt)
    expected = None
    for call in ("first call", "second call (specialized)"):
        if expected is not None:
            specialize(derivative, args)
        gradient = derivative(*args)
        for before, after in zip(snapshot, args, strict=True):
            assert type(before) is type(after) and np.array_equal(before, after, equal_nan=True), (
                f"{row.id}: the derivative modified its input")
        if expected is None:
            expected = numeric_grad(row.fn, args, row.wrt)
        else:
            assert_specialized(derivative, args)
        _check_gradient(row, args, gradient, expected, f"{row.id} ({call})")


def _check_gradient(row: Row, args: list, gradient: object, expected: object, name: str) -> None:
    where, single = positions(row.wrt)
    assert isinstance(gradient, tuple) is not single
    actual_all = (gradient,) if single else gradient
    expected_all = (expected,) if single else expected
    assert len(actual_all) == len(where)
    for position, actual, wanted in zip(where, actual_all, expected_all, strict=True):
        label = f"{name}: gradient of argument {position}"
        argument = args[position]
        assert np.shape(actual) == np.shape(argument), label
        assert np.result_type(actual) == np.float64, f"{label}: dtype {np.result_type(actual)}"
        if isinstance(argument, float):
            assert isinstance(actual, float), f"{label}: a {type(actual).__name__} for a float"
        assert np.all(np.isfinite(actual)), label
        if np.isnan(argument).any():  # a NaN element cannot be stepped; NaN-skipping rules give it 0
            assert np.all(np.asarray(actual)[np.isnan(argument)] == 0.0), label
            wanted = np.where(np.isnan(argument), 0.0, wanted)
        assert_grad_close(actual, wanted, rtol=RTOL, atol=ATOL, label=label)


# -- coverage: every adjoint rule that the library registers has a row that exercises it ----------


def active_rule_keys(row: Row) -> set[Hashable]:
    """The rule keys of the operations in ``row.fn`` through which a derivative flows."""
    from tangentish.ir import note
    from tangentish.passes.activity import analyze
    from tangentish.passes.dataflow import defined_name, statements
    from tangentish.passes.desugar import desugar
    from tangentish.passes.normalize import normalize
    from tangentish.pipeline import resolve_wrt
    from tangentish.syntax.fence import fence
    from tangentish.syntax.parse import parse_function

    info = parse_function(row.fn)
    fence(info)
    desugar(info)
    norm = normalize(info)
    wrt, _ = resolve_wrt(info, norm.params, row.wrt)
    active = analyze(norm, wrt).active
    return {note(stmt).op.key for stmt in statements(norm.body)
            if note(stmt).op is not None and note(stmt).op.key is not None
            and defined_name(stmt) in active}


def library_adjoints() -> dict[Hashable, Template]:
    """Adjoint templates registered by ``tangentish.rules`` (not by tests or users)."""
    return {key: template for (kind, key), template in REGISTRY.templates.items()
            if kind == ADJOINT
            and str(template.namespace.get("__name__", "")).startswith("tangentish.rules.")}


# Helpers whose rules only refuse (they raise whenever the derivative they guard is needed): no row
# can run through them; test_refusing_helpers_refuse checks that they do.
REFUSING = (runtime.no_derivative, runtime.no_tangent, runtime.average_weights,
            runtime.unnorm_partial, runtime.divided_slopes)


def test_every_adjoint_rule_has_a_row() -> None:
    covered: set[Hashable] = set(REFUSING)
    if not hasattr(np.linalg.svd(np.eye(2)), "S"):  # (NumPy 1.x names no result's fields: its
        covered.add(runtime.named_field)  # rows, attr_named_fields*, are NumPy 2's)
    if np.linalg.eigvals(np.eye(2)).dtype.kind != "f":  # (NumPy 2.5's eig is complex always:
        covered |= {np.linalg.eig, np.linalg.eigvals}  # refused there, its rows left out)
    for row in TABLE:
        covered |= active_rule_keys(row)
    missing = sorted(f"{template.name} ({template.origin})"
                     for key, template in library_adjoints().items() if key not in covered)
    assert not missing, f"adjoint rules without a table row: {missing}"


def test_numpy_2_1_cumulative_rows() -> None:
    """``np.cumulative_sum``/``cumulative_prod`` (``include_initial=`` too) have rows where NumPy
    has them; NumPy 1.x has neither function nor rule, and says so here rather than silently."""
    if not hasattr(np, "cumulative_sum"):
        pytest.skip("np.cumulative_sum and np.cumulative_prod are NumPy >= 2.1")
    ids = {row.id for row in TABLE}
    assert {"red_cumulative", "red_cumulative_initial"} <= ids


def _uses_weights(x, w):  # (with returned=: refused; else differentiated)
    return np.sum(np.average(x, axis=0, weights=w, returned=True)[0])


def test_refusing_helpers_refuse() -> None:
    with pytest.raises(tangentish.UnsupportedConstructError, match="weights"):
        tangentish.grad(_uses_weights, wrt=1)(np.arange(4.0), np.ones(4))
    with pytest.raises(tangentish.UnsupportedConstructError, match="weights"):
        tangentish.jvp(_uses_weights, wrt=1)(np.arange(4.0), np.ones(4), w_dot=np.ones(4))
    assert tangentish.jvp(_uses_weights, wrt=1)(np.arange(4.0), np.ones(4), w_dot=np.zeros(4))[1] == 0
    with pytest.raises(tangentish.UnsupportedConstructError):
        runtime.no_derivative(1.0, "x")


def test_every_adjoint_rule_has_a_tangent() -> None:
    tangents = {key for (kind, key) in REGISTRY.templates if kind != ADJOINT}
    missing = sorted(template.name for key, template in library_adjoints().items()
                     if key not in tangents)
    assert not missing, f"adjoint rules without a tangent rule: {missing}"


def test_row_ids_are_unique() -> None:
    ids = [row.id for row in TABLE]
    assert len(ids) == len(set(ids))


# -- the reference itself --------------------------------------------------------------------------


def test_numeric_grad_of_a_known_function() -> None:
    x = np.array([0.3, -1.2, 2.0])
    grad = numeric_grad(lambda v, s: float(np.sum(np.sin(v) * s)), [x, 2.5], wrt=(0, 1))
    assert_grad_close(grad[0], 2.5 * np.cos(x))
    assert isinstance(grad[1], float)
    assert_grad_close(grad[1], float(np.sum(np.sin(x))))
    assert np.array_equal(x, [0.3, -1.2, 2.0])


# -- installed packages are not the user's code ------------------------------------------------------


def _calls_an_installed_python_function(x):
    return colorsys.rgb_to_yiq(x, 0.5, 0.25)[0]  # a Python function of the standard library


def test_installed_package_names_library_functions() -> None:
    from tangentish.libraries import installed_package

    assert installed_package(colorsys.rgb_to_yiq) == "colorsys"
    assert installed_package(_calls_an_installed_python_function) is None
    assert installed_package(np.sin) is None  # a ufunc: rules or MissingRuleError already
    # a wrapper compiled from a string (NumPy 1.x's `<__array_function__ internals>`) belongs to
    # the package of its module
    namespace: dict = {}
    exec(compile("def wrapper(x):\n    return x\n", "<generated internals>", "exec"), namespace)
    wrapper = namespace["wrapper"]
    wrapper.__module__ = "numpy"
    assert installed_package(wrapper) == "numpy"


def test_a_library_function_without_a_rule_is_a_missing_rule() -> None:
    with pytest.raises(tangentish.MissingRuleError, match="rgb_to_yiq"):
        tangentish.grad(_calls_an_installed_python_function)(0.3)


# -- coverage of NumPy and math: every public function has a rule, a declaration or a reason -------


def test_numpy_and_math_are_covered_or_explained() -> None:
    from tangentish.rule_listing import both_rules_count, missing_rules

    missing = missing_rules()
    assert all(not missing[prefix] for prefix in ("np", "np.linalg", "np.fft", "math")), missing
    counts = both_rules_count()
    # NumPy 2 adds functions of its own (numpy.linalg's array-API spellings, cumulative_sum...),
    # and counts more; NumPy 1.x (from 1.24) must reach the same 220 with the functions it has
    assert counts["numpy"] + counts["math"] >= 220, counts


def test_every_runtime_helpers_rule_takes_all_of_its_parameters() -> None:
    """Generated code calls a runtime helper with any of its parameters (``add_at(..., unique=True)``
    in a scatter's adjoint); a rule of that helper that does not take one refuses that derivative
    code's derivative (hvp of InfoNCE did), so every rule takes every named parameter."""
    for name in ("scipy.stats", "scipy.special", "scipy.linalg", "scipy.signal"):  # (their rules
        if importlib.util.find_spec(name.split(".")[0]) is not None:  # of runtime helpers)
            importlib.import_module(name)
    short, checked = [], 0
    for module in runtime.families():
        for name, fn in vars(module).items():
            if not inspect.isfunction(fn) or fn.__module__ != module.__name__ or name[0] == "_":
                continue
            wanted = [p.name for p in inspect.signature(fn).parameters.values()
                      if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
            for kind in (ADJOINT, "tangent"):
                template = REGISTRY.lookup(kind, fn)
                checked += template is not None
                if template is not None and set(wanted) - set(template.params):
                    short.append((name, kind, sorted(set(wanted) - set(template.params))))
    assert checked > 300 and short == []


def test_left_out_functions_have_no_rule() -> None:
    """The listing's reasons stay true: a function listed as left out has no rule."""
    from tangentish.rule_gaps import LEFT_OUT
    from tangentish.rule_listing import _modules

    modules = dict(_modules())
    for dotted in LEFT_OUT:
        prefix, _, name = dotted.rpartition(".")
        fn = getattr(modules.get(prefix), name, None)  # (scipy.special's: only with SciPy)
        if fn is not None:
            assert not REGISTRY.known(fn) and REGISTRY.lookup("tangent", fn) is None, dotted


def test_a_left_out_function_is_refused_with_its_reason() -> None:
    """Every function left without a rule on purpose, met in differentiated code, is refused
    with the listing's reason as the hint (not the hint to register a rule)."""
    import numpy.fft  # noqa: F401  (the np.fft names resolve once it is imported)

    from tangentish.passes.binding import missing_rule_hint
    from tangentish.rule_gaps import LEFT_OUT, left_out
    from tangentish.rule_listing import _modules

    modules, seen = dict(_modules()), 0
    for dotted, reason in LEFT_OUT.items():
        prefix, _, name = dotted.rpartition(".")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fn = getattr(modules.get(prefix), name, None)
        if fn is None:
            continue
        seen += 1
        assert left_out(fn) == (dotted, reason)
        assert missing_rule_hint(fn) == f"`{dotted}` is left without a rule on purpose: {reason}"
    assert seen >= 30 and left_out(np.sin) is None and left_out(len) is None


def _ix_of_values(x):
    return np.sum(np.ix_(x)[0] ** 2)  # (np.ix_ of a float array returns its values)


def _ix_of_indices(x):
    return np.sum(np.arange(16.0).reshape(4, 4)[np.ix_(x > 0.5, [0, 1])] * x[1])


def test_np_ix_is_refused_where_its_values_vary() -> None:
    """np.ix_ was declared non-differentiable, so np.ix_ of a float array that varies (its values,
    reshaped) had a silent 0 gradient; it is left out with its reason, and an index it builds
    from integers and masks is differentiated as before (closed form: rows 2 and 3, columns 0
    and 1, summed)."""
    x = np.array([0.31, 0.47, 0.62, 0.83])
    with pytest.raises(tangentish.MissingRuleError, match="np.ix_"):
        tangentish.grad(_ix_of_values)(x)
    np.testing.assert_allclose(tangentish.grad(_ix_of_indices)(x), [0.0, 42.0, 0.0, 0.0])


def _power_spectrum(x):
    return np.sum(np.abs(np.fft.rfft(x)) ** 2 * np.arange(4.0))


def _power_spectrum_as_real_products(x):  # rfft(x) is cos(w) @ x - 1j * (sin(w) @ x)
    n = x.shape[0]
    w = 2 * np.pi * np.arange(n // 2 + 1)[:, None] * np.arange(n) / n
    return np.sum(((np.cos(w) @ x) ** 2 + (np.sin(w) @ x) ** 2) * np.arange(4.0))


def test_the_power_spectrum_through_complex_values_matches_its_real_form() -> None:
    """(np.fft was refused before its rules followed a complex convention: the refusal's hint
    wrote the real form, now the independent reference of the complex path.)"""
    x = np.random.default_rng(5540).standard_normal(6)
    np.testing.assert_allclose(_power_spectrum_as_real_products(x), _power_spectrum(x))
    np.testing.assert_allclose(tangentish.grad(_power_spectrum)(x),
                               tangentish.grad(_power_spectrum_as_real_products)(x), rtol=1e-10)


# -- refusals: where a rule does not apply, an error names it, never a number -------------------------


def _svd_full(x):
    return np.sum(np.linalg.svd(x)[0] ** 3)


def _svd_full_thin_parts(x):  # a full SVD (the default) of a non-square matrix, read in its
    u, s, vh = np.linalg.svd(x)  # values and its thin factors only: a derivative exists
    k = min(x.shape)
    return np.sum(s ** 2) + np.sum(u[:, :k] ** 3) + np.sum(vh[:k] * np.cos(vh[:k]))


def _svd_full_values(x):
    return np.sum(np.linalg.svd(x)[1] * np.arange(1.0, min(x.shape[-2:]) + 1.0))


@pytest.mark.parametrize("fn", [_svd_full_thin_parts, _svd_full_values])
@pytest.mark.parametrize("shape", [(4, 3), (3, 4), (2, 4, 3)])
def test_a_full_svd_of_a_non_square_matrix_read_in_its_thin_parts(fn, shape):
    """Only the extra singular vectors (past ``min(m, n)``) have no derivative: the gradient of a
    loss of the values and the thin factors is differentiated (it was refused), against finite
    differences; forward mode, whose tangent carries the extra vectors, still refuses."""
    if len(shape) == 3 and fn is _svd_full_thin_parts:
        shape = shape[1:]
    x = np.random.default_rng(7).standard_normal(shape) + np.eye(*shape[-2:])
    assert_grad_close(tangentish.grad(fn)(x), numeric_grad(fn, (x,)), rtol=1e-5, atol=1e-7)
    with pytest.raises(tangentish.TangentishError, match="full_matrices"):
        tangentish.jvp(fn)(x, x_dot=np.ones_like(x))


def _qr_wide(x):
    return np.sum(np.linalg.qr(x)[1] ** 3)


def _lstsq_rank_deficient(a):
    return np.sum(np.linalg.lstsq(a * np.array([1.0, 1.0, 0.0]), np.ones(4), rcond=None)[0])


def _lstsq_wide(a):
    return np.sum(np.linalg.lstsq(a.T, np.ones(3), rcond=None)[0])


def _pad_ramp_to(x, c):  # (linear_ramp's end_values are held constant)
    return np.sum(np.pad(x, 1, mode="linear_ramp", end_values=c) ** 2)


def _pad_empty(x):  # (NumPy leaves the padding uninitialized: in both modes, refused)
    return np.sum(np.pad(x, 1, mode="empty")[1:-1] ** 2)


def _pad_per_side(x, c):
    return np.sum(np.pad(x, 1, constant_values=(c, 2.0 * c)))


_SUBLIST = [0, 1]


def _einsum_interleaved(x):  # (sublists written out: lowered, tests/test_call_variants_products)
    return np.sum(np.einsum(x, _SUBLIST, [1]))


_ROTATION = np.array([[0.0, 1.0], [-1.0, 0.0]])  # (eigenvalues +-i)


def _eigvals_complex(x):  # (reverse mode: refused at `.real`; forward: at the eigenvalues)
    return np.sum(np.linalg.eigvals(_ROTATION + 0.1 * x).real)


def _eig_complex(x):
    w, v = np.linalg.eig(_ROTATION + 0.1 * x)
    return np.sum(w ** 2) + np.sum(v.real)


def _linspace_retstep(a):
    return np.linspace(a, 2.0, 5, retstep=True)[1]


def _r_directive(x):
    return np.sum(np.r_["0,2", x, x])


def _r_slice_of_a_value(x):
    n = 3
    return np.sum(np.r_[x, 0:n])


def _median_overwrite(x):
    return np.median(x, overwrite_input=True)


def _median_overwrite_by_position(x):
    return np.median(x, None, None, True)


def _quantile_discontinuous(x):
    return np.quantile(x, 0.3, method="inverted_cdf")


def _nanquantile_axes_q2d(x):
    return np.sum(np.nanquantile(x, np.array([[0.2], [0.7]]), axis=(0, 2)))


def _hypot_accumulate(x):
    return np.sum(np.hypot.accumulate(x))


def _add_reduce_initial(x):
    return np.add.reduce(x, initial=1.0)


def _multiply_reduceat(x):  # (np.add.reduceat has a rule)
    return np.sum(np.multiply.reduceat(x, [0, 2]))


def _var_ddof_and_correction(x):  # (a ValueError in NumPy; the rule names correction=)
    return np.var(x, ddof=1, correction=1)


def _vector_norm_two_axes(x):
    return np.linalg.vector_norm(x, axis=(0, 1))


SCIPY_LINALG = importlib.import_module("scipy.linalg") if importlib.util.find_spec("scipy") \
    else None


SCIPY_DISTANCE = importlib.import_module("scipy.spatial.distance") \
    if importlib.util.find_spec("scipy") else None


def _cdist_cosine(a):  # (cdist and pdist are lowered for the metrics NumPy's norm and sums give)
    return np.sum(SCIPY_DISTANCE.cdist(a, a, "cosine"))


def _solve_triangular_overwrite(a, b):
    return np.sum(SCIPY_LINALG.solve_triangular(a, b, overwrite_b=True))


def _pinv_cut_by_scipy(a):  # (a singular value SciPy's max(M, N) * eps cuts, NumPy's 1e-15 not)
    return np.sum(SCIPY_LINALG.pinv(a))


_CUT = np.diag(np.r_[np.ones(19), 3e-15])


def _quantile_in_q(x, q):
    return np.quantile(x, q)


def _gradient_coordinates(x, c):
    return np.sum(np.gradient(x, c) ** 2)


def _gradient_spacing_per_axis(x, h):
    return np.sum(np.gradient(x, h, 0.5)[0] ** 2)


@pytest.mark.parametrize("fn, args, wrt, match, forward_too", [
    (_r_directive, (np.arange(3.0),), 0, "directive string", True),
    (_r_slice_of_a_value, (np.arange(3.0),), 0, "bounds are numbers", True),
    (_svd_full, (np.arange(6.0).reshape(3, 2) + np.eye(3, 2),), 0, "full_matrices", True),
    (_qr_wide, (np.arange(6.0).reshape(2, 3) + np.eye(2, 3),), 0, "more columns", True),
    (_lstsq_rank_deficient, (np.arange(12.0).reshape(4, 3) % 5,), 0, "of rank 2", True),
    (_lstsq_wide, (np.arange(12.0).reshape(4, 3) % 5,), 0, "3x4", True),
    (_pad_ramp_to, (np.arange(4.0), 1.0), 1, "end_values", True),
    (_pad_empty, (np.arange(4.0),), 0, "mode='empty'", True),
    (_pad_per_side, (np.arange(4.0), 1.0), 1, "one number", False),
    (_einsum_interleaved, (np.ones((2, 3)),), 0, "interleaved", True),
    (_eigvals_complex, (np.eye(2),), 0, "complex", True),
    (_eig_complex, (np.eye(2),), 0, "complex", True),
    (_linspace_retstep, (0.5,), 0, "retstep", False),
    (_median_overwrite, (np.arange(4.0),), 0, "overwrite_input", True),
    (_median_overwrite_by_position, (np.arange(4.0),), 0, "overwrite_input", True),
    (_quantile_discontinuous, (np.arange(4.0),), 0, "inverted_cdf", True),
    (_quantile_in_q, (np.arange(4.0), 0.3), 1, "in its q", True),
    (_gradient_coordinates, (np.arange(4.0) ** 2, np.array([0.0, 0.5, 1.5, 2.0])), 1,
     "np.gradient's coordinates", True),
    (_gradient_spacing_per_axis, (np.arange(6.0).reshape(2, 3) ** 2, 0.7), 1,
     "np.gradient's spacing", True),
    (_hypot_accumulate, (np.arange(3.0),), 0, "np.hypot.accumulate", True),
    (_add_reduce_initial, (np.arange(3.0),), 0, "np.add.reduce", True),
    (_multiply_reduceat, (np.arange(3.0),), 0, "np.multiply.reduceat", True),
    (_nanquantile_axes_q2d, (np.arange(24.0).reshape(2, 3, 4),), 0, "two or more dimensions",
     True),
    pytest.param(_solve_triangular_overwrite, (np.eye(2) * 2.0, np.ones(2)), 1, "overwrite_b",
                 True, marks=pytest.mark.skipif(importlib.util.find_spec("scipy") is None,
                                                reason="SciPy is optional")),
    pytest.param(_pinv_cut_by_scipy, (_CUT,), 0, "rank-deficient", True,
                 marks=pytest.mark.skipif(importlib.util.find_spec("scipy") is None,
                                          reason="SciPy is optional")),
    pytest.param(_cdist_cosine, (np.arange(4.0).reshape(2, 2),), 0, "only for the metrics", True,
                 marks=pytest.mark.skipif(importlib.util.find_spec("scipy") is None,
                                          reason="SciPy is optional")),
    pytest.param(_var_ddof_and_correction, (np.arange(3.0),), 0, "correction=", True,
                 marks=pytest.mark.skipif(
                     "correction" not in inspect.signature(np.var).parameters,
                     reason="NumPy 2's correction=")),
    pytest.param(_vector_norm_two_axes, (np.arange(6.0).reshape(2, 3),), 0, "several axes", True,
                 marks=pytest.mark.skipif(not hasattr(np.linalg, "vector_norm"),
                                          reason="NumPy 2's np.linalg.vector_norm")),
], ids=["r-directive", "r-slice-of-a-value", "svd-full", "qr-wide", "lstsq-rank-deficient",
        "lstsq-wide", "pad-ramp-to", "pad-empty", "pad-per-side",
        "einsum-interleaved", "eigvals-complex", "eig-complex", "linspace-retstep",
        "median-overwrite",
        "median-overwrite-by-position", "quantile-discontinuous", "quantile-in-q",
        "gradient-coordinates", "gradient-spacing-per-axis",
        "hypot-accumulate", "add-reduce-initial", "multiply-reduceat",
        "nanquantile-axes-q2d", "solve-triangular-overwrite", "pinv-cut-by-scipy", "cdist-cosine",
        "var-ddof-and-correction",
        "vector-norm-two-axes"])
def test_rules_refuse_what_they_do_not_differentiate(fn, args, wrt, match, forward_too) -> None:
    with pytest.raises(tangentish.TangentishError, match=match):
        tangentish.grad(fn, wrt=wrt)(*args)
    if not forward_too:  # forward mode is exact there: check it against finite differences
        value, derivative = tangentish.jvp(fn, wrt=wrt)(
            *args, **{f"{list(inspect.signature(fn).parameters)[wrt]}_dot": np.ones_like(args[wrt])})
        moved = list(args)
        moved[wrt] = args[wrt] + 1e-6 * np.ones_like(args[wrt])
        np.testing.assert_allclose(derivative, (fn(*moved) - value) / 1e-6, rtol=1e-4, atol=1e-6)
        return
    tangent = {f"{list(inspect.signature(fn).parameters)[wrt]}_dot": np.ones_like(args[wrt])}
    with pytest.raises(tangentish.TangentishError, match=match):
        tangentish.jvp(fn, wrt=wrt)(*args, **tangent)


def test_gradient_adjoint_is_linear_in_the_length() -> None:
    """np.gradient's adjoint reads each element's neighbours (a stencil of three, O(n)), never the
    n x n difference matrix: 200,000 points (320 GB as a matrix) in a few MB, equal to the matrix's
    transpose where that fits."""
    import tracemalloc

    from tangentish import runtime
    rng = np.random.default_rng(3701)
    for n, spacing in ((7, 0.3), (9, np.cumsum(rng.uniform(0.2, 1.0, 9)))):
        g = rng.standard_normal(n)
        for order in (1, 2):
            matrix = np.gradient(np.eye(n), spacing, axis=0, edge_order=order)
            np.testing.assert_allclose(runtime.ungradient(g, g, spacing, order), matrix.T @ g,
                                       rtol=1e-12, atol=1e-12)
    g = rng.standard_normal(200_000)
    tracemalloc.start()
    try:
        runtime.ungradient(g, g, 0.5, 2)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * g.nbytes, peak


# -- rules parsed on first lookup; SciPy imported with its rules only ---------------------------------


def test_every_library_rule_parses_and_passes_its_checks() -> None:
    """The library's rules are registered unparsed (parsed on first lookup): reading them all
    parses and checks every one, so a malformed one fails here rather than in a user's grad()."""
    templates = REGISTRY.templates
    assert templates and all(isinstance(t, Template) for t in templates.values())
    assert not any(isinstance(entry, Pending) for entry in REGISTRY.entries.values())


def test_a_pending_rule_is_parsed_once_and_its_error_raised_at_lookup() -> None:
    registry, calls = Registry(), []

    def build() -> Template:
        calls.append(1)
        raise tangentish.RuleDefinitionError("rule 'bad' (here.py:1): the template assigns nothing")

    registry.add_pending(ADJOINT, np.sin, build)
    assert registry.version(np.sin) == 1 and registry.has(ADJOINT, np.sin)
    for _ in range(2):  # raised at every lookup, never taken for "no rule"
        with pytest.raises(tangentish.RuleDefinitionError, match="assigns nothing"):
            registry.lookup(ADJOINT, np.sin)
    assert len(calls) == 2


_NO_SCIPY = """
import sys
import numpy as np
fft_before = "numpy.fft" in sys.modules  # (NumPy 1.x imports it; 2.x on first use)
import tangentish

def f(x):
    return np.sum(np.tanh(x) * np.exp(x) + x ** 2)

tangentish.grad(f)(np.ones(3))
tangentish.jvp(f)(np.ones(3), x_dot=np.ones(3))
assert "scipy" not in sys.modules, sorted(m for m in sys.modules if m.startswith("scipy"))
assert fft_before or "numpy.fft" not in sys.modules

def shifted(x):
    return np.sum(np.fft.fftshift(x) * np.arange(4.0))

assert np.allclose(tangentish.grad(shifted)(np.ones(4)), np.fft.ifftshift(np.arange(4.0)))
try:
    import scipy.special as sps
except ImportError:
    sys.exit(0)

def g(x):
    return np.sum(sps.expit(x) * sps.gammaln(x + 2.0))

x = np.array([0.3, 1.5])
expected = (sps.expit(x) * (1.0 - sps.expit(x)) * sps.gammaln(x + 2.0)
            + sps.expit(x) * sps.digamma(x + 2.0))
assert np.allclose(tangentish.grad(g)(x), expected)
"""


def test_tangentish_imports_scipy_only_with_its_rules(tmp_path: Path) -> None:
    """``import tangentish`` and a NumPy-only grad() import no SciPy (nor ``numpy.fft``, on NumPy
    2); scipy.special's rules (``np.fft``'s) are there once the user imports it."""
    root = str(Path(tangentish.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [root, *filter(None, [os.environ.get("PYTHONPATH")])])}
    script = tmp_path / "no_scipy.py"  # (a file: tangentish reads the functions' source)
    script.write_text(_NO_SCIPY, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            env=env, timeout=300, check=False)
    assert result.returncode == 0, result.stderr


def _run_script(tmp_path: Path, name: str, text: str) -> subprocess.CompletedProcess:
    """Run ``text`` as a file in a fresh interpreter that imports this tangentish."""
    root = str(Path(tangentish.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [root, *filter(None, [os.environ.get("PYTHONPATH")])]), "TANGENTISH_SOURCE_DIR": ""}
    script = tmp_path / name
    script.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          env=env, timeout=300, check=False)


_RUNTIME_RULES_LATER = """
import sys
import numpy as np
import tangentish

W = np.linspace(0.5, 1.5, 6).reshape(2, 3)

def f(x):
    return np.sum(np.tanh(x * W) * x)

x, v = np.array([0.3, -0.2, 0.7]), np.array([1.0, 0.5, -0.25])
gradient = tangentish.grad(f)
tangentish.jvp(f)(x, x_dot=v)
assert "_rt.unbroadcast(" in gradient.source  # (the derivative of derivative code asks for it)
lazy = ("tangentish.rules.runtime_families", "tangentish.rules.runtime_helpers")
assert not any(m in sys.modules for m in lazy), [m for m in lazy if m in sys.modules]
h = 1e-6
expected = (gradient(x + h * v) - gradient(x - h * v)) / (2 * h)
assert np.allclose(tangentish.hvp(f)(x, v), expected, rtol=1e-6, atol=1e-8)
assert all(m in sys.modules for m in lazy)

def spectrum(x):  # (its gradient calls _rt.dft_adjoint, real code: complex_forms, its rule's
    return np.sum(np.sin(np.fft.irfft(x)) * W[0, :1])  # module, was never imported: call-led
gradient = tangentish.grad(spectrum)  # fuzz seed 1485 program 6, hvp MissingRuleError)
expected = (gradient(x + h * v) - gradient(x - h * v)) / (2 * h)
assert np.allclose(tangentish.hvp(spectrum)(x, v), expected, rtol=1e-6, atol=1e-8)
"""


def test_runtime_helpers_rules_are_imported_on_the_first_question_about_one(
        tmp_path: Path) -> None:
    """A first-order grad() or jvp() never asks about tangentish's runtime helpers, so their rules'
    modules are not imported (a first grad() pays nothing for them); differentiating derivative
    code asks, imports them, and gets the second derivative right (central differences)."""
    result = _run_script(tmp_path, "runtime_rules_later.py", _RUNTIME_RULES_LATER)
    assert result.returncode == 0, result.stderr


_LAZY_AGAINST_EAGER = """
import gast
import tangentish.rules
from tangentish.registry import REGISTRY, Pending
from tangentish.rule_forms import check_parameters

REGISTRY.provide_all()  # (the runtime helpers' rules are imported on a first question otherwise)

def summary(t):
    return (t.key, t.kind, t.name, t.result, t.params,
            {k: gast.dump(v) for k, v in t.defaults.items()}, [gast.dump(s) for s in t.body],
            t.origin, dict(t.namespace), t.positions)

pending = {slot: e for slot, e in REGISTRY.entries.items() if isinstance(e, Pending)}
assert len(pending) > 500, len(pending)
eager = {}
for slot, entry in pending.items():
    make = entry.build.args[0]  # (functools.partial(_pick, make, slot))
    if id(make) not in eager:  # the whole registration, built at once as a user's rule is
        eager[id(make)] = {(t.kind, t.key): summary(check_parameters(t.key, t))
                           for t in make(None)}
    whole = eager[id(make)]
    assert slot in whole, slot
    alone = REGISTRY.lookup(*slot)  # built lazily, alone
    assert summary(alone) == whole[slot], slot
assert not any(isinstance(e, Pending) for e in REGISTRY.entries.values())
print(len(pending))
"""


def test_every_rule_built_alone_equals_its_registration_built_whole(tmp_path: Path) -> None:
    """A rule parsed on first lookup is built alone (its slot only); built alone it is the same
    template, field by field, as its registration built whole and checked the way a user's rule
    is at registration (so laziness can serve no different, stale or missing rule)."""
    result = _run_script(tmp_path, "lazy_against_eager.py", _LAZY_AGAINST_EAGER)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split()[-1]) > 500


_REGISTERED_AFTER_FIRST_USE = """
import math
import sys
import numpy as np
sys.path.insert(0, {tests!r})
from helpers import numeric_grad
import tangentish
from tangentish.extend import elementwise
from tangentish.registry import REGISTRY, Pending

def f(x):
    return np.sum(np.tanh(x) * x)

def g(x):
    return math.tanh(x) * x

def numeric(fn, x):
    return numeric_grad(fn, (x,))

x = np.array([0.3, -1.2, 0.8])
before = tangentish.grad(f)
assert np.allclose(before(x), numeric(f, x), atol=1e-6)
assert isinstance(REGISTRY.entries[("tangent", np.tanh)], Pending)  # only the adjoint was built
# The user's rule for np.tanh, written differently, replaces the library's after it was used:
elementwise(np.tanh, lambda y, x: 1.0 / np.cosh(x) ** 2)
after = tangentish.grad(f)
assert after is not before and "np.cosh" in after.source, after.source
assert np.allclose(after(x), numeric(f, x), atol=1e-6)
value, tangent = tangentish.jvp(f)(x, x_dot=np.ones(3))
assert np.isclose(tangent, np.sum(numeric(f, x)), atol=1e-6)
# Its twin math.tanh keeps the library rule, still unparsed until asked for:
assert isinstance(REGISTRY.entries[("adjoint", math.tanh)], Pending)
derivative = tangentish.grad(g)
assert "cosh" not in derivative.source, derivative.source
assert math.isclose(derivative(0.4), (g(0.4 + 1e-6) - g(0.4 - 1e-6)) / 2e-6, abs_tol=1e-6)

def softsign(x):
    return x / (1.0 + np.abs(x))

elementwise(softsign, lambda y, x: 1.0 / (1.0 + np.abs(x)) ** 2)  # a new op, after first use

def h(x):
    return np.sum(softsign(x) ** 2)

assert np.allclose(tangentish.grad(h)(x), numeric(h, x), atol=1e-6)
"""


def test_a_rule_registered_after_the_first_grad_is_seen(tmp_path: Path) -> None:
    """In a fresh process (library rules still unparsed): a user's rule registered after a first
    grad() replaces the library rule it overrides (the cached derivative is rebuilt), leaves the
    twin it was declared with alone, and a rule for a new function is found."""
    script = _REGISTERED_AFTER_FIRST_USE.format(tests=str(Path(__file__).resolve().parent))
    result = _run_script(tmp_path, "registered_after_use.py", script)
    assert result.returncode == 0, result.stderr
