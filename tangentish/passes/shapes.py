"""Shape equality analysis: which names provably have the same shape.

Guarantee: ``ShapeClasses.same(a, b)`` is true only when ``a`` and ``b`` have the same shape on
every run.  The reverse pass uses it to drop ``_rt.unbroadcast(g, x)`` where ``g`` (shaped like the
result) cannot differ from ``x`` in shape, so ``y = 2.0 * x`` gets ``x_bar = y_bar * 2.0``.

Evidence used: copies; unary elementwise operations; binary elementwise operations whose other
operand is a Python number, a full reduction (``np.sum(v)``, a scalar) or a reduction with
``keepdims=True`` of a value shaped like the other operand, maybe through unary elementwise
operations (``x - np.max(x, axis=1, keepdims=True)``, ``z - np.log(np.sum(np.exp(z), axis=1,
keepdims=True))``), or whose two operands are already known to share a shape.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x, w):
    ...     y = 2.0 * x
    ...     u = np.sin(y)
    ...     z = y + w
    ...     return np.sum(z * u)
    >>> info = parse_function(f); desugar(info)
    >>> shapes = analyze_shapes(normalize(info))
    >>> shapes.same("x", "y"), shapes.same("y", "u"), shapes.same("y", "z")  # (z: w broadcasts)
    (True, True, False)
"""

from __future__ import annotations

import builtins
import operator
from collections import Counter

import gast
import numpy as np

from .. import ir, runtime
from ..registry import REGISTRY, Registry
from ..syntax.parse import SourceInfo
from ..syntax.resolve import resolve_reference
from .binding import is_user_function
from .carried_shapes import ShapeClasses, broken, carried_copies, same_as_operand, scalar_parameters
from .dataflow import definition_counts, statements
from .dataflow import target as target_of
from .normalize import Normalized
from .repeated_reads import changed_in_place, read_key
from .sequences import COPY_HELPERS, MAKER_HELPERS, adjoint_of_sequence, sequence_operand
from .slice_shapes import slice_key

_BINARY = {operator.add, operator.sub, operator.mul, operator.truediv, operator.pow, operator.mod,
           operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne}
_BINARY_HELPERS = frozenset({"power"})  # (``runtime.helper_named``: its family not imported)
# Elementwise functions that are not ufuncs: the result has the broadcast shape of all operands.
_BROADCASTING = {np.where: 3, np.clip: 3}
_UNARY = {operator.neg, operator.pos}


def elementwise_arity(key: object) -> int:
    if key in _BINARY or runtime.helper_named(key, _BINARY_HELPERS):
        return 2
    if key in _UNARY:
        return 1
    if isinstance(key, np.ufunc) and key.nout == 1 and key.signature is None:  # not matmul
        return key.nin
    try:
        return _BROADCASTING.get(key, 0)
    except TypeError:
        return 0


_LIKE = frozenset({"dtype", "order", "subok"})
_SAME_SHAPE: dict[object, tuple[int, frozenset[str]]] = {  # operands at most, keywords allowed
    np.zeros_like: (1, _LIKE), np.ones_like: (1, _LIKE), np.empty_like: (1, _LIKE),
    np.full_like: (2, _LIKE), np.copy: (1, frozenset({"order", "subok"})),
    np.asarray: (1, frozenset({"dtype", "order"})), np.array: (1, frozenset({"dtype", "copy"})),
    np.roll: (3, frozenset({"shift", "axis"})), np.flip: (2, frozenset({"axis"})),
    np.fliplr: (1, frozenset()), np.flipud: (1, frozenset()),
    np.nan_to_num: (1, frozenset({"copy", "nan", "posinf", "neginf"})),
}
_ALONG_AXIS = {np.sort, np.cumsum, np.cumprod}  # the same shape along one literal axis (np.sort's
# default axis is -1; the running ones flatten without an axis, and a 0-d x with one)


