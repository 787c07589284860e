"""The ``math`` functions without a NumPy twin here (their twins are in :mod:`.numpy_elementwise`
and :mod:`.numpy_binary`), ``math.log`` with its base, and the builtins without a derivative.
"""

import builtins
import math

from ..extend import d, elementwise, given, non_differentiable, rule

non_differentiable(
    math.floor, math.ceil, math.trunc, math.isnan, math.isinf, math.isfinite,
    builtins.len, builtins.int, builtins.round, builtins.bool, builtins.range, builtins.print,
    builtins.isinstance, builtins.str,
)

elementwise(math.erf, lambda y, x: 2.0 / math.sqrt(math.pi) * math.exp(-x * x))
elementwise(math.erfc, lambda y, x: -2.0 / math.sqrt(math.pi) * math.exp(-x * x))
elementwise(math.degrees, lambda y, x: 180.0 / math.pi)
elementwise(math.radians, lambda y, x: math.pi / 180.0)


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
