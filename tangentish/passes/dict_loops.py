"""A ``for`` over a dict local (``d``, ``d.keys()``, ``d.values()``, ``d.items()``) of
:mod:`dict_locals` is unrolled: one copy of the body per key, in insertion order, each after
``k = <key>`` and ``v = d_<key>``, with the key a constant in the copy (so ``d[k]`` inside is
``d_<key>``).  Python raises when the body adds or removes keys, and iterates the old dict when it
rebinds ``d``: both are refused, as are ``break``/``continue`` (the copies are not a loop) and a
body that rebinds the key's name.  Under ``enumerate(..., start)`` (an int constant start) each
copy also binds the count, ``i = <start + n>`` (:func:`_counted`).

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

A list comprehension of one ``for`` over a dict local (a generator a builtin consumes is one) is
the list display of its element per key, its conditions decided by the keys:

    >>> def g(x):
    ...     w = {"a": 2.0, "b": -1.0, "c": 0.5}
    ...     return sum(w[k] * x for k in w if k != "b")
    >>> info = parse_function(g)
    >>> replace_dict_locals(info)
    >>> print(function_text(info.node), end="")
    def g(x):
        w_a = 2.0
        w_b = -1.0
        w_c = 0.5
        return sum([w_a * x, w_c * x])
"""

from __future__ import annotations

from typing import Any

import gast

from ..syntax import build
from .dict_reads import State, known, placed

_ITERATION = ("keys", "values", "items")


class _Replace(build.Transformer):
    """Each read of a name of ``values`` replaced by a copy of its expression."""

    def __init__(self, values: dict[str, gast.expr]):
        self.values = values

    def visit_Name(self, node: gast.Name) -> gast.expr:
        if node.id in self.values and isinstance(node.ctx, gast.Load):
            return gast.copy_location(build.clone(self.values[node.id]), node)
        return node


def _counted(locals_, node: gast.AST, kind: str, target: gast.expr) -> tuple:
    """``(start, kind, counter, target)``: for ``enumerate(...)`` of a dict's iteration (kind
    ``"enumerate <start> <kind>"``), its start, the kind it enumerates, the name its count is
    bound to and the target of the items; ``(0, kind, None, target)`` for any other loop."""
    if not kind.startswith("enumerate "):
        return 0, kind, None, target
    _, start, kind = kind.split(" ", 2)
    if not (isinstance(target, (gast.Tuple, gast.List)) and len(target.elts) == 2 and
            isinstance(target.elts[0], gast.Name)):
        raise locals_.refuse("a loop over `enumerate(...)` of a dict with this target", node,
                             hint="write `for i, k in enumerate(sorted(d)):`")
    return int(start), kind, target.elts[0].id, target.elts[1]


def _targets(locals_, stmt: gast.For, kind: str,
             target: gast.expr | None = None) -> tuple[str | None, gast.expr | None]:
    """The name bound to the key and the target bound to the value (either may be None)."""
    target = stmt.target if target is None else target
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


def _ordered(locals_, node: gast.AST, kind: str, keys: list) -> tuple[str, list]:
    """``kind`` and the keys in the order the loop visits them: ``sorted(d)`` sorts the keys
    (all known: Python's own order), a key of another type than the others refused as Python
    raises ``TypeError`` there."""
    if not kind.startswith("sorted "):
        return kind, list(keys)
    try:
        return kind.removeprefix("sorted "), sorted(keys)
    except TypeError:
        raise locals_.refuse("`sorted` of a dict whose keys Python cannot order", node,
                             hint="give the dict keys of one type") from None


def unroll(locals_, stmt: gast.For, d: str | None, kind: str, state: State,
           constants: list | None = None) -> list[gast.stmt]:
    """The copies of ``stmt``'s body (``locals_``: the :class:`~dict_locals.DictLocals`); ``d``
    None: a loop over the ``constants`` of :func:`constant_keys`."""
    entry = locals_.exact(d, state, stmt, "iterating over") if d is not None else None
    start, kind, counter, target = _counted(locals_, stmt, kind, stmt.target)
    kind, keys = _ordered(locals_, stmt, kind, entry.keys if entry is not None else constants)
    key_name, value_target = _targets(locals_, stmt, kind, target)
    _check_body(locals_, stmt, key_name)
    out: list[gast.stmt] = []
    for n, key in enumerate(keys):
        head = [] if counter is None else [build.assign(counter, build.constant(start + n))]
        if key_name is not None:
            head.append(build.assign(key_name, build.constant(key)))
        if value_target is not None:
            head.append(gast.Assign(targets=[build.clone(value_target)],
                                    value=build.name(locals_.var(d, key)), type_comment=None))
        out += placed(head, stmt)
        body = build.clone(stmt.body)
        if key_name is not None:
            body = [_Replace({key_name: build.constant(key)}).visit(s) for s in body]
        out += locals_.block(body, state)
        if d is not None and state[d] != entry:
            raise locals_.refuse(f"a loop over the dict {d!r} that adds or removes its keys or "
                                 "binds it again (Python raises, or iterates the old dict)",
                                 stmt, hint="build a new dict in the loop and read the old one")
    return out + locals_.block(stmt.orelse, state)