def keeps_shape(op: ir.Op, rank: int | None = None) -> bool:
    """Whether ``op``'s result has the shape of its first operand when that is an array or a
    scalar: ``np.zeros_like(x)``, ``np.roll(x, 1)``, ``np.flip(x)``, ``np.sort(x)``,
    ``np.cumsum(x, axis=0)`` (not ``np.zeros_like(x, shape=...)``, ``np.sort(x, axis=None)``,
    ``np.cumsum(x)``, nor ``np.cumsum(x, axis=0)`` of an ``x`` of ``rank`` 0: of shape ``(1,)``,
    fuzz calls seed 233 program 0, a gradient of shape ``(1,)`` for a 0-d parameter)."""
    key, args, keywords = op.key, op.args, op.keywords
    if not args:
        return False
    if hashable_in(key, _ALONG_AXIS):
        axis = args[1] if len(args) > 1 else keywords.get("axis")
        if len(args) > 2 or set(keywords) - {"axis"} or rank == 0 and key is not np.sort:
            return False
        return (axis is None and key is np.sort) or (
            isinstance(axis, gast.Constant) and type(axis.value) is int)
    try:
        most, allowed = _SAME_SHAPE[key]
    except (KeyError, TypeError):
        return False
    return len(args) <= most and set(keywords) <= allowed


def is_number(node: gast.AST, info: SourceInfo) -> bool:
    """A Python number literal, a module constant such as ``math.pi``, or ``None``."""
    if isinstance(node, gast.Constant):
        return node.value is None or (isinstance(node.value, (int, float))
                                      and not isinstance(node.value, bool))
    if isinstance(node, gast.Attribute):
        found = resolve_reference(info, node)
        return found is not None and isinstance(found.value, (int, float)) and \
            not isinstance(found.value, bool)
    return False


def analyze_shapes(norm: Normalized, counts: dict[str, int] | None = None,
                   carried: dict | None = None, scalars: frozenset = frozenset()) -> ShapeClasses:
    """Union the shapes of single-assignment names and of names carried by copies that keep one
    shape (:mod:`.carried_shapes`; ``carried``: the candidates left); ``counts``:
    :func:`definition_counts` of the body, when the caller has it; ``scalars``: names proven of
    shape ``()`` on every run (:mod:`.patterns`' rank 0, ``c[k]`` of a vector), besides the
    parameters the facts say are."""
    every = list(statements(norm.body))
    definitions = _bindings(norm, every, counts)
    classes = ShapeClasses()
    classes.bindings = definitions
    carried = classes.carried = carried_copies(every, definitions) if carried is None else carried
    smaller = scalar_parameters(norm, definitions, classes.missed)  # scalars (None), keepdims
    smaller.update({name: None for name in scalars if name not in smaller})  # (a name)
    changed = changed_in_place(every)
    for stmt in every:
        if not isinstance(stmt, gast.Assign) or ir.note(stmt).updates is not None or \
                target_of(stmt) is None or definitions[stmt.targets[0].id] > 1 and \
                stmt is not carried.get(stmt.targets[0].id, [None])[0]:
            continue
        op = ir.note(stmt).op
        target = stmt.targets[0].id
        if same_as_operand(stmt, norm, classes, carried, keeps_shape) or op is None:  # (n = m, zeros_like)
            continue
        if _indexed(op, norm, definitions, classes, changed, target):
            continue
        reduced = _reduction_of(op, definitions)
        if reduced is not False:
            smaller[target] = reduced
        args = [*op.args, *op.keywords.values()]
        arity = 1 if op.key is None else elementwise_arity(op.key)
        if arity == 0 or len(args) != arity:
            continue
        names = [a.id for a in args if isinstance(a, gast.Name)]
        if any(definitions[n] > 1 and n not in carried for n in names):
            continue
        others_numbers = all(isinstance(a, gast.Name) or is_number(a, norm.info) for a in args)
        if not others_numbers:
            continue
        if len(names) == 1 and names[0] in smaller:  # np.log(np.sum(x, axis=1, keepdims=True))
            smaller[target] = smaller[names[0]]
        if names and all(smaller.get(n, "") is None for n in names):  # scalars: all of shape ()
            smaller[target] = None
            for name in names:
                classes.union(target, name)
            continue
        names = [n for n in names if not _broadcasts_to_others(n, names, smaller, classes)]
        if not names:
            continue
        if all(classes.same(names[0], n) for n in names[1:]):
            classes.union(target, names[0])
    wrong = broken(classes, carried)  # (an assumption that failed: again without it)
    if not wrong:
        return classes
    again = analyze_shapes(norm, counts, {n: s for n, s in carried.items() if n not in wrong},
                           scalars)
    again.dropped, again.missed = True, again.missed | classes.missed
    return again


