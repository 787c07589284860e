"""Runtime helpers spelled in NumPy where one NumPy call says the same: the last step before text.

The passes reason over a small vocabulary of helpers: ``_rt.reduced_size(t)``, a mean's count, is
a read of ``t``'s shape that they recognise (the tape then keeps ``_rt.like(t)``, see
:mod:`.shape_reads`; :mod:`.views`, :mod:`.spread_facts` and :mod:`.shapes` know it is an int).
The reader gets NumPy, with the same value for every operand, a tape's ``_rt.like`` record
included (:class:`~tangentish.runtime.broadcast.Like` has the ``shape`` and ``size`` NumPy reads):

- ``_rt.reduced_size(t)`` (or ``axis=None``) is ``np.size(t)``;
- ``_rt.reduced_size(t, axis=k)``, ``k`` an int literal, is ``np.shape(t)[k]``;
- ``_rt.chosen(g, _rt.clip_inside(a, lo, hi))`` (the part of ``g`` that ``np.clip(a, lo, hi)``
  passes through), ``lo`` and ``hi`` number literals or ``None``, ``a`` a name, selects by
  ``(a >= lo) & (a <= hi)``: the same 0 and 1, as booleans, which ``np.multiply`` reads as 0 and 1
  in ``g``'s own dtype (``g`` an array or a NumPy scalar there: the cotangent of an array, or a
  seed in its output's dtype); a literal ``g``, which NumPy would promote by the weight's dtype,
  keeps the helper, as does a bound that is a variable (``None`` at run time is no bound).

An axis that is a tuple or a variable (an int or a tuple at run time) keeps the helper.

    >>> import gast
    >>> from tangentish.syntax.printer import function_text
    >>> tree = gast.parse("def g(t, g1):\\n"
    ...                   "    a = g1 / _rt.reduced_size(t)\\n"
    ...                   "    b = g1 / _rt.reduced_size(t, axis=-1)\\n"
    ...                   "    c = g1 / _rt.reduced_size(t, axis=(0, 1))\\n"
    ...                   "    d = _rt.reduced_size(t * _rt.reduced_size(t, axis=0))\\n"
    ...                   "    e = _rt.chosen(g1, _rt.clip_inside(t, -1.0, 1.0))\\n"
    ...                   "    h = _rt.chosen(g1, _rt.clip_inside(t, None, 2))\\n"
    ...                   "    return a + b + c + d + e + h\\n").body[0]
    >>> spell_in_numpy(tree.body, {"_rt": "_rt", "np": "np"})
    >>> print(function_text(tree), end="")
    def g(t, g1):
        a = g1 / np.size(t)
        b = g1 / np.shape(t)[-1]
        c = g1 / _rt.reduced_size(t, axis=(0, 1))
        d = np.size(t * np.shape(t)[0])
        e = _rt.chosen(g1, (t >= -1.0) & (t <= 1.0))
        h = _rt.chosen(g1, t <= 2)
        return a + b + c + d + e + h
"""

from __future__ import annotations

import gast

from ..syntax import build

SPELLED = frozenset({"reduced_size", "chosen"})
"""The runtime helpers this pass rewrites (``chosen`` holding a ``clip_inside``)."""


def spell_in_numpy(body: list[gast.stmt], aliases: dict[str, str],
                   helpers: frozenset[str] | set[str] | None = None) -> None:
    """Rewrite, in place, the helper calls of ``body`` that NumPy says in one call (see above);
    ``aliases`` names the runtime (``"_rt"``) and NumPy (``"np"``) in the generated code.  One
    walk finds them (most derivatives have none); only then are their parents looked up.
    ``helpers``: the runtime's helpers ``body`` names, when the caller knows them (none of
    :data:`SPELLED`: nothing to look for, no walk)."""
    if helpers is not None and SPELLED.isdisjoint(helpers):
        return
    runtime, numpy = aliases["_rt"], aliases["np"]
    for stmt in body:
        every = build.node_list(stmt)
        calls = [node for node in every if node.__class__ is gast.Call]
        found = {id(node): node for node in calls if _is_reduced_size(node, runtime)}
        if found:
            _replace(every, found, numpy)
        for node in calls:
            _clip_passes(node, runtime)


