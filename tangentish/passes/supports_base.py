'''What a support is (:mod:`.supports`): where an adjoint or tangent may be non-zero, as code.

A support is a test (``np.where(c, ...)``'s condition, ``w != 0`` for ``_rt.chosen(g, w)``), the
elements an index reads (``_rt.unindex(g, like, i)``: where ``i`` reads, and where ``inner``
holds of the value read, when the adjoint read had a support of its own), or a union of them.
It says two things in generated code: :meth:`Support.keep` (a contribution kept on it, 0.0
elsewhere) and :meth:`Support.mask` (True where it holds).  Where ``x[:2]`` read and ``w != 0``
held of what it read, for ``x`` of 3 elements:

    >>> import ast, gast
    >>> from tangentish.syntax import build
    >>> from tangentish.passes.supports_base import Support
    >>> index = gast.parse("slice(None, 2)").body[0].value
    >>> inner = gast.parse("w != 0").body[0].value
    >>> support = Support(None, index=index, inner=inner)
    >>> show = lambda node: ast.unparse(gast.gast_to_ast(node))
    >>> show(support.keep(build.name("d"), "x", "np", "_rt"))
    '_rt.unindex(np.where(w != 0, d[slice(None, 2)], 0.0), x, slice(None, 2))'
    >>> show(support.mask("x", "np", "_rt"))
    '_rt.reads(x, slice(None, 2), w != 0)'
'''

from __future__ import annotations

from typing import Any

import gast
import numpy as np

from ..syntax import build
from ..syntax.printer import expression_text
from ..syntax.tree_walk import walk


class Support:
    """Where an adjoint or tangent may be non-zero: where ``test`` holds (``taken``) or does not;
    or, with ``index``, at the elements an index reads (where ``inner`` holds of them, if given:
    a mask of the value read, or one that broadcasts to it); a union also keeps its ``parts``.
    A support is never changed once made (nor are the expressions it holds), so the names it
    reads are found once (:meth:`names`)."""

    __slots__ = ("test", "taken", "index", "parts", "inner", "_names")

    def __init__(self, test: gast.expr | None, taken: bool = True,
                 index: gast.expr | None = None, parts: tuple[Support, ...] = (),
                 inner: gast.expr | None = None):
        self.test, self.taken, self.index, self.parts = test, taken, index, parts
        self.inner, self._names = inner, None

    def keep(self, value: gast.expr, operand: str, numpy: str, runtime: str) -> gast.expr:
        """``value`` (shaped like ``operand``) where the support holds, 0.0 elsewhere."""
        if self.index is not None and basic(self.index):  # (no element read twice)
            read = build.subscript(value, build.clone(self.index))
            if self.inner is not None:
                read = build.call(f"{numpy}.where", build.clone(self.inner), read,
                                  build.constant(0.0))
            return build.call(f"{runtime}.unindex", read, build.name(operand),
                              build.clone(self.index))
        if self.index is not None:  # (an integer array may read one element twice)
            return build.call(f"{numpy}.where", self.mask(operand, numpy, runtime), value,
                              build.constant(0.0))
        zero, test = build.constant(0.0), build.clone(self.test)
        return build.call(f"{numpy}.where", test, *((value, zero) if self.taken else (zero, value)))

    def mask(self, operand: str, numpy: str, runtime: str) -> gast.expr:
        """True where the support holds, for a value shaped like ``operand`` (or a scalar that
        broadcasts to it)."""
        if self.index is not None:
            inner = () if self.inner is None else (build.clone(self.inner),)
            return build.call(f"{runtime}.reads", build.name(operand), build.clone(self.index),
                              *inner)
        test = build.clone(self.test)
        return test if self.taken else build.call(f"{numpy}.logical_not", test)

    def tests(self) -> list[gast.expr]:
        """The expressions the support reads (its parts')."""
        return [expr for part in self.parts or (self,)
                for expr in (part.index if part.index is not None else part.test, part.inner)
                if expr is not None]

    def names(self) -> frozenset[str]:
        """The names its tests read, found once: every statement of a sweep asks of every
        support whether it reads a name the statement binds (:func:`.supports_frozen.forget`), and
        walking the tests each time made a transform quadratic in its length (a hvp of 3,000
        generated lines, fuzz seed 5112 program 95, past the fuzzer's 20 s)."""
        if self._names is None:
            self._names = frozenset(name for test in self.tests() for name in build.loads(test))
        return self._names


