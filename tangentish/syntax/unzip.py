"""``a, b = zip(*pairs)``, the transpose of a sequence of pairs, as the tuples it unpacks to.

``zip(*pairs)`` passes each item of ``pairs`` as an argument of its own, which no rule can follow
(the number of arguments is known only when the function runs).  Unpacked into ``k`` names, it is
``k`` tuples, the ``i``-th holding the ``i``-th entry of each item, which comprehensions say::

    _pairs = pairs
    if len(_pairs) == 0 or min([len(_p) for _p in _pairs]) != 2:
        raise ValueError('not enough values to unpack' ...)
    a = tuple([_p[0] for _p in _pairs])
    b = tuple([_p[1] for _p in _pairs])

``a, b = zip(l1, l2)`` is ``zip(*[l1, l2])``, rewritten the same way (unless an argument is
spelled as an iterator, ``map(...)``, whose length the check cannot take).

The check raises where Python's unpacking would (``zip`` stops at the shortest item, so the
transpose has as many tuples as the shortest item has entries; with ``strict=True``, where an
item has another length too).

A loop ``for n1, ..., nk in zip(*seq):`` unpacks each tuple of the transpose into ``k`` names, so
``seq`` has ``k`` items: it iterates ``zip(_rows[0], ..., _rows[k - 1])`` of ``_rows = seq`` after
a check that raises ValueError where ``seq`` has another number of items (Python raises too,
unless the loop runs no iteration).  A comprehension whose first ``for`` is such a loop
(``[a * b for a, b in zip(*rows)]``, ``sum(... for ... in zip(*rows))``) is the same: ``_rows = seq``
and the check come before the statement holding it, which must evaluate it whenever it runs (not
under ``x if c else ...``, ``and``/``or``, a lambda or another comprehension's body, nor in a
``while`` test).  ``for col in zip(*seq):`` into one name (a comprehension's first ``for`` too)
loops over ``list(zip(*seq))``, listed first as below, where the loop's body changes nothing
``zip`` may still read (:func:`_unchanged`).  Only a statement ``n1, ..., nk = zip(*seq)`` of the builtin
``zip`` with one starred argument (and maybe a constant ``strict=``), or such a loop, is rewritten; any other
starred call stays for :mod:`.fence` to refuse.  Statements of nested functions are
rewritten the same way.

    >>> import ast
    >>> from tangentish.syntax.parse import parse_function
    >>> def f(x):
    ...     a, b = zip(*[(x, 2.0 * x), (x * x, 1.0)])
    ...     return sum(a) * sum(b)
    >>> print(ast.unparse(gast.gast_to_ast(parse_function(f).node)))
    def f(x):
        _pairs = [(x, 2.0 * x), (x * x, 1.0)]
        if len(_pairs) == 0 or min([len(_p) for _p in _pairs]) != 2:
            raise ValueError('zip(*...) unpacked into 2 names: the shortest item must have 2 entries')
        a = tuple([_p[0] for _p in _pairs])
        b = tuple([_p[1] for _p in _pairs])
        return sum(a) * sum(b)
"""

from __future__ import annotations

from collections.abc import Callable

import gast

from . import build
from .iterators import MUTATING, bound_to_numbers
from .naming import fresh_name
from .tree_walk import walk

_READ = ("zip", "len", "min", "max", "tuple", "range", "ValueError")  # (the builtins the rewrite reads)


def unzip(body: list[gast.stmt], builtin: Callable[[str], bool],
          node: gast.FunctionDef) -> list[gast.stmt]:
    """``body`` with each ``n1, ..., nk = zip(*seq)`` rewritten (see the module docstring)."""
    local = {n.id for n in walk(node) if isinstance(n, gast.Name)
             and not isinstance(n.ctx, gast.Load)} | build.parameter_names(node.args)
    taken = set(build.names(node, functions=True))
    held = local - bound_to_numbers(node)  # (all but the names bound to numbers, then op=)
    return _block(body, builtin, local, taken, held)


