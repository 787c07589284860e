"""Derivative code differentiated again: the in-place runtime helpers kept from changing a value
another name still reads.

``_rt.add_at(acc, g, like, i)`` and ``_rt.zero_index(g, i)`` change their first argument in place
when a reference count shows that only one variable holds it (``runtime/indexing.py``): the
derivative that calls them writes ``x_bar = _rt.add_at(x_bar, ...)`` and keeps a copy ``x_bar =
y_bar`` as a variable of its own, which the count sees.  Differentiating that derivative again
(``hessian``, ``jvp(grad(f))``, ``grad(grad(f))``) normalizes it, and a copy between names is no
statement there: ``x_bar = y_bar`` then ``x_bar = _rt.add_at(x_bar, ...)`` becomes
``x_bar_1 = _rt.add_at(y_bar, ...)`` with ``y_bar`` read again later, and the count, seeing one
variable, let the call change ``y_bar`` (a silently wrong Hessian).  So, in generated code about to
be differentiated, the first argument of such a call is handed over as a copy of its own,
``_rt.own(acc)``, wherever it is a name that a copy between names binds or reads; the helper then
changes that copy in place.  (``_rt.own`` is the identity for derivatives.)

    >>> import gast
    >>> from tangentish.syntax.printer import function_text
    >>> tree = gast.parse('''
    ... def grad_f(p, out_bar):
    ...     p_bar = out_bar
    ...     p_bar = _rt.add_at(p_bar, 2.0, p, 1)
    ...     return p_bar * out_bar
    ... ''').body[0]
    >>> protect_in_place_helpers(tree)
    1
    >>> print(function_text(tree), end="")
    def grad_f(p, out_bar):
        p_bar = out_bar
        p_bar = _rt.add_at(_rt.own(p_bar), 2.0, p, 1)
        return p_bar * out_bar
"""

from __future__ import annotations

import gast

from ..syntax import build

_IN_PLACE = frozenset({"add_at", "zero_index"})  # (runtime/indexing.py: first argument written)


def protect_in_place_helpers(node: gast.FunctionDef) -> int:
    """Wrap, in ``node``, the first argument of each in-place helper call that a copy between
    names may alias (see the module docstring); returns how many were wrapped."""
    every = build.node_list(node)
    copied = {name for stmt in every if isinstance(stmt, gast.Assign)
              and isinstance(stmt.value, gast.Name)
              for name in [stmt.value.id, *(t.id for t in stmt.targets
                                            if isinstance(t, gast.Name))]}
    count = 0
    for call in every:
        if isinstance(call, gast.Call) and isinstance(call.func, gast.Attribute) and \
                call.func.attr in _IN_PLACE and isinstance(call.func.value, gast.Name) and \
                call.func.value.id == "_rt" and call.args and \
                isinstance(call.args[0], gast.Name) and call.args[0].id in copied:
            own = build.attribute(build.name("_rt"), "own")
            call.args[0] = gast.copy_location(build.call(own, call.args[0]), call.args[0])
            count += 1
    return count
