"""What :mod:`common` asks of the names of a function before one value stands for two: which names
may be changed in place or share memory, which derivative code may read which, and where a value
computed inside two expressions gets a name of its own.

A value ``E`` computed inside a statement ``S1`` and again later (``S2``) with no name holding it
gets one: ``t = E`` goes just before ``S1``, which reads ``t``, as ``S2`` does (:func:`name_first`).
Only where ``S1`` surely computes ``E`` (not under a conditional expression, a short-circuit or a
lambda) and its parent there makes a new value, so ``t`` is never seen through a view: ``E`` is
computed at the same point, from the same values, once.

    >>> import gast
    >>> from tangentish.syntax.naming import Namer
    >>> from tangentish.syntax.printer import statement_lines
    >>> body = gast.parse("h = _rt.chosen(g, _rt.pick_first(x, 0.0))").body
    >>> node = body[0].value.args[1]
    >>> name_first(body, 0, node, Namer({"g", "h", "x"}), lambda parent: True)
    'pick_first_rt'
    >>> print("\\n".join(line for stmt in body for line in statement_lines(stmt)))
    pick_first_rt = _rt.pick_first(x, 0.0)
    h = _rt.chosen(g, pick_first_rt)
"""

from __future__ import annotations

import builtins
from collections.abc import Callable

import gast

from .. import ir
from ..syntax import build
from ..syntax.naming import Namer, describe
from ..syntax.tree_walk import walk
from .dataflow import statements, stores, target
from .repeats import ARRAY_READS
from .shape_reads import RESULT_FROM
from .substitute import Purity

_FRESH_PARENTS = (gast.BinOp, gast.UnaryOp, gast.Compare)
_MAYBE = (gast.IfExp, gast.BoolOp, gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp,
          gast.GeneratorExp)  # (what computes a part of itself only sometimes, or elsewhere)
_MADE = frozenset({"zeros", "ones", "empty", "full", "eye", "identity", "zeros_like",
                   "ones_like", "empty_like", "full_like", "arange", "linspace", "copy"})
# (NumPy functions whose result is a new array, never an argument or a view of one)
_IMMUTABLE = frozenset({"shape", "ndim", "size", "dtype"})  # (of ARRAY_READS: never a view)
_COMPARED = {gast.NotEq: "ne", gast.Eq: "eq", gast.Lt: "lt", gast.LtE: "le", gast.Gt: "gt",
             gast.GtE: "ge"}
_NOTED = ("origin", "owner")  # (what the named value keeps of its statement's note)


def name_first(block: list[gast.stmt], index: int, node: gast.expr, namer: Namer,
               fresh: Callable[[gast.AST], bool], adjoint: bool = False) -> str | None:
    """Give ``node``, computed inside ``block[index]``, a name of its own bound just before that
    statement (see the module docstring); returns the name, or None where it cannot
    (``fresh``: whether a parent node makes a new value of its operands; ``adjoint``: whether
    the new statement is derivative code, which it is only where every reader is: a primal
    reader keeps its value's bits, no fold touches primal code)."""
    stmt = block[index]
    parents = {id(c): p for p in walk(stmt.value) for c in gast.iter_child_nodes(p)}
    parent = parents.get(id(node))
    if parent is None or not fresh(parent):
        return None
    above = parent
    while above is not None:
        if isinstance(above, _MAYBE):
            return None
        above = parents.get(id(above))
    name = _name(node, namer)
    named = build.assign(name, node)
    note, new = stmt.__dict__.get(ir.SLOT), ir.note(named)
    for field in _NOTED if note is not None else ():
        setattr(new, field, getattr(note, field))
    new.adjoint = adjoint
    replace(stmt, node, parent, build.name(name))
    block.insert(index, named)
    return name


def _name(node: gast.expr, namer: Namer) -> str:
    """What :meth:`Namer.derived` calls ``node``, but never a builtin's name (``np.any(w != 0)``
    is ``any_w``, not ``any``)."""
    if node.__class__ is gast.Compare:
        return namer.fresh(_compared(node)) if _compared(node) else namer.temp()
    hint = describe(node)
    if hint is not None and hint in vars(builtins):
        operands = [*node.args, *node.keywords] if node.__class__ is gast.Call else [node]
        read = next((n.id for o in operands for n in walk(o) if n.__class__ is gast.Name),
                    "").lstrip("_")
        return namer.fresh(f"{hint}_{read}") if read else namer.temp()
    return namer.derived(node)


