"""Every elementwise rule at the special points of its domain: 0, +-1, small integers and halves,
0 and 1 of a probability.  Where the function is finite and differentiable there (told from its
values alone: one-sided differences that converge and agree, or a domain edge with a derivative
from its one side), its derivative must be finite and match, in reverse and forward mode, and so
must its second derivative where the first is differentiable.  A formula that divides 0 by 0 at
such a point (``log(z) / (1 - z)`` at ``z = 1``, ``(E - K) / 2m`` at ``m = 0``), or a limit
branch right in value but constant (its derivative 0), is caught here.

The table (``tests/special_points.py``) lists NumPy's, ``math``'s and ``scipy.special``'s
elementwise functions with rules; ``test_the_sweep_covers_every_elementwise_rule`` keeps it
complete as rules are added.
"""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pytest
from helpers import module_from_text
from special_points import HAS_SCIPY, derivative, entries, module_text, sps_names

import tangentish
from tangentish.registry import ADJOINT, REGISTRY

ENTRIES = entries()
RTOL, ATOL = 1e-5, 1e-7


@pytest.fixture(scope="module")
def wrappers(tmp_path_factory):
    return module_from_text(tmp_path_factory.mktemp("special"), "special_wrappers", module_text())


def _quiet(fn):
    """``fn`` as a function of floats that gives NaN where it raises or warns (outside its
    domain, at a pole)."""
    def call(*args):
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                return float(fn(*args))
            except (ValueError, ZeroDivisionError, OverflowError, ArithmeticError,
                    tangentish.TangentishError):
                return math.nan
    return call


def _along(fn, args: tuple, k: int):
    return _quiet(lambda t: fn(*args[:k], t, *args[k + 1:]))


def _close(actual, expected) -> bool:
    return bool(np.isfinite(actual)) and abs(actual - expected) <= ATOL + RTOL * abs(expected)


def _check_point(fn, args: tuple, k: int) -> list[tuple[str, str]]:
    """What is wrong with the derivatives of ``fn`` in argument ``k`` at ``args``, as (order,
    message) pairs: nothing where the function is not differentiable there."""
    expected = derivative(_along(fn, args, k), args[k])
    if expected is None:
        return []
    first = tangentish.grad(fn, wrt=k)
    problems = []
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        for mode, got in (("grad", lambda: first(*args)),
                          ("jvp", lambda: tangentish.jvp(fn, wrt=k)(*args, **{f"x{k}_dot": 1.0})[1])):
            try:
                value = got()
            except Exception as exc:  # noqa: BLE001  (reported with the point)
                problems.append(("first", f"{mode}: {type(exc).__name__}: {exc}"))
                continue
            if not _close(value, expected):
                problems.append(("first", f"{mode}: {value!r}, expected {expected!r}"))
    curvature = derivative(_along(first, args, k), args[k])
    if curvature is not None:
        value = _quiet(tangentish.grad(first, wrt=k))(*args)
        if not _close(value, curvature):
            problems.append(("second", f"second derivative: {value!r}, expected {curvature!r}"))
    return problems


def _pole(*values: float) -> bool:
    return any(v <= 0 and v == int(v) for v in values)


# Points left wrong, each with its reason: (name, order, the points as a predicate of (args, k),
# why).  An entry that no longer meets a wrong point fails the test: take it out.
KNOWN = [
    ("sps.inv_boxcox", "first", lambda a, k: k == 1 and 1.0 + a[1] * a[0] == 0,
     "at the edge of the domain (1 + lmbda y = 0) the slope in lmbda is 0 * inf"),
    ("sps.inv_boxcox1p", "first", lambda a, k: k == 1 and 1.0 + a[1] * a[0] == 0, "as inv_boxcox"),
    ("sps.gammainc", "second", lambda a, k: a[1] == 0,
     "x^(a-1) exp(-x) as exp(xlogy(a - 1, x) - x): its slope at x = 0 is 0 * inf"),
    ("sps.gammaincc", "second", lambda a, k: a[1] == 0, "as gammainc"),
    ("sps.betainc", "second", lambda a, k: a[2] in (0.0, 1.0), "as gammainc, at x = 0 and 1"),
    ("sps.betaincc", "second", lambda a, k: a[2] in (0.0, 1.0), "as betainc"),
    ("sps.gdtr", "second", lambda a, k: a[2] == 0, "as gammainc (a x = 0)"),
    ("sps.gdtrc", "second", lambda a, k: a[2] == 0, "as gammainc (a x = 0)"),
    ("sps.pdtr", "second", lambda a, k: a[1] == 0, "as gammainc (m = 0)"),
    ("sps.pdtrc", "second", lambda a, k: a[1] == 0, "as gammainc (m = 0)"),
    ("sps.betaincinv", "second", lambda a, k: a[2] == 0, "as betainc, at its result x = 0"),
    ("sps.betainccinv", "second", lambda a, k: a[2] == 1, "as betainc, at its result x = 0"),
    ("sps.chdtri", "second", lambda a, k: a[1] == 1, "as gammainc, at its result x = 0"),
    ("sps.bdtr", "second", lambda a, k: a[2] in (0.0, 1.0), "as betainc, at p = 0 and 1"),
    ("sps.bdtrc", "second", lambda a, k: a[2] in (0.0, 1.0), "as betainc, at p = 0 and 1"),
    ("sps.nbdtr", "second", lambda a, k: a[2] in (0.0, 1.0), "as betainc, at p = 0 and 1"),
    ("sps.nbdtrc", "second", lambda a, k: a[2] in (0.0, 1.0), "as betainc, at p = 0 and 1"),
    ("sps.poch", "first", lambda a, k: _pole(a[0]) and _pole(a[0] + a[1]),
     "z and z + m both poles of Gamma (an integer m: a rational function of z), where the "
     "slope in z, finite, is y digamma(z + m) + Gamma(z + m) rgamma'(z) = 0 * inf + inf * c"),
    ("sps.struve", "second", lambda a, k: a[0] == 0 and a[1] == 0,
     "the slope of H_0' = (H_-1 - H_1) / 2 + 1 / pi at z = 0 meets (z / 2) ** -1 of H_-1'"),
    ("sps.modstruve", "second", lambda a, k: a[0] == 0 and a[1] == 0, "as struve"),
]
if HAS_SCIPY and sps_names().fdtri(1.0, 2.0, 0.0) == 0.0:  # (SciPy < 1.16: NaN at p = 0)
    KNOWN.append(("sps.fdtri", "second", lambda a, k: a[2] == 0, "as gammainc, at its result x = 0"))


