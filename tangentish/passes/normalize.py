"""Normalize a desugared function into A-normal form with structured single assignment.

Guarantee to the next stage: the body is a list of statements, each doing one operation on *atoms*
(names, constants, references to globals such as ``np.pi``, and literal tuples/lists/slices of
those), with ``If``/``For``/``While`` kept as blocks.  Every ``Assign`` has one ``Name`` target; a
variable reassigned gets a fresh name (``x``, ``x_1``...), so each name has one definition per path
through one loop iteration, except the merge and loop-carried copies made by :mod:`flow`.  Each
statement's :class:`~tangentish.ir.Note` carries ``op`` (what to differentiate), ``origin`` (the
user's line) and, for in-place updates, ``updates`` (the variable changed).  The last statement is
``return <atom>``.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> def f(x):
    ...     y = np.sin(x * 2.0)
    ...     y = y + x
    ...     return y
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(x):
        x_times_2 = x * 2.0
        y = np.sin(x_times_2)
        y_1 = y + x
        return y_1
"""

from __future__ import annotations

import copy
import operator
from typing import Any

import gast
import numpy as np

from .. import ir
from ..ir import Op
from ..syntax import build
from ..syntax.naming import Namer
from ..syntax.parse import SourceInfo
from ..syntax.resolve import Machinery
from .applied import poly1d_binding
from .closures import factory_call
from .display_items import forward_display_items
from .lower import is_placeholder, lower_expression, lower_index, lower_output
from .lowering import Lowering, parameters, seed_name
from .vectorized import vectorize_binding
from .writes import MUTATING_METHODS


class Normalized:
    """The function in A-normal form and what the later passes read of it (a plain class: a
    dataclass costs a first ``grad()`` half a millisecond to make)."""

    def __init__(self, info: SourceInfo, params: list[str], body: list[gast.stmt], namer: Namer,
                 machinery: Machinery, aux: gast.expr | None = None, seed: str = "out_bar"):
        self.info, self.params, self.body, self.namer = info, params, body, namer
        self.machinery = machinery
        self.aux = aux  # with has_aux: the auxiliary value returned next to the output
        self.seed = seed  # the name of the output's adjoint parameter
        self.copied: list[str] = []  # parameters copied on entry (see aliases.py)
        self.copies: frozenset[str] = frozenset()  # the names of those copies
        self.sharing: dict[str, frozenset[str]] = {}  # (see aliases.py)
        # parameter → size-one pattern of the call signature a derivative is specialized to
        # (see patterns.py; empty: the generic derivative, for every shape)
        self.facts: dict[str, tuple[bool, ...] | None] = {}
        self.kinds: dict[str, str] = {}  # parameter → "float64" or "int" (see dtypes.py)
        self.sequence_params: frozenset[str] = frozenset()  # handed lists or tuples (a helper's)
        self.elementwise: set[int] = set()  # `xs * v` ops (ids): NumPy's products (sequences.py)
        # the items of the returned tuple whose seed may be non-zero (a helper's gradient whose
        # caller reads only those: passes/calls.py read_items); None: all of them
        self.read_items: tuple[int, ...] | None = None
        # a name → the first other user variable made another name for its value (``z = g``:
        # ``g``'s current name → "z"), for the messages of aliases.py
        self.other_names: dict[str, str] = {}

    @property
    def output(self) -> gast.expr:
        return self.body[-1].value