def _compared(node: gast.Compare) -> str | None:
    """``x_dot != 0`` is ``x_dot_nonzero``, ``x > y`` ``x_gt_y`` (None: no short name)."""
    left, right = node.left, node.comparators[0]
    word = _COMPARED.get(node.ops[0].__class__)
    if len(node.ops) != 1 or left.__class__ is not gast.Name or word is None:
        return None
    if word == "ne" and right.__class__ is gast.Constant and right.value == 0:
        return f"{left.id.lstrip('_')}_nonzero"
    other = right.id if right.__class__ is gast.Name else None
    return None if other is None else f"{left.id.lstrip('_')}_{word}_{other.lstrip('_')}"


def numpy_values(body: list[gast.stmt], np: str | None, math: str | None,
                 given: frozenset[str] = frozenset()) -> set[str]:
    """The names that surely hold what NumPy or ``math`` made (an array, a NumPy or Python
    scalar, a shape), whose :data:`ARRAY_READS` read the same thing each time and change
    nothing: every binding of such a name is ``n = v`` with ``v`` a call of ``np.f`` or
    ``math.f``, an operator whose operands are such names or constants, or an item, a method's
    result or an array attribute of such a name.  (A parameter, a loop's variable or a value a
    function of the user's made may be an object of any class, whose property may do anything;
    ``given``: parameters known to hold NumPy values, as a specialization's facts prove, or
    as the API's check of a caller's direction does: a float or a floating array.)"""
    bindings: dict[str, list[gast.expr]] = {}
    others: set[str] = set()
    for stmt in statements(body):
        name = target(stmt)
        if name is not None:
            bindings.setdefault(name, []).append(stmt.value)
        elif stmt.__class__ is not gast.Expr:  # (a compound statement: its header's names)
            header = [stmt.target] if isinstance(stmt, gast.For) else \
                [] if isinstance(stmt, ir.COMPOUND) else [stmt]
            others.update(n.id for h in header for n in walk(h) if n.__class__ is gast.Name and
                          n.ctx.__class__ is not gast.Load)
    known = (set(bindings) | given) - others
    while True:
        wrong = {n for n in known if not all(_made(v, known, np, math)
                                             for v in bindings.get(n, ()))}
        if not wrong:
            return known
        known -= wrong


def _made(value: gast.expr, known: set[str], np: str | None, math: str | None) -> bool:
    kind = value.__class__
    if kind is gast.Constant:
        return True
    if kind is gast.Name:
        return value.id in known
    if kind is gast.Call:  # (np.f, np.linalg.f, math.f, or a method of such a name)
        func, depth = value.func, 0
        while func.__class__ is gast.Attribute:
            func, depth = func.value, depth + 1
        return func.__class__ is gast.Name and depth > 0 and (
            func.id in (np, math) or depth == 1 and func.id in known)
    if kind is gast.Attribute:
        return value.attr in ARRAY_READS and _made(value.value, known, np, math)
    if kind is gast.Subscript:
        return _made(value.value, known, np, math)
    if kind is gast.BinOp:
        return _made(value.left, known, np, math) and _made(value.right, known, np, math)
    if kind is gast.UnaryOp:
        return _made(value.operand, known, np, math)
    return kind is gast.Compare and all(
        _made(v, known, np, math) for v in (value.left, *value.comparators))


def split(reader: gast.stmt, source: gast.stmt) -> bool:
    """Whether primal code ``reader`` would read what derivative code ``source`` computes (a
    ``vjp`` splits them apart: the primal half never sees the adjoint's values)."""
    return not ir.note(reader).adjoint and ir.note(source).adjoint


def replace(stmt: gast.stmt, node: gast.expr, parent: gast.AST | None, new: gast.expr) -> None:
    if parent is None:
        stmt.value = new
        return
    if not build.replace_child(parent, node, new):  # (never: parents are walked)
        raise AssertionError("the node is not its parent's child")