@pytest.mark.parametrize("index", range(len(ENTRIES)), ids=[e[0] for e in ENTRIES])
def test_derivatives_at_special_points(wrappers, index) -> None:
    name, _, points, wrt = ENTRIES[index]
    fn = getattr(wrappers, f"f{index}")
    known = [entry for entry in KNOWN if entry[0] == name]
    problems, met = [], set()
    for args in itertools.product(*points):
        for k in wrt:
            for order, message in _check_point(fn, args, k):
                hits = [i for i, (_, o, points_of, _) in enumerate(known)
                        if o == order and points_of(args, k)]
                met.update(hits)
                if not hits:
                    problems.append(f"{name}{args} in argument {k}: {message}")
    problems += [f"KNOWN lists {name} ({entry[1]} order), now right everywhere: take it out"
                 for i, entry in enumerate(known) if i not in met]
    assert not problems, "\n".join(problems)


def _elementwise_keys() -> set:
    """Callables with an adjoint rule that are elementwise in their numbers: NumPy's ufuncs of one
    output, ``math``'s functions and, with SciPy, ``scipy.special``'s ufuncs."""
    modules = {"math"} | ({"scipy.special"} if HAS_SCIPY else set())
    special = _scipy().get("sps")  # (SciPy's ufuncs name no module: found by their names there)
    keys = set()
    REGISTRY.provide_all()  # (the families imported on demand too)
    for kind, key in list(REGISTRY.entries):
        if kind != ADJOINT:
            continue
        ufunc = isinstance(key, np.ufunc) and getattr(np, key.__name__, None) is key \
            and key.nout == 1 and key.__name__ not in ("matmul", "vecdot", "matvec", "vecmat")
        ufunc = ufunc or isinstance(key, np.ufunc) and key.nout == 1 and special is not None \
            and getattr(special, key.__name__, None) is key
        if ufunc or getattr(key, "__module__", None) in modules and callable(key):
            keys.add(key)
    return keys


# Elementwise keys the sweep leaves out, and why (each is checked elsewhere).
NOT_SWEPT = {
    "ldexp": "an integer exponent (tests/rules)",
    "nextafter": "steps to the next float: no special point",
    "fma": "a product and a sum (math.fma, Python >= 3.13)",
    "fsum": "a sum of a sequence", "prod": "a product of a sequence",
    "sumprod": "a dot product of two sequences (math.sumprod, Python >= 3.12)",
    "dist": "the distance of two sequences of coordinates (tests/rules: m_dist)",
    "logsumexp": "a reduction", "softmax": "a reduction", "log_softmax": "a reduction",
    "fresnel": "two outputs", "clip": "three operands, ties (tests/rules)",
    "conjugate": "the identity on reals", "real": "the identity on reals",
    "imag": "0 on reals", "angle": "piecewise constant on reals",
}


def test_the_sweep_covers_every_elementwise_rule(wrappers) -> None:
    tangentish.grad(wrappers.f0)(1.0)  # (loads the built-in rules, SciPy's with them)
    swept = {eval(name, {"np": np, "math": math, **_scipy()}) for name, *_ in ENTRIES}  # noqa: S307
    missing = sorted(getattr(key, "__name__", repr(key)) for key in _elementwise_keys() - swept
                     if getattr(key, "__name__", "") not in NOT_SWEPT)
    assert not missing, f"elementwise rules missing from tests/special_points.py: {missing}"


