"""Methods that change a list the function made, lowered as the list they leave, bound again.

``xs.append(v)`` and ``xs.pop()`` have rules of their own (the adjoint pops what the primal
pushed).  The other changes of a list made in the function (a display, ``list(...)``, a
comprehension) are what Python's slicing and ``+`` make of it:

- ``xs.sort(key=k, reverse=r)`` is ``xs = sorted(xs, key=k, reverse=r)``;
- ``xs.reverse()`` is ``xs = xs[::-1]``;
- ``xs.insert(i, v)`` is ``xs = xs[:i] + [v] + xs[i:]`` (for every ``i``, negative or past the
  end, as ``list.insert`` places it);
- ``xs.pop(i)`` is ``item = xs[i]`` (the call's value, and its ``IndexError``), then ``xs =
  xs[:i] + xs[i:][1:]`` (for every valid ``i``: ``xs[-1:][1:]`` is empty);
- ``xs.remove(v)`` is ``xs.pop(xs.index(v))`` (the first item equal to ``v``, compared as
  ``list.remove`` compares, with its ``ValueError`` where none is: the place is an int, constant
  where the items move);
- ``xs.clear()`` is ``xs = []``.

The new binding is marked as an augmented assignment of ``xs`` (``augments``, as ``xs += [v]``):
where another name holds the same list (``other = xs``, ``groups = [xs]``), which Python's
in-place change would change too, :mod:`aliases` refuses it naming both.  The methods of a list
from outside the function (a parameter, which may be an array) stay as they were: a
``MissingRuleError``.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x):
    ...     q = [x, 2.0 * x]
    ...     q.insert(0, x * x)
    ...     first = q.pop(1)
    ...     return first + q[0]
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(x):
        x_times_2 = 2.0 * x
        q = [x, x_times_2]
        q_slice = q[:0]
        x_times_x = x * x
        _t1 = [x_times_x]
        _t2 = q_slice + _t1
        q_slice_1 = q[0:]
        q_1 = _t2 + q_slice_1
        q_11 = q_1[1]
        q_1_slice = q_1[:1]
        q_1_slice_1 = q_1[1:]
        _t3 = q_1_slice_1[1:]
        q_2 = q_1_slice + _t3
        q_20 = q_2[0]
        out = q_11 + q_20
        return out
"""

from __future__ import annotations

import gast

from .. import ir, runtime
from ..syntax import build
from ..syntax.naming import fresh_name
from .dataflow import statements, stores
from .lowering import Lowering


def list_method(norm: Lowering, call: gast.expr) -> bool:
    """Lower ``call`` (an expression statement's value) when it is ``xs.sort()``,
    ``xs.reverse()``, ``xs.insert(i, v)`` or ``xs.clear()`` on a list the function made; whether
    it was (``xs.remove(v)`` is rewritten as ``xs.pop(xs.index(v))``, then lowered as a pop)."""
    xs = _made_list(norm, call, ("sort", "reverse", "insert", "clear", "remove"))
    if xs is None:
        return False
    args, keywords = call.args, {k.arg: k.value for k in call.keywords}
    method = call.func.attr
    if method == "remove" and len(args) == 1 and not keywords:  # (lowered as the pop it is)
        call.func.attr = "pop"
        call.args = [build.call(build.attribute(build.name(xs), "index"), args[0])]
        return False
    if method == "sort" and not args and set(keywords) <= {"key", "reverse"} and \
            "sorted" not in norm.locals and norm.info.is_builtin("sorted"):  # (not shadowed)
        value = build.call("sorted", build.name(xs), **keywords)
    elif method == "reverse" and not args and not keywords:
        value = _slice(xs, None, None, build.constant(-1))
    elif method == "clear" and not args and not keywords:
        value = gast.List(elts=[], ctx=gast.Load())
    elif method == "insert" and len(args) == 2 and not keywords:
        index = _held(norm, args[0], call)
        value = gast.BinOp(left=gast.BinOp(left=_slice(xs, None, index), op=gast.Add(),
                                           right=gast.List(elts=[args[1]], ctx=gast.Load())),
                           op=gast.Add(), right=_slice(xs, index, None))
    else:
        return False
    _rebind(norm, xs, value, call, f"`{xs}.{method}(...)`")
    return True