def touched(body: list[gast.stmt], purity: Purity) -> tuple[set[str], dict[str, set[str]]]:
    """The names whose value may be changed in place (an update, an augmented assignment's
    target, a store into an item or attribute, a call as a statement or a marker), and for each
    name those that may share memory with it or hold it (one bound from the other by anything but
    a new value: a copy, a view, a list, a call that may return its argument; of the runtime's
    helpers, the arguments :func:`_held` says)."""
    changed: set[str] = set()
    links: dict[str, set[str]] = {}
    for stmt in statements(body):
        updated = ir.note(stmt).updates
        if updated:
            changed.add(updated)
        if isinstance(stmt, gast.AugAssign):
            changed.update(_written(stmt.target, purity, stmt))
        elif stmt.__class__ is gast.Expr or \
                isinstance(stmt, ir.Marker) and not isinstance(stmt, (ir.Comment, ir.Push)):
            changed.update(build.names(stmt))
        elif stmt.__class__ is gast.Assign:
            for t in stmt.targets:
                if t.__class__ is not gast.Name and t.__class__ is not gast.Tuple:
                    changed.update(_written(t, purity))
            if not new_value(stmt.value, purity) and not (
                    stmt.value.__class__ is gast.Attribute and stmt.value.attr in _IMMUTABLE):
                for bound in stores(stmt):
                    for read in _held(stmt.value, purity):
                        links.setdefault(bound, set()).add(read)
                        links.setdefault(read, set()).add(bound)
        elif isinstance(stmt, gast.For):
            for read in build.loads(stmt.iter):
                links.setdefault(stmt.target.id if stmt.target.__class__ is gast.Name else "",
                                 set()).add(read)
                links.setdefault(read, set()).update(build.names(stmt.target))
    return changed, links


def _written(target: gast.expr, purity: Purity, stmt: gast.stmt | None = None) -> set[str]:
    """What ``x[i] = v`` or ``x[i] += v`` (``stmt``, of ``target``) may change: ``x`` (the
    target's base), not ``i`` nor ``v``; every name it mentions where it calls anything but
    NumPy, ``math`` or the runtime's pure helpers."""
    base, whole = target, target if stmt is None else stmt
    while base.__class__ is gast.Subscript or base.__class__ is gast.Attribute:
        base = base.value
    if base.__class__ is gast.Name and all(
            purity.of([n]) for n in walk(whole) if n.__class__ is gast.Call):
        return {base.id}
    return set(build.loads(whole) if stmt is None else build.names(whole))


def _held(value: gast.expr, purity: Purity) -> set[str]:
    """The names whose values ``value`` may be or hold: those it reads, but a runtime helper's
    result holds only its arguments at :data:`.shape_reads.RESULT_FROM`'s positions (never
    ``x`` of ``_rt.unindex(g, x, i)``, read for its layout)."""
    if new_value(value, purity):
        return set()
    func = value.func if value.__class__ is gast.Call else None
    positions = RESULT_FROM.get(func.attr) if func.__class__ is gast.Attribute and \
        func.value.__class__ is gast.Name and func.value.id == purity.rt else None
    if positions is None:  # (the modules and a called name, functions, are no values held)
        called = {id(n.func) if n.func.__class__ is gast.Name else id(n.func.value)
                  for n in build.node_list(value) if n.__class__ is gast.Call and (
                      n.func.__class__ is gast.Name or n.func.__class__ is gast.Attribute and
                      n.func.value.__class__ is gast.Name and
                      n.func.value.id in (purity.np, purity.math, purity.rt))}
        return {n.id for n in build.node_list(value) if n.__class__ is gast.Name and
                n.ctx.__class__ is gast.Load and id(n) not in called}
    args = value.args
    return set().union(*(_held(args[p], purity) for p in positions if p < len(args)))


def closed(names: set[str], links: dict[str, set[str]]) -> set[str]:
    """``names`` and every name linked to one of them, through any number of links."""
    found, frontier = set(names), list(names)
    while frontier:
        for other in links.get(frontier.pop(), ()):
            if other not in found:
                found.add(other)
                frontier.append(other)
    return found


def new_value(value: gast.expr, purity: Purity) -> bool:
    """Whether ``value`` is surely a new object (an operator's or a pure call's result, an array
    NumPy makes: ``np.zeros(n)``), never one of its operands or a view of one."""
    if isinstance(value, _FRESH_PARENTS):
        return True
    if value.__class__ is not gast.Call:
        return False
    func = value.func
    if func.__class__ is gast.Attribute and func.value.__class__ is gast.Name and \
            func.value.id == purity.np and func.attr in _MADE and \
            not any(k.arg in (None, "like", "out") for k in value.keywords):
        return True
    return purity.of(build.node_list(value)) and func.value.id in (purity.np, purity.math)