class Normalizer(Lowering):
    """Lowers statements one at a time; ``self.body`` collects the result (the state and the
    primitives are :class:`~.lowering.Lowering`'s)."""

    def run(self) -> Normalized:  # -- statements --------------------------------------------------
        self.length_checks: list = []  # (see unpack_lengths.py)
        for index, stmt in enumerate(self.info.node.body):
            if self.returned:
                break
            self.origin = stmt.lineno
            if index == 0 and _is_docstring(stmt):
                continue
            self.statement(stmt)
        if not self.returned:
            raise self.error(f"{self.info.name} has no `return` statement", self.info.node,
                             hint="return the value to differentiate")
        if self.declared:  # (names bound on some paths only: flow.py's)
            from .flow import unbound_placeholder
            self.body[:0] = [unbound_placeholder(self, name) for name in self.declared]
        if self.length_checks:  # (an unpacking's: imported where there is one)
            from . import unpack_lengths
            unpack_lengths.drop_known(self.body, self.length_checks)
        forward_display_items(self.body)  # (p = t[0] of t = (a, b): p = a)
        norm = Normalized(self.info, self.params, self.body, self.namer, self.machinery,
                          self.aux, self.seed)
        norm.other_names = self.other_names
        return norm

    def statement(self, stmt: gast.stmt) -> None:
        if isinstance(stmt, gast.FunctionDef) or isinstance(stmt, gast.Assign) and isinstance(
                stmt.value, gast.Lambda) and [t.__class__ for t in stmt.targets] == [gast.Name]:
            from .local_defaults import define_local  # (imported where a function is defined)
            define_local(self, stmt)
            return
        if factory_call(self, stmt) or vectorize_binding(self, stmt) or \
                poly1d_binding(self, stmt):  # (h = make(a), f = np.vectorize(g), P = np.poly1d(p))
            return
        if isinstance(stmt, gast.Assign):
            self.assign(stmt.targets, stmt.value)
        elif isinstance(stmt, gast.AnnAssign):
            self.assign([stmt.target], stmt.value)
        elif isinstance(stmt, gast.AugAssign):
            self.augmented(stmt)
        elif isinstance(stmt, gast.Return):
            self.returned = True
            if stmt.value is None:
                raise self.error("`return` without a value", stmt,
                                 hint="return the value to differentiate")
            self.emit(build.return_(lower_output(self, stmt.value)))
        elif isinstance(stmt, gast.Expr):
            self.expression_statement(stmt)
        elif isinstance(stmt, gast.Assert):
            self.emit(gast.Assert(test=self.atom(stmt.test), msg=_constant_or_none(stmt.msg)))
        elif isinstance(stmt, (gast.If, gast.For, gast.While)):
            from . import flow  # (branches and loops: imported where met)
            {gast.If: flow.if_statement, gast.For: flow.for_statement,
             gast.While: flow.while_statement}[type(stmt)](self, stmt)
        elif isinstance(stmt, gast.Break):
            self.emit(gast.Break())
        elif isinstance(stmt, gast.Raise):  # (`raise Error(<arguments>)`: syntax/fence.py)
            self.emit(gast.Raise(exc=self.raised(stmt.exc), cause=None))
        elif not isinstance(stmt, gast.Pass):
            raise self.error(f"cannot differentiate a `{type(stmt).__name__}` statement", stmt,
                             hint="rewrite it with assignments and NumPy calls")

    def raised(self, exc: gast.expr) -> gast.expr:
        """The exception a ``raise`` makes, its arguments computed first (atoms: a constant stays
        in place, an f-string or a value is a temporary of the primal, read by nothing else)."""
        if not isinstance(exc, gast.Call):
            return copy.deepcopy(exc)
        return gast.Call(func=copy.deepcopy(exc.func), args=[self.atom(a) for a in exc.args],
                         keywords=[gast.keyword(arg=k.arg, value=self.atom(k.value))
                                   for k in exc.keywords])

    def expression_statement(self, stmt: gast.Expr) -> None:
        if isinstance(stmt.value, gast.Constant):
            return
        from .in_place_calls import in_place_call  # (an expression statement: a call, mostly)
        from .list_methods import list_method
        from .receiver_writes import receiver_write

        if in_place_call(self, stmt.value) or receiver_write(self, stmt.value) or \
                list_method(self, stmt.value):
            return
        self.refuse_module_method(stmt.value)
        self.statement_call, self.written = stmt.value, None
        value, op = self.lower(stmt.value)
        written, self.statement_call, self.written = self.written, None, None
        if isinstance(value, gast.Constant):  # (an inlined helper's result: nothing to run)
            return
        emitted = self.emit(gast.Expr(value=value), op)
        func = value.func if isinstance(value, gast.Call) else None
        if written is not None:  # np.copyto(c, v), f(..., out=c): see writes.py
            ir.note(emitted).updates = written
        elif isinstance(func, gast.Attribute) and isinstance(func.value, gast.Name) and \
                func.value.id in self.current.values():
            ir.note(emitted).updates = func.value.id  # a method may change its receiver

    def refuse_module_method(self, call: gast.expr) -> None:
        """``W.fill(0.0)``, ``CACHE.append(v)``: a method changing a module-level (or closure)
        array, list, dict or set in place would write into the user's value."""
        func = call.func if isinstance(call, gast.Call) else None
        if not (isinstance(func, gast.Attribute) and isinstance(func.value, gast.Name)) or \
                func.attr not in MUTATING_METHODS or func.value.id in self.locals:
            return
        found, value = self.info.lookup(func.value.id)
        if found and isinstance(value, (np.ndarray, list, dict, set, bytearray)):
            raise self.error(f"cannot differentiate `.{func.attr}()` on {func.value.id!r}, a "
                             "value from outside the function: it would change it in place",
                             call, hint=f"work on a local copy (`{func.value.id}_copy = "
                             f"{func.value.id}.copy()`), or build a new value")

    def augmented(self, stmt: gast.AugAssign) -> None:
        """``x op= v``.  On a name it rebinds ``x`` (for arrays Python changes the array in place:
        :mod:`aliases` checks that no other name for that array is read afterwards)."""
        if self.list_item_augmented(stmt):
            return
        load = build.with_context(stmt.target, gast.Load)
        value = gast.copy_location(gast.BinOp(left=load, op=stmt.op, right=stmt.value), stmt)
        if isinstance(stmt.target, gast.Name) and stmt.target.id in self.current:
            before = self.current[stmt.target.id]
            self.assign([stmt.target], value)
            if self.body and ir.has_op(self.body[-1]):
                ir.note(self.body[-1]).augments = before
            return
        self.assign([stmt.target], value)
        if self.body and ir.note(self.body[-1]).updates is not None:  # (x[i] op= v: an item,
            ir.note(self.body[-1]).in_place = True  # if x is a list, changed in place)

    def list_item_augmented(self, stmt: gast.AugAssign) -> bool:
        """``items[i] op= v`` on a list the function made, lowered as Python runs it: ``item =
        items[i]; item op= v; items[i] = item``.  For an array item ``item op= v`` changes that
        array in place, and whatever shares its memory (``items = [y[0], y[1]]``: ``y``), which
        ``items[i] = items[i] op v`` would not: :mod:`aliases` checks it as any name's update
        (the list itself gets the item back).  Returns whether ``stmt`` was such an update."""
        from .in_place_calls import may_be_list

        target = stmt.target
        if not (isinstance(target, gast.Subscript) and isinstance(target.value, gast.Name) and
                target.value.id in self.current and
                may_be_list(self, self.current[target.value.id])):
            return False
        index, items = target.slice, target.value.id
        if not isinstance(index, (gast.Name, gast.Constant)):  # (evaluated once, as Python does)
            fresh = self.namer.fresh(f"{items}_index")
            self.assign([build.name(fresh, store=True)], index)
            index = build.name(fresh)
        item = self.namer.fresh(f"{items}_item")
        self.assign([build.name(item, store=True)], gast.copy_location(
            gast.Subscript(value=build.name(items), slice=index, ctx=gast.Load()), target))
        self.augmented(gast.copy_location(gast.AugAssign(
            target=build.name(item, store=True), op=stmt.op, value=stmt.value), stmt))
        if self.body and ir.has_op(self.body[-1]):
            ir.note(self.body[-1]).item_of = self.current[items]
        self.assign([gast.copy_location(gast.Subscript(
            value=build.name(items), slice=copy.deepcopy(index), ctx=gast.Store()), target)],
            build.name(item))
        return True

    def setitem(self, target: gast.Subscript, value: gast.expr) -> None:
        """``x[i] = v`` on a local array: an in-place update of ``x`` (a list's slice: below)."""
        from .list_methods import slice_assigned  # (xs[i:j] = v on a list the function made)
        if not slice_assigned(self, target, value):
            self.store_item(target, self.atom(value))

    def store_item(self, target: gast.Subscript, atom: gast.expr) -> None:
        """``x[i] = atom`` with the value already lowered (an item of a tuple assignment,
        ``y[0], y[1] = y[1], y[0]``: lowering it again would read it as a user's name)."""
        variable = target.value.id
        if variable not in self.current and variable in self.locals:
            raise self.error(f"local variable {variable!r} is used before it is assigned",
                             target, hint="assign it before this line")
        if variable not in self.current:  # (a global or a closure's array, or a view of one)
            raise self.error(
                f"this line writes into {variable!r}, which the function does not own (a value "
                "from outside the function, a global or a closed-over variable; here, or through "
                "a view of it): the derivative would change it behind your back", target,
                hint=f"copy it into a local variable first (`{variable.lower()}_copy = "
                f"{variable}.copy()`) and change the copy")
        current = self.current[variable]
        index = lower_index(self, target.slice)
        store = build.subscript(build.name(current), index, store=True)
        emitted = self.emit(build.assign(store, atom),
                            Op(operator.setitem, [build.name(current), index, atom], {},
                               "an element assignment", target))
        ir.note(emitted).updates = current

    def assign(self, targets: list[gast.expr], value: gast.expr) -> None:
        if len(targets) == 1 and isinstance(targets[0], gast.Subscript):
            self.setitem(targets[0], value)
            return
        if len(targets) == 1 and isinstance(targets[0], gast.Name):
            expr, op = self.lower(value)
            if op.key is None and isinstance(expr, gast.Name):
                self.current[targets[0].id] = expr.id  # `y = x`: y is another name for x
                self.other_names.setdefault(expr.id, targets[0].id)
            else:
                emitted = self.emit(build.assign(self.define(targets[0].id), expr), op)
                if op.key is None and is_placeholder(self, expr):  # generated code's placeholder
                    ir.note(emitted).placeholder = True
            return
        if len(targets) == 1 and _matching(targets[0], value):
            pairs = _pairs(targets[0], value)
            atoms = [self.atom(element) for _, element in pairs]  # all values first
            for (target, _), atom in zip(pairs, atoms, strict=True):
                self.bind(target, atom)
            return
        atom = self.atom(value)
        for target in targets:
            self.bind(target, atom)

    def bind(self, target: gast.expr, atom: gast.expr) -> None:
        """Assign an atom to a (possibly nested tuple) target, unpacking by index."""
        if isinstance(target, gast.Name) and isinstance(atom, gast.Name):
            self.current[target.id] = atom.id
            return
        if isinstance(target, gast.Name):
            self.emit(build.assign(self.define(target.id), atom), Op(None, [atom], node=target))
            return
        if isinstance(target, gast.Subscript):
            self.store_item(target, atom)
            return
        if isinstance(target, (gast.Tuple, gast.List)):
            from . import unpack_lengths  # (what only some functions need)

            unpack_lengths.guard(self, target, atom, self.length_checks)
            for index, element in self.unpacked(target):
                if isinstance(element, gast.Starred):  # `*rest`: the list of the middle items
                    had = self.current.get(atom.id)
                    self.current[atom.id] = atom.id  # (the atom read as itself)
                    middle = self.atom(_middle(atom, *index))
                    if had is None:
                        del self.current[atom.id]
                    self.bind(element.value, middle)
                    continue
                item = build.constant(index)
                expr = build.subscript(atom, item)
                op = Op(operator.getitem, [atom, item], label="indexing", node=target)
                if isinstance(element, gast.Name):
                    self.emit(build.assign(self.define(element.id), expr), op)
                else:
                    temp = self.namer.temp()
                    self.emit(build.assign(temp, expr), op)
                    self.bind(element, build.name(temp))
            return
        raise self.error("cannot assign to this target", target,
                         hint="assign to plain names or tuples of names")

    def unpacked(self, target: gast.Tuple | gast.List) -> list[tuple[Any, gast.expr]]:
        """The elements of a tuple target and the index each reads: ``a, *rest, b`` reads ``0``
        and ``-1``; its starred name is dropped when nothing reads it (``w, *_ = lstsq(...)``),
        and otherwise reads ``(1, 1)``: the list of the items from 1 to all but the last one
        (``rest = list(v[1:len(v) - 1])``, as Python makes it; refused where ``list`` or ``len``
        is not the builtin)."""
        starred = [i for i, e in enumerate(target.elts) if isinstance(e, gast.Starred)]
        if not starred:
            return list(enumerate(target.elts))
        at = starred[0]
        name = target.elts[at].value.id
        after = target.elts[at + 1:]
        kept: list[tuple[Any, gast.expr]] = []
        if any(isinstance(n, gast.Name) and n.id == name and isinstance(n.ctx, gast.Load)
               for n in build.nodes(self.info.node)):
            if not all(self.info.is_builtin(b) and b not in self.locals for b in ("list", "len")):
                raise self.error(f"cannot differentiate a starred target that is read "
                                 f"(`*{name}`) where `list` or `len` is not the builtin",
                                 target.elts[at], hint=f"index the value instead (`{name} = "
                                                       "v[1:]`)")
            kept = [((at, len(after)), target.elts[at])]
        return [*enumerate(target.elts[:at]), *kept,
                *((j - len(after), e) for j, e in enumerate(after))]

    # -- expressions -----------------------------------------------------------------------------
    def lower(self, expr: gast.expr) -> tuple[gast.expr, Op]:
        """One operation over atoms equivalent to ``expr`` (its operands emitted before it)."""
        return lower_expression(self, expr)


