"""The ``math`` functions without a NumPy twin here (their twins are in :mod:`.numpy_elementwise`
and :mod:`.numpy_binary`), ``math.log`` with its base, and ``sorted``, ``max``/``min`` and ``pow``
of numbers (``divmod``'s is np.divmod's, :mod:`.numpy_rearrange`; the builtins without a
derivative are in :mod:`.operators`).  A family on demand (:data:`tangentish.rules.ON_DEMAND`):
imported at the first question about a key of its names.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import builtins
import math

import numpy as np

from ..extend import d, elementwise, given, non_differentiable, returns_sequence, rule, singular

non_differentiable(
    math.floor, math.ceil, math.trunc, math.isnan, math.isinf, math.isfinite,
    math.factorial, math.comb, math.perm, math.gcd, math.lcm, math.isqrt, math.ulp, math.isclose,
)

# max(a, b) and min(a, b) of two numbers: ties split the derivative evenly, as np.maximum's do
# (the primal stays Python's, which refuses arrays; max(a, b, c) and max([a, b, c]) are nested
# two-value maxes, see passes/call_forms.py; max(xs) of a list variable is Python's loop, passes/extremes.py)
elementwise(builtins.max, lambda y, a, b: _rt.pick_first(a, b),
            lambda y, a, b: _rt.pick_first(b, a))
elementwise(builtins.min, lambda y, a, b: _rt.pick_first(b, a),
            lambda y, a, b: _rt.pick_first(a, b))

# pow(base, exp) as `base ** exp` (three arguments, modular integer powers, are refused at the call)
singular(builtins.pow)  # (as operator.pow: see .numpy_binary)
elementwise(builtins.pow, lambda y, base, exp: exp * _rt.power(base, exp - (exp != 0)),
            lambda y, base, exp: y * _rt.safe_log(base))

elementwise(math.erf, lambda y, x: 2.0 / math.sqrt(math.pi) * math.exp(-x * x))
elementwise(math.erfc, lambda y, x: -2.0 / math.sqrt(math.pi) * math.exp(-x * x))
elementwise(math.degrees, lambda y, x: 180.0 / math.pi)
elementwise(math.radians, lambda y, x: math.pi / 180.0)
elementwise(math.gamma, lambda y, x: y * _rt.polygamma(0, x))
elementwise(math.lgamma, lambda y, x: _rt.polygamma(0, x))
if hasattr(math, "cbrt"):  # Python >= 3.11
    singular(math.cbrt)  # (at 0, as np.cbrt)
    elementwise(math.cbrt, lambda y, x: 1.0 / (3.0 * y * y))
    elementwise(math.exp2, lambda y, x: y * math.log(2.0))
if hasattr(math, "fma"):  # Python >= 3.13: x * y + z, rounded once
    elementwise(math.fma, lambda r, x, y, z: y, lambda r, x, y, z: x, lambda r, x, y, z: 1.0)
if hasattr(math, "nextafter"):
    elementwise(math.nextafter, lambda y, x, y_: 1.0, lambda y, x, y_: 0.0)


singular(math.log)


@rule(math.log)
class Log:
    def adjoint(y, x, base=None):
        if given(base):
            d[x] = d[y] / (x * math.log(base))
            d[base] = -d[y] * y / (base * math.log(base))
        else:
            d[x] = d[y] / x

    def tangent(y, x, base=None):
        if given(base):
            d[y] = d[x] / (x * math.log(base)) - d[base] * y / (base * math.log(base))
        else:
            d[y] = d[x] / x


@rule(math.fsum)
class Fsum:
    def adjoint(r, seq):
        d[seq] = _rt.spread(d[r], seq)

    def tangent(r, seq):
        d[r] = sum(d[seq])


@rule(math.prod)
class Prod:
    def adjoint(r, iterable, start=1):
        d[iterable] = d[r] * start * _rt.prod_others(np.array(iterable))
        d[start] = d[r] * math.prod(iterable)

    def tangent(r, iterable, start=1):
        d[r] = (np.sum(np.array(d[iterable]) * _rt.prod_others(np.array(iterable))) * start
                + d[start] * math.prod(iterable))


# The distance of two points given as sequences of floats (math.hypot(*v) is math.dist(v,
# (0.0,) * len(v)), the same float: syntax/star.py); 0 where they meet (_rt.ratio, as hypot's)
@rule(math.dist)
class Dist:
    def adjoint(r, p, q):
        d[p] = d[r] * _rt.ratio(np.array(p, dtype=float) - np.array(q, dtype=float), r)
        d[q] = -d[r] * _rt.ratio(np.array(p, dtype=float) - np.array(q, dtype=float), r)

    def tangent(r, p, q):
        d[r] = np.sum((np.array(d[p]) - np.array(d[q]))
                      * _rt.ratio(np.array(p, dtype=float) - np.array(q, dtype=float), r))


if hasattr(math, "sumprod"):  # Python >= 3.12
    @rule(math.sumprod)
    class Sumprod:
        def adjoint(r, p, q):
            d[p] = d[r] * np.array(q, dtype=float)
            d[q] = d[r] * np.array(p, dtype=float)

        def tangent(r, p, q):
            d[r] = np.sum(np.array(d[p]) * np.array(q)) + np.sum(np.array(p) * np.array(d[q]))


returns_sequence(builtins.sorted)  # (a list)


@rule(builtins.sorted)
class Sorted:  # a list of numbers or a 1-d array reordered (in Python's order, NaN included): each
    # item is gathered from where it was, matched by value (equal values share, as np.sort's)
    def adjoint(r, iterable, reverse=False):
        d[iterable] = _rt.untake_along_axis(_rt.tied_mean(d[r], r, 0), iterable,
                                            _rt.order_of(iterable, r, 0), 0)

    def tangent(r, iterable, reverse=False):  # (a list, as the value: it may be appended to)
        d[r] = list(_rt.tied_mean(np.take_along_axis(np.asarray(d[iterable]),
                                                     _rt.order_of(iterable, r, 0), 0), r, 0))
