"""A ``for`` over a dict local (``d``, ``d.keys()``, ``d.values()``, ``d.items()``) of
:mod:`dict_locals` is unrolled: one copy of the body per key, in insertion order, each after
``k = <key>`` and ``v = d_<key>``, with the key a constant in the copy (so ``d[k]`` inside is
``d_<key>``).  Python raises when the body adds or removes keys, and iterates the old dict when it
rebinds ``d``: both are refused, as are ``break``/``continue`` (the copies are not a loop) and a
body that rebinds the key's name.

    >>> from tangentish.passes.dict_locals import replace_dict_locals
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     net = {"first": 2.0, "second": -1.0}
    ...     for name in net:
    ...         x = x * net[name]
    ...     return x
    >>> info = parse_function(f)
    >>> replace_dict_locals(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        net_first = 2.0
        net_second = -1.0
        name = 'first'
        x = x * net_first
        name = 'second'
        x = x * net_second
        return x
"""

from __future__ import annotations

import gast

from ..syntax import build
from .dict_reads import State, placed


class _Substitute(build.Transformer):
    def __init__(self, name: str, key: object):
        self.name = name
        self.key = key

    def visit_Name(self, node: gast.Name) -> gast.expr:
        if node.id == self.name and isinstance(node.ctx, gast.Load):
            return gast.copy_location(build.constant(self.key), node)
        return node


def _targets(locals_, stmt: gast.For, kind: str) -> tuple[str | None, gast.expr | None]:
    """The name bound to the key and the target bound to the value (either may be None)."""
    target = stmt.target
    if locals_.names & set(build.names(target)):
        raise locals_.refuse("a dict built in the function written as a loop's target", stmt,
                             hint="assign it in the body")
    if kind == "values":
        return None, target
    key = target.elts[0] if kind == "items" and isinstance(target, (gast.Tuple, gast.List)) \
        and len(target.elts) == 2 else target if kind == "keys" else None
    if not isinstance(key, gast.Name):
        raise locals_.refuse(f"a loop over a dict's {kind} with this target", stmt,
                             hint="write `for k in d:`, `for k, v in d.items():` or "
                                  "`for v in d.values():`")
    return key.id, target.elts[1] if kind == "items" else None


def own_jumps(body: list[gast.stmt]) -> bool:
    """Whether ``body`` holds a ``break`` or ``continue`` of its own loop."""
    stack = list(body)
    while stack:
        current = stack.pop()
        if isinstance(current, (gast.Break, gast.Continue)):
            return True
        if isinstance(current, (gast.If, gast.Try, gast.With)):
            stack.extend(current.body + getattr(current, "orelse", []))
    return False


def _check_body(locals_, stmt: gast.For, key: str | None) -> None:
    if own_jumps(stmt.body):  # (so an `else` clause always runs: after the copies)
        raise locals_.refuse("`break` or `continue` in a loop over a dict built in the function "
                             "(the loop is unrolled)", stmt,
                             hint="use an `if` around the rest of the body")
    for node in (n for s in stmt.body for n in build.nodes(s)):
        if key is not None and isinstance(node, gast.Name) and node.id == key \
                and not isinstance(node.ctx, gast.Load):
            raise locals_.refuse(f"rebinding the loop's key {key!r} in a loop over a dict "
                                 "built in the function", node, hint="use another name")
        if key is not None and isinstance(node, (gast.FunctionDef, gast.Lambda)) \
                and key in build.names(node):
            raise locals_.refuse(f"the loop's key {key!r} read in a nested function", node,
                                 hint="pass it as an argument")


def unroll(locals_, stmt: gast.For, d: str, kind: str, state: State) -> list[gast.stmt]:
    """The copies of ``stmt``'s body (``locals_``: the :class:`~dict_locals.DictLocals`)."""
    entry = locals_.exact(d, state, stmt, "iterating over")
    key_name, value_target = _targets(locals_, stmt, kind)
    _check_body(locals_, stmt, key_name)
    out: list[gast.stmt] = []
    for key in entry.keys:
        head = []
        if key_name is not None:
            head.append(build.assign(key_name, build.constant(key)))
        if value_target is not None:
            head.append(gast.Assign(targets=[build.clone(value_target)],
                                    value=build.name(locals_.var(d, key)), type_comment=None))
        out += placed(head, stmt)
        body = build.clone(stmt.body)
        if key_name is not None:
            body = [_Substitute(key_name, key).visit(s) for s in body]
        out += locals_.block(body, state)
        if state[d] != entry:
            raise locals_.refuse(f"a loop over the dict {d!r} that adds or removes its keys or "
                                 "binds it again (Python raises, or iterates the old dict)",
                                 stmt, hint="build a new dict in the loop and read the old one")
    return out + locals_.block(stmt.orelse, state)
