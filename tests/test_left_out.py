"""A varying value at a parameter its rule gives no derivative is refused, never taken as zero
(tangentish/passes/left_out.py).

Before: ``grad(lambda x, d: np.var(x, ddof=d), wrt=1)`` returned 0.0 where the derivative is
``var / (n - d)`` (1.1667 at x = [1, 2, 4], d = 1), ``np.std(x, ddof=d) * d`` lost the std's part of the
gradient in ``d``, and ``np.polynomial.chebyshev.chebder(c, 2, scl=d)`` (each derivative scaled
by ``scl``) gave 0.0 for 324.0: the built-in rules' left-out parameters were never checked.
"""

import foreign_layers
import numpy as np
import numpy.fft  # noqa: F401  (their rules are listed once their modules are imported)
import numpy.polynomial  # noqa: F401
import pytest
import scipy.linalg  # noqa: F401
import scipy.spatial.distance  # noqa: F401
import scipy.special  # noqa: F401
import scipy.stats  # noqa: F401
from helpers import assert_grad_close, numeric_grad

import tangentish
from tangentish.errors import MissingRuleError, UnsupportedConstructError
from tangentish.passes.binding import differentiated_params
from tangentish.passes.left_out import exempt
from tangentish.registry import REGISTRY

X = np.array([1.0, 2.0, 4.0, 3.5])


def var_of(x, d):
    return np.var(x, ddof=d)


def std_times(x, d):
    return np.std(x, ddof=d) * d


def nanvar_of(x, d):
    return np.nanvar(x, ddof=d)


def nanstd_of(x, d):
    return np.nanstd(x, ddof=d)


def cov_of(x, d):
    return np.sum(np.cov(np.stack([x, x * x]), ddof=d))


def var_method(x, d):
    return x.var(ddof=d)


def ddof_through_a_name(x, d):
    k = d * 0.5
    return np.sqrt(np.var(x, ddof=k))


def chebder_scaled(x, d):  # (each differentiation multiplied by scl: d/dscl is not 0)
    return np.sum(np.polynomial.chebyshev.chebder(x, 2, d))


def cov_of_two(x, d):  # (y joined to m before the rule: differentiated, in both modes)
    return np.sum(np.cov(x, x * d) ** 2) + np.sum(np.corrcoef(x, np.sin(x * d)))


REFUSED = [var_of, std_times, nanvar_of, nanstd_of, cov_of, var_method, ddof_through_a_name,
           chebder_scaled]


@pytest.mark.parametrize("mode", ["grad", "jvp"])
@pytest.mark.parametrize("fn", REFUSED, ids=lambda f: f.__name__)
def test_a_varying_ddof_is_refused(fn, mode):
    with pytest.raises(MissingRuleError, match="'(ddof|scl)', which varies") as info:
        if mode == "grad":
            tangentish.grad(fn, wrt=(0, 1))(X, 1.0)
        else:
            tangentish.jvp(fn, wrt=(0, 1))((X, 1.0), (np.ones_like(X), 1.0))
    assert "does not vary" in str(info.value)  # (the hint)


def ddof_of_constants(x, d):
    return np.var(x, ddof=len(x) - 3) * d


def ddof_truncated(x, d):
    return np.std(x, ddof=int(d)) * d  # (int(d): piecewise constant in d, derivative 0 there)


@pytest.mark.parametrize("fn", [ddof_of_constants, ddof_truncated, cov_of_two],
                         ids=lambda f: f.__name__)
def test_what_does_not_vary_at_a_left_out_parameter_is_differentiated(fn):
    got = tangentish.grad(fn, wrt=(0, 1))(X, 1.25)
    expected = numeric_grad(fn, (X, 1.25), wrt=(0, 1))
    for part, want in zip(got, expected, strict=True):
        assert_grad_close(part, want)
    direction = (np.linspace(-1.0, 1.0, X.size), 0.5)
    _, tangent = tangentish.jvp(fn, wrt=(0, 1))(X, 1.25, x_dot=direction[0], d_dot=direction[1])
    assert np.isclose(tangent, expected[0] @ direction[0] + expected[1] * direction[1])


def test_every_left_out_parameter_of_a_built_in_rule_is_classified():
    """Every parameter a built-in rule gives no derivative is either one a derivative may leave
    out (left_out.DISCRETE, DISCRETE_OF: counts, indices, flags, thresholds, shapes) or one
    refused where it varies (below, each refused above); a new rule adding another must say
    which (a refusal is the default: sound, but a clear error for ordinary code)."""
    refused = {("var", "ddof"), ("std", "ddof"), ("nanvar", "ddof"), ("nanstd", "ddof"),
               ("cov", "ddof"),
               ("cov", "y"), ("corrcoef", "y"),  # (a y written in the call is joined to m first)
               *((f"{kind}der", "scl") for kind in ("poly", "cheb", "leg", "lag", "herm", "herme"))}
    found = set()
    for (_, key), template in REGISTRY.templates.items():
        if (getattr(key, "__module__", None) or "").startswith("tangentish.") or not str(
                template.namespace.get("__name__", "")).startswith("tangentish."):
            continue  # (the runtime's helpers; rules other tests register)
        left = set(template.params) - differentiated_params(template) - {template.result}
        found |= {(getattr(key, "__name__", str(key)), p) for p in left if not exempt(key, p)}
    assert not found - refused, repr(sorted(found - refused))
    assert found >= refused


# `xp = namespace(x)` (array-API style) where passes/helper_modules.py cannot read the module (a
# helper of another file called in a loop): `xp` is the helper's varying result, and
# `xp.sum(v)` was read as the array method `ndarray.sum(xp, axis=v)`, its `axis` exempt as
# discrete: a gradient of 0 with no error (16 spellings: sum, mean, reshape, copy, take...,
# found by the mutation fuzzer, seed 31). A varying value at a parameter an array method leaves
# out means the receiver is no array (NumPy raises for a float axis): refused.
def module_sum(x):
    for _ in range(2):
        xp = foreign_layers.namespace(x)
    return xp.sum(np.sin(x) + 0.5)


def module_mean(x):
    for _ in range(2):
        xp = foreign_layers.namespace(x)
    return xp.mean(np.sin(x)) * 2.0


def module_reshape(x):
    for _ in range(2):
        xp = foreign_layers.namespace(x)
    return np.sum(xp.reshape(np.sin(x), (3,)))


def module_copy(x):
    for _ in range(2):
        xp = foreign_layers.namespace(x)
    return np.sum(xp.copy(np.sin(x)) ** 2)


@pytest.mark.parametrize("fn, mode", [(module_sum, "grad"), (module_mean, "jvp"),
                                      (module_reshape, "grad"), (module_copy, "grad")],
                         ids=lambda v: getattr(v, "__name__", v))
def test_a_varying_value_at_an_array_methods_axis_refuses_the_receiver(fn, mode):
    x = np.array([0.3, 0.5, 0.9])
    transform = tangentish.grad if mode == "grad" else tangentish.jvp
    with pytest.raises(UnsupportedConstructError, match="is probably a module"):
        transform(fn)(x) if mode == "grad" else transform(fn)(x, x_dot=np.ones(3))