def _middle(sequence: gast.Name, start: int, after: int) -> gast.Call:
    """``list(v[start:len(v) - after])`` (``list(v[start:])`` when nothing follows)."""
    stop = None if not after else build.binop(build.call("len", build.name(sequence.id)), "-",
                                              build.constant(after))
    part = gast.Slice(lower=build.constant(start), upper=stop, step=None)
    return build.call("list", build.subscript(build.name(sequence.id), part))


def _matching(target: gast.expr, value: gast.expr) -> bool:
    return (isinstance(target, (gast.Tuple, gast.List)) and isinstance(value, (gast.Tuple, gast.List))
            and len(target.elts) == len(value.elts)
            and not any(isinstance(e, gast.Starred) for e in target.elts))


def _pairs(target: gast.expr, value: gast.expr) -> list[tuple[gast.expr, gast.expr]]:
    """``(a, (b, c)) = (x, (y, z))`` → ``[(a, x), (b, y), (c, z)]``, matching nested tuples."""
    if not _matching(target, value):
        return [(target, value)]
    return [pair for t, v in zip(target.elts, value.elts, strict=True) for pair in _pairs(t, v)]


def _is_docstring(stmt: gast.stmt) -> bool:
    return isinstance(stmt, gast.Expr) and isinstance(stmt.value, gast.Constant)


def _constant_or_none(node: gast.AST | None) -> gast.AST | None:
    return node if isinstance(node, gast.Constant) else None


def normalize(info: SourceInfo, has_aux: bool = False,
              reserved: set[str] | None = None, reverse: bool = True) -> Normalized:
    """Lower ``info.node`` to single-assignment A-normal form (see the module docstring);
    ``reserved`` names are never given to the user's variables (they are renamed)."""
    return Normalizer(info, has_aux, reserved, reverse).run()


__all__ = ["Normalized", "Normalizer", "normalize", "parameters", "seed_name"]