def _indexed(op: ir.Op, norm: Normalized, definitions: Counter, classes: ShapeClasses,
             changed: set[str], target: str) -> bool:
    """Union ``target = x[index]`` with the reads of one shape bound before: a slice of one
    length (:mod:`.slice_shapes`: ``x[1:]`` and ``x[:-1]``; ``x[:, :]`` is ``x``'s shape), the
    same read (:mod:`.repeated_reads`: ``x[i]`` twice).  True for a slice (nothing more to learn)."""
    sliced = slice_key(op, norm, definitions, classes)
    if sliced is not None:
        classes.union(target, classes.slices.setdefault(
            sliced, sliced[0] if not sliced[1] else target))
        return True
    read = read_key(op, definitions, changed)
    if read is not None:
        classes.union(target, classes.reads.setdefault(read, target))
    return False


def _bindings(norm: Normalized, every: list[gast.stmt], counts: dict[str, int] | None) -> Counter:
    """How often the body binds each name, a variable changed in place (``xs.append(v)``,
    ``c.resize(n)``) counted as bound twice more (it takes no part), and ``x[i] = v`` of an array
    (which keeps its shape) not at all."""
    definitions = Counter(counts if counts is not None else definition_counts(norm.body))
    lists: set[str] | None = None  # (xs[1:2] = [a, b] makes a list longer)
    for stmt in every:
        changed = ir.note(stmt).updates
        if changed is None:
            continue
        if _assigns_item(stmt):
            lists = sequence_names(norm) if lists is None else lists
            if changed not in lists:
                definitions[changed] -= 1
                continue
        definitions[changed] += 2
    return definitions


def _assigns_item(update: gast.stmt) -> bool:
    """``x[i] = v``: an element or slice assignment into an array changes values, never its shape
    or rank."""
    return isinstance(update, gast.Assign) and len(update.targets) == 1 and \
        isinstance(update.targets[0], gast.Subscript)


def _broadcasts_to_others(name: str, names: list[str], smaller: dict[str, str | None],
                          classes: ShapeClasses) -> bool:
    """``name`` is a scalar, or a keepdims reduction of something shaped like another operand."""
    if name not in smaller:
        return False
    source = smaller[name]
    return source is None or any(classes.same(source, n) for n in names if n != name)


FULL_REDUCTIONS = {np.sum, np.mean, np.max, np.min, np.amax, np.amin, np.prod}
MORE_REDUCTIONS = {np.var, np.std, np.median, np.ptp, np.nansum, np.nanmean, np.nanmax, np.nanmin,
                   np.nanvar, np.nanstd, np.nanprod, np.linalg.norm}
"""Reductions besides :data:`FULL_REDUCTIONS` that shape their result alike (``ddof`` aside) and
keep a float64 operand's dtype (passes/patterns.py, passes/dtypes.py): ``np.linalg.norm`` too, of
one operand with ``axis`` and ``keepdims`` at most (an ``ord`` is not read)."""


def _reduction_of(op: ir.Op, definitions: Counter) -> str | None | bool:
    """``None`` for ``np.sum(x)`` (a scalar), ``"x"`` for ``np.sum(x, axis=..., keepdims=True)``
    (broadcasts to ``x``'s shape), False for anything else."""
    if not hashable_in(op.key, FULL_REDUCTIONS) or len(op.args) != 1 or \
            not isinstance(op.args[0], gast.Name) or definitions[op.args[0].id] > 1:
        return False
    if not op.keywords:
        return None
    keepdims = op.keywords.get("keepdims")
    if set(op.keywords) == {"axis", "keepdims"} and isinstance(keepdims, gast.Constant) and \
            keepdims.value is True:
        return op.args[0].id
    return False