def _is_reduced_size(node: gast.Call, runtime: str) -> bool:
    func = node.func
    return isinstance(func, gast.Attribute) and func.attr == "reduced_size" and isinstance(
        func.value, gast.Name) and func.value.id == runtime and len(node.args) == 1


def _replace(every: list[gast.AST], found: dict[int, gast.Call], numpy: str) -> None:
    """Each call of ``found`` replaced where its parent (in ``every``) holds it, children first
    (a call inside another's argument is replaced before the outer one is rebuilt around it)."""
    for parent in reversed(every):
        for field in build.child_fields(parent.__class__):
            value = getattr(parent, field, None)
            if value.__class__ is list:
                for i, item in enumerate(value):
                    if id(item) in found:
                        value[i] = _spelled(item, numpy)
            elif id(value) in found:
                setattr(parent, field, _spelled(value, numpy))


def _spelled(node: gast.Call, numpy: str) -> gast.expr:
    axis = _axis(node)
    if axis is None:
        return build.call(f"{numpy}.size", node.args[0])
    if axis is not False:
        return build.subscript(build.call(f"{numpy}.shape", node.args[0]), build.constant(axis))
    return node



def _is_helper(node: gast.expr, runtime: str, helper: str, count: int) -> bool:
    """Whether ``node`` is ``_rt.<helper>(...)`` of ``count`` positional arguments, no keywords."""
    func = getattr(node, "func", None)
    return node.__class__ is gast.Call and isinstance(func, gast.Attribute) and \
        func.attr == helper and isinstance(func.value, gast.Name) and \
        func.value.id == runtime and len(node.args) == count and not node.keywords


def _clip_passes(node: gast.Call, runtime: str) -> None:
    """``_rt.chosen(g, _rt.clip_inside(a, lo, hi))`` given ``(a >= lo) & (a <= hi)`` as its
    weight, in place, where :func:`_inside` can say it and ``g`` is no literal."""
    if _is_helper(node, runtime, "chosen", 2) and not isinstance(node.args[0], gast.Constant) \
            and _is_helper(node.args[1], runtime, "clip_inside", 3):
        inside = _inside(*node.args[1].args)
        if inside is not None:
            node.args[1] = inside


def _inside(a: gast.expr, lo: gast.expr, hi: gast.expr) -> gast.expr | None:
    """``(a >= lo) & (a <= hi)`` (one side alone where a bound is ``None``), or None where ``a``
    is no name or a bound no literal (a variable may hold ``None``: no bound, at run time)."""
    if not isinstance(a, gast.Name) or not (_literal(lo) and _literal(hi)):
        return None
    tests = [gast.Compare(left=build.clone(a), ops=[op()], comparators=[bound])
             for op, bound in ((gast.GtE, lo), (gast.LtE, hi))
             if not (isinstance(bound, gast.Constant) and bound.value is None)]
    if not tests:
        return None
    return tests[0] if len(tests) == 1 else build.binop(tests[0], gast.BitAnd(), tests[1])


def _literal(node: gast.expr) -> bool:
    """``None`` or a number literal (not a bool), or a number literal negated."""
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
        node = node.operand
        return isinstance(node, gast.Constant) and type(node.value) in (int, float)
    return isinstance(node, gast.Constant) and (node.value is None or type(node.value) in (
        int, float))


def _axis(node: gast.Call) -> int | None | bool:
    """The call's ``axis``: None (none, or ``axis=None``), an int literal, or False (anything
    else: a tuple, a name, another keyword)."""
    if not node.keywords:
        return None
    if len(node.keywords) != 1 or node.keywords[0].arg != "axis":
        return False
    value = node.keywords[0].value
    if isinstance(value, gast.UnaryOp) and isinstance(value.op, gast.USub) and \
            isinstance(value.operand, gast.Constant) and type(value.operand.value) is int:
        return -value.operand.value
    if isinstance(value, gast.Constant) and (value.value is None or type(value.value) is int):
        return value.value
    return False