def _scipy() -> dict:
    if not HAS_SCIPY:
        return {}
    import scipy.special as sps
    return {"sps": sps}


def _richardson(f, x: float, h: float = 1e-3) -> tuple[float, float]:
    """The first and second derivative of a smooth ``f`` at ``x`` from its values: central
    differences at steps h and h/2, Richardson-extrapolated."""
    def at(step):
        up, mid, down = f(x + step), f(x), f(x - step)
        return (up - down) / (2.0 * step), (up - 2.0 * mid + down) / step ** 2
    (d1, d2), (e1, e2) = at(h), at(h / 2.0)
    return (4.0 * e1 - d1) / 3.0, (4.0 * e2 - d2) / 3.0


@pytest.mark.skipif(not HAS_SCIPY, reason="scipy.special")
def test_rgamma_slopes_at_and_beside_its_poles() -> None:
    """1 / Gamma is entire: at x = -n its slope is (-1)^n n! and its curvature -2 (-1)^n n!
    psi(n + 1) (of Gamma(1 - x) sin(pi x) / pi); beside the poles, its values' differences.  A
    formula with -rgamma(x) digamma(x) is NaN at the poles and cancels beside them (the sweep's
    curvature, a difference of the first derivative, is as noisy there and skips them)."""
    import scipy.special as sps

    def f(x):
        return sps.rgamma(x)

    first, second = tangentish.grad(f), tangentish.hessian(f)
    for n in range(4):
        sign, factorial = (-1.0) ** n, math.factorial(n)
        points = [(-n, sign * factorial, -2.0 * sign * factorial * sps.digamma(n + 1.0))]
        points += [(-n + h, *_richardson(sps.rgamma, -n + h)) for h in (1e-7, -1e-9, 3e-5)]
        for x, slope, curvature in points:
            np.testing.assert_allclose(first(x), slope, rtol=1e-8, err_msg=f"grad at {x}")
            np.testing.assert_allclose(tangentish.jvp(f)(x, x_dot=1.0)[1], slope, rtol=1e-8)
            np.testing.assert_allclose(second(x), curvature, rtol=1e-6, err_msg=f"at {x}")


@pytest.mark.skipif(not HAS_SCIPY, reason="scipy.special")
def test_beta_and_binom_at_and_beside_the_poles_of_gamma() -> None:
    """Where Gamma's poles cancel, against closed forms: with b a positive integer, B(a, b) =
    (b - 1)! / prod_{j<b} (a + j), whose log-derivatives are -sum 1 / (a + j) and sum 1 / (a +
    j)^2 (also beside the poles a = -2, -3, where psi(a) - psi(a + b) cancels); at a + b = -m,
    slope Gamma(a) Gamma(b) (-1)^m m! and curvature 2 Gamma(a) Gamma(b) (-1)^m m! (psi(a) -
    psi(m + 1)) (of rgamma'(-m), rgamma''(-m)).  (binom, the same helpers, and the other argument:
    the sweep's points.)"""
    import scipy.special as sps

    def check(f, points, slope, curvature):
        first, second = tangentish.grad(f), tangentish.hessian(f)
        for args in points:
            np.testing.assert_allclose(first(*args), slope(*args), rtol=1e-9, err_msg=f"{args}")
            np.testing.assert_allclose(second(*args), curvature(*args), rtol=1e-7, err_msg=f"{args}")

    def sums(a, b, power):
        return sum((a + j) ** -power for j in range(int(b)))

    def pole(a, b):  # Gamma(a) Gamma(b) (-1)^m m! at a + b = -m
        return math.gamma(a) * math.gamma(b) * (-1.0) ** -(a + b) * math.factorial(int(-(a + b)))

    def beta_slope(a, b):
        return pole(a, b) if b != int(b) else -sps.beta(a, b) * sums(a, b, 1)

    def beta_curvature(a, b):
        if b != int(b):
            return 2.0 * pole(a, b) * (sps.digamma(a) - sps.digamma(1.0 - a - b))
        return sps.beta(a, b) * (sums(a, b, 1) ** 2 + sums(a, b, 2))

    near = [(a + h, b) for a in (-2.0, -3.0, -4.5) for h in (0.0, 1e-7, -1e-9, 3e-5)
            for b in (1.0, 2.0) if a + b < 0.5]
    poles = [(0.5, -1.5), (0.25, -2.25), (-0.5, -0.5), (1.5, -3.5), (-1.25, 0.25)]
    check(lambda a, b: sps.beta(a, b), near + poles, beta_slope, beta_curvature)
    check(lambda a, b: sps.betaln(a, b), near, lambda a, b: -sums(a, b, 1),
          lambda a, b: sums(a, b, 2))