# Lists or tuples: what make one (and MAKER_HELPERS; unlisted, a list's adjoint); what keep their
# first operand's kind (a copy, an item, a pop; add_at, zeros_like, private, own: fuzz 5406/34)
_MAKES_SEQUENCE, _PASSES_SEQUENCE = {ir.LIST, ir.TUPLE, builtins.list, builtins.tuple}, {
    None, operator.getitem, list.pop, list.copy}
_ADJOINT_OF_LIST, _KEEPING = frozenset({"unlisted"}), COPY_HELPERS | {"add_at", "zeros_like", "own"}
_ONE_OF_ONE = {np.atleast_1d, np.atleast_2d, np.atleast_3d}  # (of one array: an array)


def sequence_names(norm: Normalized, registry: Registry = REGISTRY) -> set[str]:
    """Names that may hold a list or tuple (whose zero adjoint ``np.zeros_like`` cannot make when
    the items differ in shape): a helper's parameter its caller hands one, built as one, an item,
    copy or popped item of one, the result of a user function (which may return a tuple) or of a
    call the rules say may return one (:meth:`~tangentish.registry.Registry.returns_sequence`:
    ``np.split``, ``np.linalg.eigh``; not ``np.atleast_1d(x)`` of one ``x``, an array)."""
    found, changed = set(norm.sequence_params), True
    while changed:
        changed = False
        for stmt in statements(norm.body):
            op = ir.note(stmt).op
            name = target_of(stmt) if isinstance(stmt, gast.Assign) else None
            if op is None or name is None or name in found:
                continue
            first = op.args[0] if op.args else None
            passes = sequence_operand(first, found) and (hashable_in(
                op.key, _PASSES_SEQUENCE) or runtime.helper_named(op.key, _KEEPING)) or \
                adjoint_of_sequence(op, found)  # (``_rt.unindex(g, xs, i)``: in xs's form)
            if passes or hashable_in(op.key, _MAKES_SEQUENCE) or is_user_function(op.key) or \
                    runtime.helper_named(op.key, MAKER_HELPERS | _ADJOINT_OF_LIST) or \
                    registry.returns_sequence(op.key) and not (hashable_in(op.key, _ONE_OF_ONE) and len(
                        op.args) == 1 and not isinstance(first, gast.Starred) and not op.keywords):
                found.add(name)
                changed = True
    return found


def hashable_in(key: object, keys: set) -> bool:
    try:
        return key in keys
    except TypeError:
        return False


class SameShape:
    """Drop ``_rt.unbroadcast(g, x)`` when ``x`` has the result's shape (so ``g`` has it too: the
    shape analysis says so, or both have the proven rank 0 of :mod:`ranks`):
    :meth:`simplify` is asked of each call a template instantiates."""

    def __init__(self, shapes: ShapeClasses, result: str, runtime_alias: str = "_rt",
                 scalars: set[str] | frozenset[str] = frozenset()):
        self.shapes, self.result, self.runtime = shapes, result, runtime_alias
        self.scalars = scalars  # names of proven rank 0: all of shape ()

    def simplify(self, node: gast.Call) -> gast.expr:
        func = node.func
        if (func.__class__ is gast.Attribute and func.attr == "unbroadcast"
                and getattr(func.value, "id", None) == self.runtime and len(node.args) == 2
                and isinstance(node.args[1], gast.Name)
                and (self.shapes.same(self.result, node.args[1].id)
                     or {self.result, node.args[1].id} <= self.scalars)):
            return node.args[0]
        return node


_KEEPS_DTYPE = {operator.add, operator.sub, operator.mul, operator.truediv, operator.pow,
                operator.neg, operator.pos}
