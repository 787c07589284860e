"""Forward mode keeps the dtype a vanished term gave the tangent: a cast where one may be lost.

A tangent template is a sum of terms, one per operand (``d[a] + d[b]``); a term whose operand has
no tangent vanishes (:mod:`.zeros`), and with it the promotion that operand brought.  ``y = v + c``
of a float32 ``v`` and a float64 ``c`` without a tangent has a float64 ``y`` but ``y_dot = v_dot``
in float32, and ``np.complex128(v)`` (``d[real] + 1j * d[imag]``) a real tangent under a complex
value: what follows computes the tangent less precisely than its value.  So where the values the
template read (tangents as their primals, a vanished tangent as its operand, complex constants)
are not all read by what is left, the tangent is cast to its value's floating dtype:
``np.asarray(v_dot, np.result_type(y, 0.0))`` (the tangent itself where the dtypes agree:
float64 code computes what it did).  Nothing is cast where nothing vanished, where what vanished is a
Python number (weak: it promotes nothing under NumPy 2's rules), where what is left reads the
result itself, or where what vanished has a dtype no wider than what is left (its dtype roots,
:mod:`.dtype_roots`, are among theirs: ``x - np.max(x)``).  (Forward mode is never specialized
to dtypes: ``specialize.py`` specializes gradients.)

    >>> import gast
    >>> from tangentish.syntax.printer import expression_text
    >>> from tangentish.passes.zeros import Zero
    >>> before = gast.parse("v_dot + c_dot", mode="eval").body
    >>> before.right = Zero(gast.parse("c", mode="eval").body)
    >>> read = dtype_sources([before], {"v_dot": "v"})
    >>> sorted(read)
    ['c', 'v']
    >>> kept = gast.parse("v_dot", mode="eval").body
    >>> expression_text(kept_promotion(kept, read, {"v_dot": "v"}, "y", Facts()))
    'np.asarray(v_dot, np.result_type(y, 0.0))'
    >>> expression_text(kept_promotion(kept, read, {"v_dot": "v"}, "y", Facts(numbers={"c"})))
    'v_dot'
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import NamedTuple

import gast

from ..syntax import build
from ..syntax.resolve import DEFAULT, Machinery
from .zeros import Zero, is_zero

COMPLEX = "<complex>"
"""Stands for a complex constant among the values a tangent reads (``1j * d[imag]``)."""


class Facts(NamedTuple):
    """What proves a vanished value promotes nothing: ``numbers``, names bound once to a Python
    number; ``roots``, a name's dtype roots (:mod:`.dtype_roots`: a value whose roots what is left
    reads has a dtype no wider than it)."""

    numbers: Collection[str] = frozenset()
    machinery: Machinery = DEFAULT
    roots: Callable[[str], frozenset[str]] = lambda name: frozenset({name})
    sequences: Collection[str] = frozenset()  # (may hold a list or tuple: no dtype to cast to)


def dtype_sources(values: Iterable[gast.expr], primal_of: dict[str, str],
                  modules: Collection[str] = ()) -> frozenset[str]:
    """The names of the values ``values`` read (a tangent as its primal, a zero as the names of
    the expression it stands for; an attribute's, ``MODEL.v``, as its object's; not a function
    called, nor ``x.shape``, nor a constant of one of ``modules``, ``math.pi``), and
    :data:`COMPLEX` for a complex constant."""
    found: set[str] = set()
    for value in values:
        stack = [value]
        while stack:
            node = stack.pop()
            if isinstance(node, Zero):
                stack.extend(() if node.primal is None else [node.primal])
            elif isinstance(node, gast.Name):
                found.add(primal_of.get(node.id, node.id))
            elif isinstance(node, gast.Call):  # (``np.shape(y)``: no dtype read)
                stack.extend([] if _reads_shape(node.func) else node.args[1:2] if _in_like(
                    node, modules) else [*node.args, *(k.value for k in node.keywords)])
            elif isinstance(node, gast.Constant) and isinstance(node.value, complex):
                found.add(COMPLEX)
            elif isinstance(node, gast.Attribute):  # (``MODEL.v``: ``MODEL``'s; ``x_dot.T``:
                stack.extend([] if node.attr in _LAYOUT or isinstance(node.value, gast.Name) and
                             node.value.id in modules else [node.value])  # ``x``'s)
            else:
                stack.extend(n for n in gast.iter_child_nodes(node) if isinstance(n, gast.expr))
    return frozenset(found)


_LAYOUT = frozenset({"shape", "ndim", "size", "dtype"})  # (attributes read for no dtype)


def _in_like(call: gast.Call, modules: Collection[str]) -> bool:
    """``_rt.unindex(g, like, i)``: in ``like``'s dtype, whatever ``g``'s (a float64 ``g`` met a
    float32 ``like``: the tangent of ``_rt.add_at(acc, g, like, i)``, whose value keeps ``acc``'s
    float64, was float32 where ``acc``'s tangent vanished; grammar fuzz seed 9888 program 7,
    hvp in checked mode)."""
    func = call.func
    return isinstance(func, gast.Attribute) and func.attr == "unindex" and len(call.args) > 1 \
        and isinstance(func.value, gast.Name) and func.value.id in modules


def _reads_shape(func: gast.expr) -> bool:
    return isinstance(func, gast.Attribute) and func.attr in ("shape", "ndim", "size") or \
        isinstance(func, gast.Name) and func.id == "len"


def kept_promotion(value: gast.expr, before: frozenset[str], primal_of: dict[str, str],
                   target: str, facts: Facts, also: Iterable[gast.expr] = (),
                   operands: Iterable[gast.expr] = ()) -> gast.expr:
    """``value`` (``target``'s tangent, simplified from a template that read ``before``; ``also``:
    the template's own temporaries, as simplified) cast to ``target``'s dtype where a value it no
    longer reads may have widened it (see the module docstring).  A vanished term that read the
    result (``d[b] * r / b``) had its dtype, which the ``operands`` promote to: what is left keeps
    it where it reads every one of them."""
    if is_zero(value) or isinstance(value, (gast.Tuple, gast.List)) or target in facts.sequences:
        return value
    modules = facts.machinery.aliases.values()
    after = dtype_sources([value, *also], primal_of, modules)
    if target in after:  # (``-(b_dot * r) / b``: what reads the result has its dtype at least)
        return value
    lost = before - after
    if target in lost:
        lost = lost - {target} | dtype_sources(operands, {}, modules) - after
    lost = lost - set(facts.numbers)
    if lost and COMPLEX not in lost:
        kept = frozenset().union(*(facts.roots(n) for n in after if n != COMPLEX))
        lost = {n for n in lost if not facts.roots(n) <= kept}
    if not lost:
        return value
    np = facts.machinery.aliases["np"]  # (``np.result_type(y, 0.0)``: y's floating dtype, not
    return build.call(f"{np}.asarray", value, build.call(  # an int's: an integer path's tangent
        f"{np}.result_type", build.name(target), build.constant(0.0)))  # is a float 0)
