"""A zero tangent of the output in NumPy: ``_rt.zeros_like(out)`` → ``np.zeros_like(out)``.

Forward mode returns ``_rt.zeros_like(out)`` as the tangent of an output no tangent reaches (an
hvp's gradient of a function linear in ``x``): the helper makes ``0.0`` of a Python number, a
list of zeros of a list, a floating zero array of an integer one.  Where every definition of
``out`` gives floats (:attr:`.owned_facts.Facts.floating`: a floating array or number, never a
list, a dict, an integer array or no value), ``np.zeros_like(out)`` has the same zeros in the
same floating dtype and shape; of a number it is a 0-d array, which the API's result check
makes the number's own type again (``check_output_tangent``, ``dense._product_like``).  So this
runs only in the derivative the user asked for (``floats``: the parameters the API made
floating; empty in a helper's, whose caller reads the zero).

    >>> import gast
    >>> from tangentish.passes.derivative import Derivative
    >>> from tangentish.syntax.naming import Namer
    >>> from tangentish.syntax.printer import function_text
    >>> node = gast.parse('''
    ... def f(x, x_dot):
    ...     y = np.where(x > 0.0, x, 0.0)
    ...     z = y * [1, 2]
    ...     return y + z, _rt.zeros_like(y + z)
    ... def g(x, x_dot):
    ...     y = np.where(x > 0.0, x, 0.0)
    ...     return y, _rt.zeros_like(y)
    ... ''')
    >>> for fn in node.body:
    ...     plain_output_zeros(Derivative(fn.name, fn.args, fn.body, Namer(set())), {"x"})
    False
    True
    >>> print(function_text(node.body[1]), end="")
    def g(x, x_dot):
        y = np.where(x > 0.0, x, 0.0)
        return y, np.zeros_like(y)
"""

from __future__ import annotations

import gast

from ..syntax import build
from .derivative import Derivative
from .owned_facts import Facts


def plain_output_zeros(fn: Derivative, floats: set[str]) -> bool:
    """Rewrite the returned ``_rt.zeros_like(name)`` of a name proven floating (see the module
    docstring); returns whether it did."""
    last = fn.body[-1] if fn.body else None
    if not floats or last.__class__ is not gast.Return or last.value is None:
        return False
    value = last.value
    items = value.elts if value.__class__ is gast.Tuple else [value]
    rt = fn.machinery.aliases["_rt"]
    zeros = [i for i, item in enumerate(items) if _zero_of_name(item, rt)]
    if not zeros:
        return False
    floating = Facts(fn, floats).floating
    changed = False
    for i in zeros:
        if items[i].args[0].id in floating:
            items[i] = build.call(f"{fn.machinery.aliases['np']}.zeros_like", items[i].args[0])
            changed = True
    if changed and value.__class__ is not gast.Tuple:
        last.value = items[0]
    return changed


def _zero_of_name(node: gast.expr, rt: str) -> bool:
    """Whether ``node`` is ``_rt.zeros_like(name)`` (no ``listed``: a list's is a list)."""
    return node.__class__ is gast.Call and not node.keywords and len(node.args) == 1 and \
        node.args[0].__class__ is gast.Name and node.func.__class__ is gast.Attribute and \
        node.func.attr == "zeros_like" and node.func.value.__class__ is gast.Name and \
        node.func.value.id == rt