def unrolled_comprehension(locals_, node: gast.ListComp, d: str | None, kind: str,
                           state: State, visit, constants: list | None = None
                           ) -> gast.expr | None:
    """``[e for k, v in d.items() if c]`` over a dict local ``d``: the list display of ``e`` for
    each key, in insertion order, with ``k`` the key and ``v`` the variable of its value (as a
    loop's copies have them), and ``c`` decided by the keys; None (the comprehension as it was)
    when a condition is not, or a target is not a name, or the element binds one of them."""
    generator = node.generators[0]
    entry = locals_.exact(d, state, node, "iterating over") if d is not None else None
    start, kind, counter, target = _counted(locals_, node, kind, generator.target)
    kind, keys = _ordered(locals_, node, kind, entry.keys if entry is not None else constants)
    key_name, value_target = _targets(locals_, generator, kind, target)
    if value_target is not None and not isinstance(value_target, gast.Name):
        return None
    own = {key_name, getattr(value_target, "id", None), counter} - {None}
    inner = [n for part in (node.elt, *generator.ifs) for n in build.nodes(part)]
    if any(isinstance(n, gast.Name) and n.id in own and not isinstance(n.ctx, gast.Load)
           or isinstance(n, (gast.Lambda, gast.FunctionDef)) for n in inner):
        return None
    elements = []
    for n, key in enumerate(keys):
        values = {} if key_name is None else {key_name: build.constant(key)}
        if counter is not None:
            values[counter] = build.constant(start + n)
        if value_target is not None:
            values[value_target.id] = build.name(locals_.var(d, key))
        tests = [visit(_Replace(values).visit(build.clone(c))) for c in generator.ifs]
        if not all(known(t) for t in tests):
            return None
        if all(t.value for t in tests):
            elements.append(visit(_Replace(values).visit(build.clone(node.elt))))
    return gast.copy_location(build.list_(elements), node)


def iterated(reads: Any, node: gast.expr) -> tuple[str, str] | None:
    """``(d, "keys"|"values"|"items")`` for a loop over a dict local, else None;
    ``sorted(d)``, ``sorted(d.keys())``, ``sorted(d.items())``: ``"sorted keys"``...;
    ``enumerate(...)`` of one (an int constant start): ``"enumerate 0 sorted keys"``..."""
    start = node.args[1:] if isinstance(node, gast.Call) and 0 < len(node.args) < 3 else None
    if start is not None and reads.builtin(node.func, "enumerate") and not node.keywords and \
            all(isinstance(a, gast.Constant) and type(a.value) is int for a in start):
        inner = iterated(reads, node.args[0])
        first = start[0].value if start else 0
        return (inner[0], f"enumerate {first} {inner[1]}") if inner else None
    if isinstance(node, gast.Call) and reads.builtin(node.func, "sorted") and \
            len(node.args) == 1 and not node.keywords:  # (unique keys: items by key)
        inner = iterated(reads, node.args[0])
        return (inner[0], f"sorted {inner[1]}") if inner and inner[1] != "values" else None
    if reads.is_local(node):
        return node.id, "keys"
    if isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) \
            and reads.is_local(node.func.value) and node.func.attr in _ITERATION \
            and not node.args and not node.keywords:
        return node.func.value.id, node.func.attr
    return None


def runs_once(reads: Any, node: gast.expr) -> bool:
    """Whether a ``for`` loop over ``node`` surely runs its body at least once: ``range`` (not
    shadowed) of int constants giving a non-empty range, or a non-empty list or tuple display
    (with no starred item)."""
    if isinstance(node, (gast.List, gast.Tuple)):
        return bool(node.elts) and not any(isinstance(e, gast.Starred) for e in node.elts)
    if not (isinstance(node, gast.Call) and reads.builtin(node.func, "range") and
            not node.keywords and 1 <= len(node.args) <= 3):
        return False
    values = [_int(a) for a in node.args]
    if None in values or len(values) == 3 and values[2] == 0:
        return False
    return len(range(*values)) > 0


