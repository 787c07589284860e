"""``and``/``or`` whose later operand holds an ``any``/``all`` of a generator, made the ``if``
statements Python runs (for :mod:`.hoisted`, which lowers ``any``/``all`` only where they run
whenever the statement does).

Guarantee to the next stage: a statement whose whole test or value (an ``if``'s or ``assert``'s
test, an assignment's or ``return``'s value; maybe under ``not``) is ``a and b and ...`` or ``a
or b or ...`` with such a search in an operand after the first is preceded by the statements
computing it operand by operand, as Python does, the operation replaced by their name; an
``and`` stops at the first false value, an ``or`` at the first true one, and the name holds
the operand it stopped at, as the operation's value does.  Anything else is left as it is.

    >>> import gast
    >>> from tangentish.syntax.printer import function_text
    >>> class Finds:  # (what Hoisting says of a node: an any/all of a generator, or not; here
    ...     # any call of `any`, as a generator cannot be printed)
    ...     taken = set()
    ...     def searched_in(self, node):
    ...         return isinstance(node, gast.Call) and getattr(node.func, "id", "") == "any" or None
    >>> tree = gast.parse("def f(x):\\n    if x.ndim == 1 and any(x > 0):\\n"
    ...                   "        x = x * 2\\n    return x").body[0]
    >>> tree.body[:0] = split_operands(Finds(), tree.body[0])
    >>> print(function_text(tree), end="")
    def f(x):
        _c = x.ndim == 1
        if _c:
            _c = any(x > 0)
        if _c:
            x = x * 2
        return x
"""

from __future__ import annotations

from typing import Any

import gast

from . import build
from .naming import fresh_name
from .tree_walk import walk

_ROOTS = {gast.If: "test", gast.Assert: "test", gast.Assign: "value", gast.Return: "value"}


def split_operands(hoisting: Any, stmt: gast.stmt) -> list[gast.stmt]:
    """The statements computing ``stmt``'s ``and``/``or`` (see the module docstring), the
    operation in ``stmt`` replaced by their name; none if there is nothing to split."""
    field = next((f for kind, f in _ROOTS.items() if isinstance(stmt, kind)), None)
    root = getattr(stmt, field, None) if field is not None else None
    holder, key = (stmt, field)
    if isinstance(root, gast.UnaryOp) and isinstance(root.op, gast.Not):
        holder, key, root = root, "operand", root.operand
    if not isinstance(root, gast.BoolOp) or not any(
            hoisting.searched_in(node) is not None for value in root.values[1:]
            for node in walk(value)):
        return []
    name = fresh_name("c", hoisting.taken)
    statements = [build.assign(name, root.values[0])]
    inner = statements
    for value in root.values[1:]:
        test = build.name(name) if isinstance(root.op, gast.And) else \
            gast.UnaryOp(op=gast.Not(), operand=build.name(name))
        branch = build.if_(test, [build.assign(name, value)])
        inner.append(branch)
        inner = branch.body
    setattr(holder, key, gast.copy_location(build.name(name), root))
    for new in statements:
        for part in walk(new):
            if getattr(part, "lineno", None) is None:
                gast.copy_location(part, stmt)
    return statements
