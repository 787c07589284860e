"""``scipy.integrate``'s sampled-data quadratures (registered only when SciPy is installed and
``scipy.integrate`` imported; never a dependency): ``trapezoid`` (NumPy's rule, the same
signature) and ``cumulative_trapezoid``, both linear in ``y`` and in the spacing ``dx``
(refused in the sample points ``x`` when they vary, as ``np.trapezoid`` is).

``cumulative_trapezoid(y, dx=h)[k] = sum_{j <= k} h_j (y_j + y_{j+1}) / 2`` along ``axis``
(``initial=0`` puts a 0 first): ``y_i`` takes ``h_i / 2`` of every cotangent from ``k = i`` on
and ``h_{i-1} / 2`` of every one from ``k = i - 1`` on, so its adjoint is the reversed running sum
of the cotangent, times half the steps, added to itself shifted by one sample.  ``simpson`` has
no rule (its weights for an even number of samples differ between SciPy versions).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.integrate as si

from ..extend import d, given, rule
from .numpy_composites import _trapezoid_rule

if si.trapezoid is not getattr(np, "trapezoid", None):  # (SciPy's own, or NumPy's re-exported)
    _trapezoid_rule(si.trapezoid)

_X = "scipy.integrate.cumulative_trapezoid in its sample points x"


@rule(si.cumulative_trapezoid)
class CumulativeTrapezoid:  # linear in y (and in dx, x not given)
    def adjoint(r, y, x=None, dx=1.0, axis=-1, initial=None):
        running = np.flip(np.cumsum(np.flip(np.take(d[r], _rt.after_initial(r, initial, axis),
                                                    axis), axis), axis), axis)
        if given(x):
            c = running * _rt.half_steps(y, x, axis)
            d[x] = _rt.no_derivative(x, _X)
            d[dx] = _rt.no_derivative(dx, _X + ", and in dx with x passed too")
        else:
            c = running * (0.5 * dx)
            d[dx] = np.sum(d[r] * si.cumulative_trapezoid(y, axis=axis, initial=initial))
        d[y] = np.pad(c, _rt.axis_pads(c, axis, 0, 1)) + np.pad(c, _rt.axis_pads(c, axis, 1, 0))

    def tangent(r, y, x=None, dx=1.0, axis=-1, initial=None):
        if given(x):
            d[r] = si.cumulative_trapezoid(d[y], x, axis=axis, initial=initial) + _rt.no_tangent(
                d[x], _X) + _rt.no_tangent(d[dx], _X + ", and in dx with x passed too")
        else:
            d[r] = si.cumulative_trapezoid(d[y], dx=dx, axis=axis, initial=initial) + \
                d[dx] * si.cumulative_trapezoid(y, axis=axis, initial=initial)