LARGE = 30  # (nodes: a support's test past this is computed into a name of its own)


def large(support: Support | None) -> bool:
    """Whether ``support`` is a test of more than :data:`LARGE` nodes that can be named (no
    index: a mask of its own then; fuzz seed 4843 program 73, tests cloned into one another
    made a line of 20,000 characters and a transform of 30 s); or one that runs a helper's
    derivative (``_rt.reached``: :mod:`.supports_called`), computed once."""
    if support is None or support.test is None or any(
            part.index is not None for part in support.parts):
        return False
    count = 0  # (one walk, ended as soon as the answer is known)
    for expr in support.tests():
        for node in walk(expr):
            count += 1
            if count > LARGE or any(calls(node, f"reached{end}") for end in ("", "_tangent", "_at")):
                return True
    return False


NOWHERE = Support(build.constant(False))
"""The support of an adjoint that is 0 (a branch that leaves it untouched)."""

EVERYWHERE = Support(build.constant(True))
"""The support of an adjoint that may be non-zero anywhere (none known), joined with NOWHERE
after an ``if`` one of whose branches leaves the adjoint 0."""


def union(first: Support, second: Support, operand: str, aliases: dict[str, str]) -> Support:
    """Where either support holds (two contributions to ``operand``'s adjoint)."""
    if first is second or second is NOWHERE:
        return first
    if first is NOWHERE:
        return second
    masks = [s.mask(operand, aliases["np"], aliases["_rt"]) for s in (first, second)]
    parts = (*(first.parts or (first,)), *(second.parts or (second,)))
    if (masks[0].__class__ is gast.Compare or calls(masks[0], "any")) and \
            expression_text(masks[0]) == expression_text(masks[1]):  # (a or a is a: a new bool,
        return Support(masks[0], parts=parts)  # no mask marked in place later)
    return Support(build.call(f"{aliases['np']}.logical_or", *masks), parts=parts)


def joined(supports: list[Support], operand: str, aliases: dict[str, str]) -> Support:
    """Where any of ``supports`` holds (of an elementwise statement's operands)."""
    support = supports[0]
    for other in supports[1:]:
        support = union(support, other, operand, aliases)
    return support


def both(first: Support, second: Support, operand: str, aliases: dict[str, str]) -> Support:
    """Where both supports hold (a selection of a tangent that has a support of its own)."""
    if first is second or second is EVERYWHERE:
        return first
    masks = [s.mask(operand, aliases["np"], aliases["_rt"]) for s in (first, second)]
    return Support(build.call(f"{aliases['np']}.logical_and", *masks))


def anywhere(names: list[str], supports: list[Support], aliases: dict[str, str]) -> Support:
    """Where some element of some of ``names`` (their ``supports``) may be non-zero."""
    numpy = aliases["np"]
    test, seen = None, set()
    for name, support in zip(names, supports, strict=True):
        part = build.call(f"{numpy}.any", support.mask(name, numpy, aliases["_rt"]))
        if (text := expression_text(part)) not in seen:  # (a name read twice: once)
            seen.add(text)
            test = part if test is None else build.call(f"{numpy}.logical_or", test, part)
    return Support(test)


class Seeded(Support):
    """A seed's support (:func:`seed_support`), as an elementwise statement hands it on.  What is
    0 only where the whole seed is (a full reduction of it, ``np.any``) is not kept on it: a
    caller rarely passes an all-zero seed, and the test would be in every derivative."""

    __slots__ = ()