def _block(body: list[gast.stmt], builtin: Callable[[str], bool], local: set[str],
           taken: set[str], held: set[str]) -> list[gast.stmt]:
    out: list[gast.stmt] = []
    for stmt in body:
        for field in ("body", "orelse"):
            if isinstance(getattr(stmt, field, None), list):
                setattr(stmt, field, _block(getattr(stmt, field), builtin, local, taken, held))
        columns = [c for c in _comprehensions(stmt, builtin, local, one=True)
                   if _unchanged([c], c.generators[0].iter, builtin, held)]
        if isinstance(stmt, gast.For) and _iterated(stmt, builtin, local, one=True) and \
                _unchanged(stmt.body + stmt.orelse, stmt.iter, builtin, held):
            columns.append(stmt)
        for owner in columns:  # (`for col in zip(*rows)`: over the list of columns)
            loop = owner if isinstance(owner, gast.For) else owner.generators[0]
            listed = fresh_name("columns", taken)
            out.extend(gast.copy_location(s, stmt) for s in _list_statements(
                build.assign(listed, build.call("list", loop.iter)), "list",
                *(fresh_name(w, taken) for w in ("rows", "n", "r", "j"))))
            loop.iter = build.name(listed)
        sequence = _transposed(stmt, builtin, local, spread=True)
        if sequence is not None:
            names = [t.id for t in stmt.targets[0].elts]
            pairs, item = fresh_name("pairs", taken), fresh_name("p", taken)
            out.extend(gast.copy_location(s, stmt)
                       for s in _statements(names, sequence, pairs, item, _strict(stmt)))
        elif _listed(stmt, builtin, local) is not None:
            out.extend(gast.copy_location(s, stmt) for s in _list_statements(
                stmt, _listed(stmt, builtin, local), *(fresh_name(w, taken)
                                                       for w in ("rows", "n", "r", "j"))))
        elif _iterated(stmt, builtin, local):
            out.extend(gast.copy_location(s, stmt)
                       for s in _loop(stmt, fresh_name("rows", taken)))
        else:
            for comp in _comprehensions(stmt, builtin, local):
                out.extend(gast.copy_location(s, stmt)
                           for s in _loop(comp.generators[0], fresh_name("rows", taken))[:2])
            out.append(stmt)
    for stmt in out:
        for part in walk(stmt):
            if getattr(part, "lineno", None) is None:
                gast.copy_location(part, stmt)
    return out


def _transposed(stmt: gast.stmt, builtin: Callable[[str], bool],
                local: set[str], spread: bool = False) -> gast.expr | None:
    """``seq`` of ``n1, ..., nk = zip(*seq)``, or ``None`` (``spread``: also ``[s1, ..., sm]``
    of ``n1, ..., nk = zip(s1, ..., sm)``, which is ``zip(*[s1, ..., sm])``, where no ``si`` is
    spelled as an iterator, whose length the rewrite could not take)."""
    if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
            isinstance(stmt.targets[0], (gast.Tuple, gast.List)) and
            all(isinstance(t, gast.Name) for t in stmt.targets[0].elts)):
        return None
    call = stmt.value
    if not (isinstance(call, gast.Call) and isinstance(call.func, gast.Name) and
            call.func.id == "zip") or \
            any(n in local or not builtin(n) for n in _READ) or \
            any(k.arg != "strict" or not isinstance(k.value, gast.Constant) or
                not isinstance(k.value.value, bool) for k in call.keywords):
        return None
    if len(call.args) == 1 and isinstance(call.args[0], gast.Starred):
        return call.args[0].value
    if spread and call.args and not any(_iterator(a) for a in call.args):
        return gast.List(elts=list(call.args), ctx=gast.Load())
    return None


_ITERATORS = ("iter", "map", "filter", "zip", "enumerate", "reversed")


def _iterator(arg: gast.expr) -> bool:
    """Whether ``arg`` is starred or spelled as an iterator (a generator expression, ``map(...)``...)."""
    return isinstance(arg, (gast.Starred, gast.GeneratorExp)) or isinstance(arg, gast.Call) and \
        isinstance(arg.func, gast.Name) and arg.func.id in _ITERATORS


def _listed(stmt: gast.stmt, builtin: Callable[[str], bool], local: set[str]) -> str | None:
    """``"list"`` or ``"tuple"`` of ``name = list(zip(*seq))`` (``tuple(...)``), or ``None``."""
    if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
            isinstance(stmt.targets[0], gast.Name) and isinstance(stmt.value, gast.Call) and
            isinstance(stmt.value.func, gast.Name) and stmt.value.func.id in ("list", "tuple")
            and len(stmt.value.args) == 1 and not stmt.value.keywords and
            stmt.value.func.id not in local and builtin(stmt.value.func.id)):
        return None
    inner = build.assign(build.tuple_([], store=True), stmt.value.args[0])
    return stmt.value.func.id if _transposed(inner, builtin, local) is not None else None