def slice_assigned(norm: Lowering, target: gast.Subscript, value: gast.expr) -> bool:
    """``xs[i:j] = v`` (no step) on a list the function made, lowered as the list it leaves,
    ``xs = xs[:i] + list(v) + xs[i:][len(xs[i:j]):]``: Python's slice assignment for every ``i``
    and ``j`` (negative, past the end, ``j`` before ``i``: the items after the slice, which is
    empty then), ``xs[j:]`` where ``i <= j`` are int constants of one sign, none for ``xs[i:]``;
    ``v`` as a list display where it is one; the bounds names or int constants (read twice).
    Whether it was."""
    index = target.slice
    xs = _made_name(norm, target.value) if isinstance(index, gast.Slice) and \
        index.step is None and all(_plain_bound(b) for b in (index.lower, index.upper)) else None
    plain = isinstance(value, (gast.List, gast.Tuple)) and \
        not any(isinstance(e, gast.Starred) for e in value.elts)
    if xs is None or not (plain or ("list" not in norm.locals and norm.info.is_builtin("list"))):
        return False
    items = gast.List(elts=value.elts, ctx=gast.Load()) if plain else build.call("list", value)
    lower = build.constant(0) if index.lower is None else index.lower
    value = gast.BinOp(left=_slice(xs, None, lower), op=gast.Add(), right=items)
    if index.upper is not None:
        upper = index.upper
        bounds = [_int_constant(b) for b in (lower, upper)]
        rest = _slice(xs, upper, None) if None not in bounds and bounds[0] <= bounds[1] and \
            (bounds[0] < 0) == (bounds[1] < 0) else gast.Subscript(
                value=_slice(xs, lower, None), ctx=gast.Load(), slice=gast.Slice(
                    lower=build.call("len", _slice(xs, lower, upper)), upper=None, step=None))
        value = gast.BinOp(left=value, op=gast.Add(), right=rest)
    _rebind(norm, xs, value, target, "assigning to a slice of a list")
    return True


def list_pop(norm: Lowering, call: gast.Call) -> tuple[gast.expr, ir.Op] | None:
    """``xs.pop()`` (:func:`_pop_last`), and ``xs.pop(i)`` on a list the function made, as the
    module docstring says: the item, and its operation; ``None`` for any other call."""
    func = call.func
    if func.attr == "pop" and not call.args and not call.keywords and \
            isinstance(func.value, gast.Name) and (norm.reverse or call is norm.statement_call):
        return _pop_last(norm, func.value, call)
    xs = _made_list(norm, call, ("pop",))
    if xs is None or len(call.args) != 1 or call.keywords:
        return None
    index = _held(norm, call.args[0], call)
    item = norm.atom(gast.copy_location(gast.Subscript(value=build.name(xs), slice=index,
                                                       ctx=gast.Load()), call))
    rest = gast.Subscript(value=_slice(xs, index, None), slice=gast.Slice(
        lower=build.constant(1), upper=None, step=None), ctx=gast.Load())
    _rebind(norm, xs, gast.BinOp(left=_slice(xs, None, index), op=gast.Add(), right=rest), call,
            f"`{xs}.pop(...)`")
    return item, ir.Op(None, [item], node=call)


def rebound_lists(norm: Lowering, stmts: list[gast.stmt]) -> set[str]:
    """The lists made before ``stmts`` that ``stmts`` change by a method or a slice assignment
    lowered here: a loop carries them as any variable it binds (:func:`flow._carried` reads the
    names a body binds from its text, where ``xs.pop(0)`` and ``xs[0:1] = v`` bind none;
    ``xs.pop()`` changes ``xs`` in place)."""
    found = set()
    for stmt in stmts:
        for node in build.nodes(stmt):
            receiver = None
            if isinstance(node, gast.Subscript) and isinstance(node.ctx, gast.Store) and \
                    isinstance(node.slice, gast.Slice) and node.slice.step is None:
                receiver = node.value  # (:func:`slice_assigned`)
            elif isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) and \
                    node.func.attr in _REBINDING and (node.args or node.func.attr != "pop"):
                receiver = node.func.value
            if isinstance(receiver, gast.Name) and receiver.id in norm.current:
                from .in_place_calls import made_as_list  # (a plain loop imports nothing more)

                if made_as_list(norm, norm.current[receiver.id]):
                    found.add(receiver.id)
    return found


_REBINDING = ("sort", "reverse", "insert", "pop", "clear", "remove")