_FLOATS = (np.float16, np.float32, np.float64)


def keeps_float_dtype(key: object) -> bool:
    """Whether the operation gives a float16/32/64 result for operands of that dtype (and Python
    numbers): ``np.exp`` does, ``np.isnan`` does not."""
    if hashable_in(key, _KEEPS_DTYPE):
        return True
    if not (isinstance(key, np.ufunc) and key.nin == 1 and key.nout == 1
            and getattr(np, key.__name__, None) is key):  # NumPy's own: safe to run here
        return False
    found = _KEEPS_FOUND.get(key)
    if found is None:
        try:
            with np.errstate(all="ignore"):  # (np.arctanh(1.0) is inf: the dtype is the point)
                found = all(np.asarray(key(np.ones((), t))).dtype == t for t in _FLOATS)
        except (TypeError, ValueError):
            found = False
        _KEEPS_FOUND[key] = found
    return found


_KEEPS_FOUND: dict[np.ufunc, bool] = {}  # (NumPy's ufuncs: a fixed set, each run once)


class StandIns:
    """Rewrite ``_rt.unreduce(g, t)`` (a full reduction) and ``_rt.reduced_size(t)`` to read a
    ``wrt`` parameter ``x`` instead of ``t`` when ``t`` provably has ``x``'s shape and dtype: it
    is ``x`` followed by elementwise steps that keep a float dtype (``-x``, ``np.exp``, ``* 2.0``,
    two operands that both follow ``x``).  The adjoint then reads ``t`` no more, so the optimizer
    can fold it away instead of keeping its array alive for its shape (``x`` lives anyway).
    :meth:`simplify` is asked of each call a template instantiates."""

    def __init__(self, norm: Normalized, wrt: list[str], runtime_alias: str = "_rt",
                 counts: dict[str, int] | None = None):  # (definition_counts, if known)
        counts = definition_counts(norm.body) if counts is None else counts
        self.runtime = runtime_alias
        self.info = norm.info
        self.keeps: dict[object, bool] = {}  # keeps_float_dtype, by rule key
        # the wrt parameter each name follows; one pass in order (a name read before it is
        # bound, in a loop's next iteration, is not followed)
        self.origins: dict[str, str | None] = {p: p for p in wrt if counts.get(p, 0) == 0}
        for stmt in statements(norm.body):
            name = target_of(stmt) if isinstance(stmt, gast.Assign) else None
            if name is not None and counts.get(name) == 1 and ir.note(stmt).updates is None:
                self.origins[name] = self._follow(ir.note(stmt).op)

    def follows(self) -> dict[str, str]:
        """Each name that provably has a ``wrt`` parameter's shape and dtype → that parameter."""
        return {name: origin for name, origin in self.origins.items() if origin is not None}

    def _follow(self, op: ir.Op | None) -> str | None:
        if op is None or op.keywords or not op.args or not self._keeps(op.key):
            return None
        found = set()
        for arg in op.args:
            if isinstance(arg, gast.Name):
                found.add(self.origins.get(arg.id))
            elif not is_number(arg, self.info) or getattr(arg, "value", 0) is None:
                return None
        return found.pop() if len(found) == 1 else None

    def _keeps(self, key: object) -> bool:
        if key is None:  # a copy
            return True
        try:
            if key not in self.keeps:
                self.keeps[key] = keeps_float_dtype(key)
            return self.keeps[key]
        except TypeError:  # an unhashable key
            return False

    def simplify(self, node: gast.Call) -> gast.expr:
        func = node.func
        if func.__class__ is gast.Attribute and getattr(func.value, "id", None) == self.runtime \
                and not node.keywords and (func.attr, len(node.args)) in (("unreduce", 2),
                                                                         ("reduced_size", 1)):
            like = node.args[-1]
            found = self.origins.get(like.id) if isinstance(like, gast.Name) else None
            if found is not None:
                node.args[-1] = gast.Name(id=found, ctx=gast.Load(), annotation=None,
                                          type_comment=None)
        return node