def _list_statements(stmt: gast.Assign, kind: str, rows: str, n: str, r: str,
                     j: str) -> list[gast.stmt]:
    """``name = list(zip(*seq))``: the list of tuples, the ``j``-th holding the ``j``-th entry
    of each item, as many as the shortest item has entries (none for no items), after a check
    raising Python's ``ValueError`` where ``strict=True`` finds items of other lengths."""
    call = stmt.value.args[0]

    def each(value: gast.expr) -> gast.ListComp:
        return gast.ListComp(elt=value, generators=[gast.comprehension(
            target=build.name(r, store=True), iter=build.name(rows), ifs=[], is_async=0)])

    some = gast.Compare(left=build.call("len", build.name(rows)), ops=[gast.Gt()],
                        comparators=[build.constant(0)])
    lengths = each(build.call("len", build.name(r)))
    counted = [build.assign(n, build.call("min", lengths))]
    if any(k.value.value for k in call.keywords):  # (strict=True)
        counted.append(build.if_(gast.Compare(
            left=build.call("max", build.clone(lengths)), ops=[gast.NotEq()],
            comparators=[build.name(n)]), [gast.Raise(exc=build.call("ValueError", build.constant(
                "zip() arguments differ in length (strict=True)")), cause=None)]))
    column = build.call("tuple", each(build.subscript(build.name(r), build.name(j))))
    listed: gast.expr = gast.ListComp(elt=column, generators=[gast.comprehension(
        target=build.name(j, store=True), iter=build.call("range", build.name(n)), ifs=[],
        is_async=0)])
    if kind == "tuple":
        listed = build.call("tuple", listed)
    return [build.assign(rows, call.args[0].value), build.assign(n, build.constant(0)),
            build.if_(some, counted), build.assign(stmt.targets[0], listed)]


_EVALUATED = {gast.Assign: ("value",), gast.AugAssign: ("value",), gast.AnnAssign: ("value",),
              gast.Return: ("value",), gast.Expr: ("value",), gast.If: ("test",),
              gast.For: ("iter",)}  # (what a statement evaluates once, whenever it runs)
_COMPREHENSIONS = (gast.ListComp, gast.SetComp, gast.GeneratorExp, gast.DictComp)


def _comprehensions(stmt: gast.stmt, builtin: Callable[[str], bool],
                    local: set[str], one: bool = False) -> list[gast.expr]:
    """The comprehensions ``stmt`` evaluates whenever it runs whose first ``for`` iterates
    ``zip(*seq)`` into names (``one``: into one name; see the module docstring)."""
    stack = [getattr(stmt, field) for field in _EVALUATED.get(stmt.__class__, ())]
    found = []
    while stack:
        node = stack.pop()
        if isinstance(node, (gast.IfExp, gast.BoolOp)):  # (only the part always evaluated)
            stack.append(node.test if isinstance(node, gast.IfExp) else node.values[0])
        elif isinstance(node, _COMPREHENSIONS):
            if _iterated(node.generators[0], builtin, local, one):
                found.append(node)
            stack.append(node.generators[0].iter)
        elif isinstance(node, gast.AST) and not isinstance(node, gast.Lambda):
            stack.extend(child for field in node._fields
                         for child in _children(getattr(node, field, None)))
    return found


def _children(value) -> list:
    return value if isinstance(value, list) else [value] if isinstance(value, gast.AST) else []


def _iterated(stmt: gast.AST, builtin: Callable[[str], bool], local: set[str],
              one: bool = False) -> bool:
    """Whether ``stmt`` is ``for n1, ..., nk in zip(*seq):`` (any targets, a constant ``strict=``),
    or a comprehension's ``for`` of that form (``one``: ``for col in zip(*seq)``, one name)."""
    if not isinstance(stmt, (gast.For, gast.comprehension)) or (
            not isinstance(stmt.target, gast.Name) if one else
            not isinstance(stmt.target, (gast.Tuple, gast.List)) or
            any(isinstance(t, gast.Starred) for t in stmt.target.elts)):
        return False
    call = stmt.iter
    return (isinstance(call, gast.Call) and isinstance(call.func, gast.Name) and
            call.func.id == "zip" and len(call.args) == 1 and
            isinstance(call.args[0], gast.Starred) and
            not any(n in local or not builtin(n) for n in _READ) and
            all(k.arg == "strict" and isinstance(k.value, gast.Constant) and
                isinstance(k.value.value, bool) for k in call.keywords))