def stored_plainly(stmts: list[gast.stmt]) -> set[str]:
    """The names ``stmts`` bind other than by an augmented assignment (``xs += [v]`` keeps a list
    a list; ``xs = ...`` may make it anything)."""
    return {n for s in statements(stmts) if not isinstance(s, gast.AugAssign) for n in stores(s)}


def _made_list(norm: Lowering, call: gast.expr, methods: tuple[str, ...]) -> str | None:
    """The user's name of the list ``call`` calls one of ``methods`` of, if the function made
    that list; else ``None``."""
    func = call.func if isinstance(call, gast.Call) else None
    if not (isinstance(func, gast.Attribute) and func.attr in methods) or \
            any(k.arg is None for k in call.keywords):
        return None
    return _made_name(norm, func.value)


def _plain_bound(node: gast.expr | None) -> bool:
    return node is None or isinstance(node, gast.Name) or _int_constant(node) is not None


def _int_constant(node: gast.expr) -> int | None:
    """The int ``node`` writes (``3``, ``-1``), else None."""
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
        inner = _int_constant(node.operand)
        return None if inner is None else -inner
    return node.value if isinstance(node, gast.Constant) and type(node.value) is int else None


def _made_name(norm: Lowering, node: gast.expr) -> str | None:
    """The user's name ``node`` is, if it holds a list the function made; else ``None``."""
    from .in_place_calls import made_as_list

    if not (isinstance(node, gast.Name) and node.id in norm.current):
        return None
    current = norm.current[node.id]
    return node.id if current not in norm.params and made_as_list(norm, current) else None


def _held(norm: Lowering, index: gast.expr, node: gast.AST) -> gast.expr:
    """``index`` as the function's own expression to read again (each later expression is
    lowered from the user's names): an int constant or a name as it is, anything else computed
    once into a fresh name of the function's (``ys.pop(ys.index(v))``, ``ys.insert(len(ys) - 2,
    v)``; and a name rebound before, ``i = i + 1``, which its lowered name would not read)."""
    if _int_constant(index) is not None:
        return index
    taken = set(norm.name_counts()) | set(norm.current) | set(norm.locals)
    held = fresh_name("at", taken)
    norm.assign([build.name(held, store=True)], gast.copy_location(index, node))
    return build.name(held)


def _slice(xs: str, lower, upper, step=None) -> gast.Subscript:
    return gast.Subscript(value=build.name(xs), slice=gast.Slice(
        lower=lower and build.clone(lower), upper=upper and build.clone(upper), step=step),
        ctx=gast.Load())


def _rebind(norm: Lowering, xs: str, value: gast.expr, node: gast.AST, what: str) -> None:
    """``xs = value``, marked as the in-place change of ``xs`` Python makes (not in one branch of
    ``a if c else b`` or ``and``/``or``, after which no merge would join ``xs``'s two names)."""
    if norm.value_branches:
        raise norm.error(f"cannot differentiate {what} inside a conditional expression (`a if "
                         "c else b`, `and`, `or`)", node, hint="write it in an `if` statement")
    before = norm.current[xs]
    norm.assign([build.name(xs, store=True)], gast.copy_location(value, node))
    if norm.body and ir.has_op(norm.body[-1]):
        ir.note(norm.body[-1]).augments = before


def _pop_last(norm: Lowering, name: gast.Name, expr: gast.Call) -> tuple[gast.expr, ir.Op]:
    """``xs.pop()``: ``item = xs[-1]``, then ``xs.pop()`` as a statement that changes ``xs``
    (keyed ``runtime.drop_last``), so each part has a rule in both modes.  Forward mode keeps
    ``v = xs.pop()`` whole (its tangent pops the tangent list in step); a bare ``xs.pop()``
    statement is split there too, as its tangent must shorten the tangent list, not rebind it."""
    receiver = norm.atom(name)
    # ``xs[-1]`` in the function's own names (``norm.atom`` lowers it, renaming ``xs`` again)
    last = gast.copy_location(gast.Subscript(value=build.clone(name), slice=build.constant(-1),
                                             ctx=gast.Load()), expr)
    item = norm.atom(last)
    popped = build.call(build.attribute(build.clone(receiver), "pop"))
    emitted = norm.emit(gast.Expr(value=popped),
                        ir.Op(runtime.drop_last, [build.clone(receiver), build.clone(item)], {},
                              "the method `.pop()`", expr))
    ir.note(emitted).updates = receiver.id
    return item, ir.Op(None, [item], node=expr)