class Kept(Support):
    """The support of a list whose mask is changed in place in step with it (a name:
    :mod:`.supports_kept`, which :func:`.support_flow.lasting` keeps; defined here so that the
    module is imported only where a list is)."""

    __slots__ = ()


MASKS = "masks"
"""``Options.seeded`` of a helper's derivative whose caller hands, with each seed ``s``, a mask
``s_mask`` of where that seed may be non-zero by structure (:func:`mask_keyword`)."""


def seed_support(seed: str, masked: bool = False) -> Support:
    """The support of a seed the caller gave (``vjp``'s cotangent, ``jvp``'s direction: a row of
    a Jacobian is one-hot): where it is not 0.  The caller says the other components do not
    count, so the exact derivative along them is 0 even where a partial is inf.  (``grad``'s
    seed, and a helper's, which the caller computed, are not structural: a helper's caller says
    where its own is with a mask, ``masked``, :data:`MASKS`.)"""
    if masked:
        return Seeded(build.name(mask_keyword(seed)))
    return Seeded(gast.Compare(left=build.name(seed), ops=[gast.NotEq()],
                               comparators=[build.constant(0)]))


def handed_mask(name: str, support: Support | None, aliases: dict[str, str]) -> gast.expr:
    """The mask of ``name``'s derivative (``support``; None: anywhere) a caller hands a helper's
    derivative with it (:data:`MASKS`), of ``name``'s shape (the helper moves it as its seed,
    ``b_dot_mask[1:]``, where a support may be a scalar that broadcasts)."""
    mask = build.constant(True) if support is None else \
        support.mask(name, aliases["np"], aliases["_rt"])
    return build.call(f"{aliases['_rt']}.read_mask", build.name(name), mask)


def mask_keyword(seed: str) -> str:
    """The keyword a helper's derivative takes the mask of its seed ``seed`` by (:data:`MASKS`)."""
    return f"{seed}_mask"


def basic(index: gast.expr) -> bool:
    """An index that reads no element twice, written out: ints, slices, a tuple of them."""
    if isinstance(index, gast.Tuple):
        return all(basic(item) for item in index.elts)
    if isinstance(index, gast.UnaryOp) and isinstance(index.op, gast.USub):
        index = index.operand
    if isinstance(index, gast.Constant):
        return isinstance(index.value, int) or index.value is None or index.value is Ellipsis
    return isinstance(index, gast.Call) and getattr(index.func, "id", None) == "slice"


_ITEM_MASKS = ("reads", "read_mask", "unpopped_mask", "appended_mask", "extended_mask",
               "ungathered", "gradient_mask", "factor_masks", "lstsq_masks")  # (m[k]: item k)


def item_masks(test: gast.expr, aliases: dict[str, str]) -> bool:
    """Whether ``test``, a mask of a list or tuple, is one mask per item
    (``tangentish.runtime.item_masks.ItemMasks``) by its form: a mask a loop carries (a name,
    made by ``_rt.read_mask``), one of the helpers making them, a slice of one, their union."""
    if isinstance(test, gast.Name):
        return True
    if isinstance(test, gast.Subscript):
        return isinstance(test.slice, gast.Slice) and item_masks(test.value, aliases)
    if not isinstance(test, gast.Call) or not isinstance(test.func, gast.Attribute) or \
            not isinstance(test.func.value, gast.Name):
        return False
    module, helper = test.func.value.id, test.func.attr
    if module == aliases["_rt"]:
        return helper in _ITEM_MASKS
    return module == aliases["np"] and helper in ("logical_or", "logical_and") and \
        all(item_masks(arg, aliases) for arg in test.args)


PER_CHOICE = ("unselect", "unchoose")
"""Runtime adjoints of a choice among arrays, one adjoint per choice (``np.select``,
``np.choose``)."""