def _int(node: gast.expr) -> int | None:
    """An int constant, negated or not (``3``, ``-1``)."""
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
        inner = _int(node.operand)
        return None if inner is None else -inner
    return node.value if isinstance(node, gast.Constant) and type(node.value) is int else None


def unrolled(locals_, stmt: gast.For, state: State) -> list[gast.stmt] | None:
    """:func:`unroll` of a loop over a dict local, or over :func:`constant_keys` (``d[k]``, ``k``
    a constant in each copy); None for any other loop."""
    if (found := iterated(locals_, stmt.iter)) is not None:
        return unroll(locals_, stmt, *found, state)
    if own_jumps(stmt.body) or stmt.orelse:  # (left as it was: a loop over constants need not
        return None  # be unrolled, and its jumps and else are a loop's)
    if (keyed := constant_keys(locals_, stmt.iter, stmt.target, stmt.body)) is not None:
        return unroll(locals_, stmt, None, keyed[0], state, keyed[1])
    return None


def comprehension(locals_, node: gast.expr, state: State, visit) -> gast.expr | None:
    """:func:`unrolled_comprehension` of a list comprehension of one ``for`` over a dict local
    or over :func:`constant_keys`; None for any other comprehension."""
    if not (isinstance(node, gast.ListComp) and len(node.generators) == 1 and
            not node.generators[0].is_async):
        return None
    generator = node.generators[0]
    if (found := iterated(locals_, generator.iter)) is not None:
        return unrolled_comprehension(locals_, node, *found, state, visit)
    keyed = constant_keys(locals_, generator.iter, generator.target, [node.elt, *generator.ifs])
    return None if keyed is None else \
        unrolled_comprehension(locals_, node, None, keyed[0], state, visit, keyed[1])


def constant_keys(reads: Any, node: gast.expr, target: gast.expr, parts: list[gast.AST]
                  ) -> tuple[str, list] | None:
    """``(kind, keys)`` for a loop over constants known now (``range`` of constant bounds, a
    display of str or int constants, a name the function binds once to one and only reads, or a
    tuple of them the module holds; ``enumerate(...)`` of one, an int constant start) whose
    ``parts`` (body, or element and conditions) read a dict local at the loop's key: unrolled as
    a loop over that dict is, so the key is a constant in each copy
    (``params = dict(zip(names, w))``, then ``for i, k in enumerate(names): params[k]``)."""
    start = node.args[1:] if isinstance(node, gast.Call) and 0 < len(node.args) < 3 else None
    if start is not None and reads.builtin(node.func, "enumerate") and not node.keywords and \
            all(isinstance(a, gast.Constant) and type(a.value) is int for a in start):
        inner = isinstance(target, (gast.Tuple, gast.List)) and len(target.elts) == 2 and \
            constant_keys(reads, node.args[0], target.elts[1], parts)
        first = start[0].value if start else 0
        return (f"enumerate {first} {inner[0]}", inner[1]) if inner else None
    if not isinstance(target, gast.Name) or not any(
            isinstance(n, gast.Subscript) and reads.is_local(n.value) and
            isinstance(n.slice, gast.Name) and n.slice.id == target.id
            for part in parts for n in build.nodes(part)):
        return None
    from .computed_keys import loop_keys

    keys = loop_keys(node) if isinstance(node, (gast.Tuple, gast.List, gast.Call)) else \
        _named_constants(reads, node)
    return ("keys", keys) if keys else None


def _named_constants(reads: Any, node: gast.expr) -> list | None:
    """The constants ``node``, a name, holds for good: bound once by the function to a display
    of them and only iterated (:func:`.local_displays.bound_display`), or a module's tuple of
    them."""
    from .computed_keys import loop_keys
    from .local_displays import bound_display

    if not isinstance(node, gast.Name):
        return None
    function = reads.info.node
    if any(isinstance(n, gast.Name) and n.id == node.id and not isinstance(n.ctx, gast.Load)
           for n in build.nodes(function)):  # (a local of the function's: its display or none)
        display = bound_display(function, node, lambda e: isinstance(e, gast.Constant) and
                                type(e.value) in (int, str))
        return loop_keys(display) if display is not None else None
    found, value = reads.info.lookup_path([node.id])
    if not (found and isinstance(value, tuple) and all(type(v) in (int, str) for v in value)):
        return None
    reads.info.keep_same([node.id], value)  # (the module's tuple rebound: derived again;
    return list(value)  # a derivative held checks it before each call: stale.py)