def _unchanged(nodes: list[gast.AST], call: gast.Call, builtin: Callable[[str], bool],
               held: set[str]) -> bool:
    """Whether ``nodes`` (a loop's body, a comprehension) change nothing ``zip(*seq)`` may still
    read, so that its columns may be listed first: no item or attribute written or deleted, no
    method that changes its receiver, no ``op=`` but of a name bound only to numbers before
    (``total = 0.0``), no function of the user's handed a name ``seq`` mentions."""
    seq = {n.id for n in walk(call) if isinstance(n, gast.Name)}
    for node in (n for part in nodes for n in walk(part)):
        if isinstance(node, (gast.Subscript, gast.Attribute)) and \
                isinstance(node.ctx, (gast.Store, gast.Del)) or \
                isinstance(node, gast.AugAssign) and (
                    not isinstance(node.target, gast.Name) or node.target.id in held | seq):
            return False
        if isinstance(node, gast.Call) and (
                isinstance(node.func, gast.Attribute) and node.func.attr in MUTATING or
                any(k.arg == "out" for k in node.keywords) or
                isinstance(node.func, gast.Name) and not builtin(node.func.id) and any(
                    isinstance(n, gast.Name) and n.id in seq for a in node.args for n in walk(a))):
            return False
    return True


def _loop(stmt: gast.For | gast.comprehension, rows: str) -> list[gast.stmt]:
    """``for n1, ..., nk in zip(*seq):`` as ``zip(rows[0], ..., rows[k - 1])`` of ``rows = seq``,
    which has ``k`` items (else each iteration's tuple would not unpack into ``k`` names)."""
    k = len(stmt.target.elts)
    wrong = gast.Compare(left=build.call("len", build.name(rows)), ops=[gast.NotEq()],
                         comparators=[build.constant(k)])
    message = build.constant(f"zip(*...) iterated into {k} names: the sequence must have {k} "
                             f"items")
    error = gast.Raise(exc=build.call("ValueError", message), cause=None)
    sequence = stmt.iter.args[0].value
    stmt.iter = gast.Call(func=stmt.iter.func, keywords=stmt.iter.keywords, args=[
        build.subscript(build.name(rows), build.constant(i)) for i in range(k)])
    return [build.assign(rows, sequence), build.if_(wrong, [error]), stmt]


def _strict(stmt: gast.Assign) -> bool:
    return any(k.value.value for k in stmt.value.keywords)


def _statements(names: list[str], sequence: gast.expr, pairs: str, item: str,
                strict: bool) -> list[gast.stmt]:
    k = len(names)

    def each(value: gast.expr) -> gast.ListComp:
        return gast.ListComp(elt=value, generators=[gast.comprehension(
            target=build.name(item, store=True), iter=build.name(pairs), ifs=[], is_async=0)])

    lengths = build.call("min", each(build.call("len", build.name(item))))
    short = gast.BoolOp(op=gast.Or(), values=[
        gast.Compare(left=build.call("len", build.name(pairs)), ops=[gast.Eq()],
                     comparators=[build.constant(0)]),
        gast.Compare(left=lengths, ops=[gast.NotEq()], comparators=[build.constant(k)])])
    if strict:  # (``strict=True``: every item of that length)
        short.values.append(gast.Compare(
            left=build.call("max", each(build.call("len", build.name(item)))), ops=[gast.NotEq()],
            comparators=[build.constant(k)]))
    message = build.constant(f"zip(*...) unpacked into {k} names: the shortest item must have "
                             f"{k} entries")
    error = gast.Raise(exc=build.call("ValueError", message), cause=None)
    out: list[gast.stmt] = [build.assign(pairs, sequence), build.if_(short, [error])]
    for i, name in enumerate(names):
        entry = build.subscript(build.name(item), build.constant(i))
        out.append(build.assign(name, build.call("tuple", each(entry))))
    return out