def per_choice(value: gast.expr) -> bool:
    """Whether ``value`` is every choice's adjoint at once (:data:`PER_CHOICE`), which the rule
    takes apart next."""
    return any(calls(value, helper) for helper in PER_CHOICE) and len(value.args) == 3 and \
        not value.keywords


def calls(value: gast.expr, helper: str) -> bool:
    """Whether ``value`` is a call of an attribute named ``helper`` (``np.where``, ``_rt.chosen``)."""
    func = getattr(value, "func", None)
    return isinstance(value, gast.Call) and isinstance(func, gast.Attribute) and func.attr == helper


NAN_SKIPPING = (np.nansum, np.nanmean, np.nanmax, np.nanmin, np.nanprod, np.nanvar, np.nanstd,
                np.nanmedian, np.nanquantile, np.nanpercentile, np.nancumsum, np.nancumprod,
                np.nan_to_num)
"""What skips NaN elements: their adjoints are ``np.where(np.isnan(a), 0.0, g)``."""


def nan_sources(ops: list[tuple[str, Any]]) -> set[str]:
    """The operands of the reductions that skip NaN elements (``np.nansum(data * x)``, and
    ``np.nan_to_num``), and every name they are computed from: NaN where the reduction does not
    use them (a ``data`` with NaNs), so a partial reading one (``data``, for ``x``) meets the
    adjoint's structural 0 there as a NaN (idioms14's ``nan_data_stats``)."""
    made: dict[str, list[str]] = {}  # (every binding's operands: a loop binds a name again)
    for target, op in ops:
        made.setdefault(target, []).extend(op.operand_names())
    found: set[str] = set()
    waiting = [n for _, op in ops if any(op.key is k for k in NAN_SKIPPING) and op.args
               for n in build.loads(op.args[0])]
    while waiting:
        name = waiting.pop()
        if name not in found:
            found.add(name)
            waiting += made.get(name, ())
    return found


def read_item(value: gast.expr, incoming: Support, numpy: str,
              length: int | None) -> gast.expr | None:
    """Where ``g[k]`` (``value``; ``g`` a tuple's or list's adjoint, which has no mask) may be
    non-zero, when ``g``'s support is made of items read (``_rt.unindex(h, seq, j)``, its
    ``inner`` where the item's adjoint ``h`` may be non-zero): nowhere if no ``j`` is ``k``
    (counted from the same end, or from the start in a display of ``length`` items), else
    where the reads of ``k`` hold."""
    item = item_position(getattr(value, "slice", None), length)
    if item is None:
        return None
    held: list[gast.expr] = []
    for part in incoming.parts or (incoming,):
        read = item_position(part.index, length)
        if read is None or (read < 0) != (item < 0):
            return None
        if read == item:
            held.append(build.constant(True) if part.inner is None else build.clone(part.inner))
    if len(held) < 2:
        return held[0] if held else build.constant(False)
    return build.call(f"{numpy}.logical_or", *held) if len(held) == 2 else build.constant(True)


def seed_item(value: gast.expr, adjoint: str, mask: gast.expr,
              length: int | None) -> gast.expr | None:
    """Where ``g[k]`` (``value``) may be non-zero, ``g`` the seed of a helper's derivative
    returning a tuple or list, whose caller hands one mask per item (``out_bar_mask[k]``:
    :data:`MASKS`); None for any other read."""
    if isinstance(mask, gast.Name) and isinstance(value, gast.Subscript) and \
            getattr(value.value, "id", None) == adjoint and \
            item_position(value.slice, length) is not None:
        return build.subscript(mask, build.clone(value.slice))
    return None


def item_position(index: gast.expr | None, length: int | None) -> int | None:
    """A constant item index (from the start where ``length`` is known), or None."""
    if not (isinstance(index, gast.Constant) and type(index.value) is int):
        return None
    return index.value + length if index.value < 0 and length is not None else index.value


