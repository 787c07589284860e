"""The functions ``tests/test_special_points.py`` sweeps, and how to tell, from the function's
values alone, whether it is differentiable at a point and what its derivative is there.

Each entry is ``(name, call, points, wrt)``: ``call`` is the call's source text over ``x0, x1,
...`` (``"sps.spence(x0)"``), ``points`` one list of values per argument (every combination is
visited) and ``wrt`` the arguments differentiated.  An argument not in ``wrt`` is an order, degree
or shape parameter whose derivative is refused.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Callable

import numpy as np

HAS_SCIPY = importlib.util.find_spec("scipy") is not None

# 0, +-1, integers, halves: where formulas divide 0 by 0 or meet a pole of one of their factors.
POINTS = [0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0]
PROBABILITIES = [0.0, 0.5, 1.0, 0.25]
ORDERS = [0, 1, 2]

UNARY_NUMPY = ["negative", "positive", "abs", "fabs", "sin", "cos", "tan", "arcsin", "arccos",
               "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "exp", "exp2",
               "expm1", "log", "log2", "log10", "log1p", "sqrt", "cbrt", "square", "reciprocal",
               "sinc", "deg2rad", "rad2deg", "radians", "degrees"]
UNARY_MATH = ["sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh",
              "acosh", "atanh", "exp", "expm1", "log", "log2", "log10", "log1p", "sqrt", "fabs",
              "erf", "erfc", "degrees", "radians", "gamma", "lgamma"]
UNARY_MATH += [name for name in ("cbrt", "exp2") if hasattr(math, name)]
BINARY_NUMPY = ["add", "subtract", "multiply", "divide", "power", "float_power", "arctan2",
                "hypot", "copysign", "logaddexp", "logaddexp2", "maximum", "minimum", "fmax",
                "fmin", "remainder", "fmod", "heaviside"]
BINARY_MATH = ["pow", "atan2", "hypot", "copysign", "fmod", "remainder"]
UNARY_SCIPY = ["expit", "logit", "log_expit", "gammaln", "loggamma", "digamma", "gamma", "erf",
               "erfc", "erfinv", "erfcinv", "erfcx", "dawsn", "ndtr", "log_ndtr", "ndtri", "i0",
               "i1", "i0e", "i1e", "expm1", "log1p", "exp2", "exp10", "cbrt", "entr", "sindg",
               "cosdg", "j0", "j1", "y0", "y1", "k0", "k1", "k0e", "k1e", "exp1", "expi", "erfi",
               "spence", "cosm1", "ndtri_exp", "ellipk", "ellipe", "rgamma", "exprel", "wrightomega",
               "tandg", "cotdg", "itstruve0", "itmodstruve0", "ellipkm1"]
BINARY_SCIPY = ["xlogy", "xlog1py", "rel_entr", "kl_div", "huber", "pseudo_huber", "betaln",
                "beta", "binom", "powm1", "boxcox", "boxcox1p", "inv_boxcox", "inv_boxcox1p", "poch",
                "owens_t"]
ORDER_SCIPY = ["polygamma", "iv", "ive", "kv", "kve", "jv", "yv", "eval_legendre", "eval_chebyt",
               "eval_chebyu", "eval_hermite", "eval_hermitenorm", "eval_laguerre", "expn", "kn", "yn",
               "jve", "yve", "struve", "modstruve", "hyp0f1", "spherical_jn", "spherical_in",
               "eval_sh_legendre", "eval_sh_chebyt", "eval_sh_chebyu",
               "eval_chebyc", "eval_chebys"]
SHAPES = [1.0, 2.0, 3.0]  # degrees of freedom, shapes
# Functions of a shape (refused in it) and of a variable or probability: (name, probability?)
SHAPE_SCIPY = [("stdtr", False), ("stdtrit", True), ("chdtr", False), ("chdtrc", False),
               ("chdtri", True), ("pdtr", False), ("pdtrc", False), ("gammaincinv", True),
               ("gammainccinv", True)]

Entry = tuple[str, str, list[list[float]], tuple[int, ...]]


def sps_names():
    import scipy.special
    return scipy.special


def entries() -> list[Entry]:
    table: list[Entry] = []
    table += [(f"np.{n}", f"np.{n}(x0)", [POINTS], (0,)) for n in UNARY_NUMPY]
    table += [(f"math.{n}", f"math.{n}(x0)", [POINTS], (0,)) for n in UNARY_MATH]
    table += [(f"np.{n}", f"np.{n}(x0, x1)", [POINTS, POINTS], (0, 1)) for n in BINARY_NUMPY]
    table += [(f"math.{n}", f"math.{n}(x0, x1)", [POINTS, POINTS], (0, 1)) for n in BINARY_MATH]
    if not HAS_SCIPY:
        return table
    table += [(f"sps.{n}", f"sps.{n}(x0)", [POINTS + PROBABILITIES], (0,)) for n in UNARY_SCIPY]
    table += [(f"sps.{n}", f"sps.{n}(x0, x1)", [POINTS, POINTS], (0, 1)) for n in BINARY_SCIPY]
    table += [(f"sps.{n}", f"sps.{n}(x0, x1)", [ORDERS, POINTS], (1,)) for n in ORDER_SCIPY]
    table += [
        ("sps.eval_gegenbauer", "sps.eval_gegenbauer(x0, x1, x2)", [ORDERS, [0.5, 1.0], POINTS], (2,)),
        ("sps.eval_genlaguerre", "sps.eval_genlaguerre(x0, x1, x2)", [ORDERS, [0.5, 1.0], POINTS],
         (2,)),
        ("sps.gammainc", "sps.gammainc(x0, x1)", [[0.5, 1.0, 2.0], POINTS], (1,)),
        ("sps.gammaincc", "sps.gammaincc(x0, x1)", [[0.5, 1.0, 2.0], POINTS], (1,)),
        ("sps.betainc", "sps.betainc(x0, x1, x2)", [[0.5, 1.0, 2.0], [1.0, 2.0], PROBABILITIES],
         (2,)),
        ("sps.zeta", "sps.zeta(x0, x1)", [[2.0, 3.0], POINTS], (1,)),
        ("sps.multigammaln", "sps.multigammaln(x0, 2)", [POINTS + [1.5, 2.5]], (0,)),
        ("sps.radian", "sps.radian(x0, x1, x2)", [[0.0, 1.0], [0.0, -1.0], [0.0, 2.0]], (0, 1, 2)),
        ("sps.gdtr", "sps.gdtr(x0, x1, x2)", [[0.5, 2.0], [1.0, 2.0], POINTS], (0, 2)),
        ("sps.gdtrc", "sps.gdtrc(x0, x1, x2)", [[0.5, 2.0], [1.0, 2.0], POINTS], (0, 2)),
        ("sps.betaincinv", "sps.betaincinv(x0, x1, x2)", [[0.5, 2.0], [1.0, 2.0], PROBABILITIES],
         (2,)),
        ("sps.hyp1f1", "sps.hyp1f1(x0, x1, x2)", [[0.5, 1.0], [1.5, 2.0], POINTS], (2,)),
        ("sps.hyperu", "sps.hyperu(x0, x1, x2)", [[0.5, 1.0], [1.5, 2.0], POINTS], (2,)),
        ("sps.hyp2f1", "sps.hyp2f1(0.5, 0.7, 1.5, x0)", [POINTS], (0,)),
        ("sps.ellipkinc", "sps.ellipkinc(x0, x1)", [POINTS, [0.0, 0.5, 1.0]], (0, 1)),
        ("sps.ellipeinc", "sps.ellipeinc(x0, x1)", [POINTS, [0.0, 0.5, 1.0]], (0, 1)),
        ("sps.agm", "sps.agm(x0, x1)", [[0.5, 1.0, 2.0, -1.0], [0.5, 1.0, 2.0, -1.0]], (0, 1)),
        ("sps.eval_jacobi", "sps.eval_jacobi(x0, x1, 1.5, x2)", [ORDERS, [0.5, 1.0], POINTS], (2,)),
        ("sps.eval_sh_jacobi", "sps.eval_sh_jacobi(x0, 3.0, 2.0, x1)", [ORDERS, POINTS], (1,)),
        ("sps.fdtr", "sps.fdtr(x0, x1, x2)", [[1.0, 2.0, 3.0], [2.0], POINTS], (2,)),
        ("sps.fdtrc", "sps.fdtrc(x0, x1, x2)", [[1.0, 2.0, 3.0], [2.0], POINTS], (2,)),
        ("sps.fdtri", "sps.fdtri(x0, x1, x2)", [[1.0, 2.0, 3.0], [2.0], PROBABILITIES], (2,)),
    ]
    # counts k and n (integers; the first k beyond n, where the function is 1 or 0)
    table += [(f"sps.{n}", f"sps.{n}(x0, x1, x2)", [[0, 1, 3], [3], PROBABILITIES], (2,))
              for n in ("bdtr", "bdtrc", "bdtri", "nbdtr", "nbdtrc", "nbdtri")]
    table += [(f"sps.{n}", f"sps.{n}(x0, x1)", [SHAPES, PROBABILITIES if p else POINTS], (1,))
              for n, p in SHAPE_SCIPY]
    if hasattr(sps_names(), "betaincc"):  # SciPy >= 1.11
        table += [(f"sps.{n}", f"sps.{n}(x0, x1, x2)", [[0.5, 2.0], [1.0, 2.0], PROBABILITIES],
                   (2,)) for n in ("betaincc", "betainccinv")]
    return table


def module_text() -> str:
    """One function per entry, ``f<i>(x0, x1, ...)``, in a module of its own."""
    lines = ["import math", "import numpy as np"]
    if HAS_SCIPY:
        lines.append("import scipy.special as sps")
    for i, (_, call, points, _) in enumerate(entries()):
        params = ", ".join(f"x{k}" for k in range(len(points)))
        lines += ["", "", f"def f{i}({params}):", f"    return {call}"]
    return "\n".join(lines) + "\n"


# -- differentiability from values: one-sided slopes that converge, and agree ---------------------

STEPS = (1e-4, 5e-5)


def _side(f: Callable[[float], float], x: float, sign: float) -> float | None:
    """The one-sided derivative of ``f`` at ``x`` (``sign`` +1: from the right), by second-order
    one-sided differences at two steps, Richardson-extrapolated; None if they do not converge."""
    estimates = []
    for h in STEPS:
        values = [f(x + sign * k * h) for k in range(3)]
        if not np.all(np.isfinite(values)):
            return None
        estimates.append(sign * (-3.0 * values[0] + 4.0 * values[1] - values[2]) / (2.0 * h))
    low, high = estimates
    if abs(low - high) > 1e-4 * (1.0 + abs(high)):
        return None
    return (4.0 * high - low) / 3.0


def _defined(f: Callable[[float], float], x: float, sign: float) -> bool:
    return bool(np.isfinite(f(x + sign * STEPS[0])))


def derivative(f: Callable[[float], float], x: float) -> float | None:
    """``f'(x)`` where ``f`` is finite at ``x`` and differentiable there (both one-sided
    derivatives exist and agree, or ``f`` is defined on one side only and has a derivative from
    it: a domain edge); None elsewhere (a kink, a jump, an infinite slope, a pole)."""
    if not np.isfinite(f(x)):
        return None
    right, left = _side(f, x, 1.0), _side(f, x, -1.0)
    if right is not None and left is not None:
        return right if abs(right - left) <= 1e-5 * (1.0 + abs(right)) else None
    if right is not None and not _defined(f, x, -1.0):
        return right
    if left is not None and not _defined(f, x, 1.0):
        return left
    return None
