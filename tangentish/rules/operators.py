"""Python's operators beyond the arithmetic ones (whose rules are their NumPy twins': ``a + b`` is
``np.add(a, b)``, ``-a`` is ``np.negative(a)``, ``a @ b`` is ``np.matmul(a, b)``): indexing, and the
comparisons, bitwise operators (``mask & other``, ``~mask``), attributes and builtins (``range``,
``len``...: most functions call one) that carry no derivative.
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import builtins
import operator

from ..extend import d, linear, non_differentiable
from ..syntax.methods import NONDIFFERENTIABLE_ATTRIBUTES

non_differentiable(
    operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne,
    operator.floordiv, operator.not_, operator.is_, operator.is_not, operator.contains,
    # bitwise: on integers and bools only (NumPy and Python refuse floats), piecewise constant
    operator.and_, operator.or_, operator.xor, operator.invert, operator.lshift, operator.rshift,
)
non_differentiable(*(("attribute", name) for name in NONDIFFERENTIABLE_ATTRIBUTES))
non_differentiable(builtins.len, builtins.int, builtins.round, builtins.bool, builtins.range,
                   builtins.print, builtins.isinstance, builtins.str)

linear(operator.getitem, lambda z, a, b: _rt.unindex(d[z], a, b))  # tangent: d[a][b]