def summed(value: gast.expr, numpy: str,
           mask: gast.expr) -> tuple[gast.Call, gast.expr] | None:
    """For ``value`` that is only sums of ``g`` (``np.sum(g, axis=..., keepdims=...)``: the
    un-broadcast specialized to known patterns, :class:`.patterns.Unbroadcasts`), the innermost
    sum and ``value`` with ``mask`` summed in place of ``g``; None otherwise."""
    inner = _innermost_sum(value, numpy)
    if inner is None:
        return None
    kept, inner.args[0] = inner.args[0], mask
    masked, inner.args[0] = build.clone(value), kept
    return inner, masked


def _innermost_sum(value: gast.expr, numpy: str) -> gast.Call | None:
    if not (isinstance(value, gast.Call) and calls(value, "sum") and
            getattr(value.func.value, "id", None) == numpy and len(value.args) == 1 and
            {k.arg for k in value.keywords} <= {"axis", "keepdims"}):
        return None
    return _innermost_sum(value.args[0], numpy) or value


MOVES = frozenset({
    "reshape", "ravel", "transpose", "swapaxes", "moveaxis", "rollaxis", "flip", "fliplr",
    "flipud", "roll", "rot90", "squeeze", "expand_dims", "atleast_1d", "atleast_2d",
    "atleast_3d", "broadcast_to", "take", "take_along_axis", "diagonal", "repeat", "tile",
    "copy", "array", "asarray", "ascontiguousarray", "concatenate", "stack", "hstack", "vstack",
    "dstack", "column_stack", "triu", "tril", "diag", "diagflat", "compress", "extract",
    "delete", "resize", "choose"})
"""NumPy functions (and methods of an array, of the same names) that only move elements
(:mod:`.supports_moved` moves masks through them)."""

KEYWORDS = frozenset({"axis", "axes", "axis1", "axis2", "source", "destination", "shift",
                       "k", "newshape", "shape", "order", "repeats", "reps", "indices", "offset",
                       "mode", "copy"})
"""Keywords of a move that keep it one (not ``dtype``, which may make a mask a number)."""


def read_mask_of(name: str, test: gast.expr, runtime: str, sequence: bool) -> gast.expr:
    """``_rt.read_mask(name, test)``, of ``name``'s shape; where ``test`` chooses by an ``if``
    (:func:`join`) a branch that left the adjoint 0 (``False``), ``False`` on that path without
    reading ``name``, which that branch may not have bound (``e = np.exp(x)`` in one branch of
    a gradient, the mask made before a later loop: fuzz seed 5120 program 56, gradgrad); of a
    list, read item by item (``m[-1]``), ``_rt.read_mask((), False)``: it holds at any item
    (safe; ``False`` has no items: fuzz seed 5610 program 94)."""
    if isinstance(test, gast.IfExp) and _nowhere_in(test):
        return gast.IfExp(test=test.test, body=read_mask_of(name, test.body, runtime, sequence),
                          orelse=read_mask_of(name, test.orelse, runtime, sequence))
    if isinstance(test, gast.Constant) and test.value is False:
        return build.call(f"{runtime}.read_mask", build.tuple_([]), test) if sequence else test
    return build.call(f"{runtime}.read_mask", build.name(name), test)


def _nowhere_in(test: gast.expr) -> bool:
    """Whether the ``if`` choices ``test`` makes end in ``False`` on some path."""
    return _nowhere_in(test.body) or _nowhere_in(test.orelse) if isinstance(test, gast.IfExp) \
        else isinstance(test, gast.Constant) and test.value is False


def same_shape(sweep: Any, operand: str, result: str) -> bool:
    """Whether an elementwise operation's operand has its result's shape: proven
    (:mod:`.shapes`), or, specialized to a call (:mod:`.patterns`), of its rank with the same axes
    of length 1 (the others broadcast only to their own length)."""
    pattern = sweep.patterns.get(operand)
    return sweep.shapes.same(operand, result) or (
        pattern is not None and pattern == sweep.patterns.get(result))
