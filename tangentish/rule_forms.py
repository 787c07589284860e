"""How the shortcuts of :mod:`tangentish.extend` turn a statement of the math into templates.

Guarantee: the statements built here are ordinary template statements (``d[x] = ...``), written the
way a person writes a derivative, so the generated code reads as if the template had been typed::

    times(d[y], -np.sin(x))             →  -d[y] * np.sin(x)
    times(d[y], 2.0 * x)                →  d[y] * 2.0 * x
    times(d[y], 180.0 / math.pi)        →  d[y] * (180.0 / math.pi)
    times(d[y], _rt.pick_first(a, b))   →  _rt.chosen(d[y], _rt.pick_first(a, b))
    times(d[y], 0.0)                    →  _rt.chosen(d[y], 0.0)
    times(d[y], _rt.nan_outside(1.0 / x, x > 0.0))  →  _rt.nan_outside(d[y] / x, x > 0.0, d[y])
    total([d[a] / q, -d[b] * y / q])    →  (d[a] - d[b] * y) / q

A partial that refuses its operand, ``_rt.no_derivative(a, "f in its a")``, is never multiplied:
the adjoint is the refusal itself (raised only where ``a`` varies) and the tangent's term
``_rt.no_tangent(d[a], "f in its a")`` (0 for a zero tangent, else the same refusal).

Un-broadcasting of a contribution to its operand's shape happens in :func:`unbroadcast` only.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Hashable
from typing import Any

import gast
import numpy as np

from . import runtime
from .errors import RuleDefinitionError
from .positions import positions
from .positions import signature_of as signature_of  # (public here)
from .registry import Template
from .rule_source import parse_lambda
from .syntax import build
from .syntax.build import clone, node_list
from .syntax.tree_walk import walk


def d_of(placeholder: str) -> gast.Subscript:
    """``d[placeholder]``."""
    return build.subscript(build.name("d"), build.name(placeholder))


def set_d(placeholder: str, value: gast.expr) -> gast.Assign:
    """``d[placeholder] = value``."""
    return build.assign(build.subscript(build.name("d"), build.name(placeholder), store=True),
                        value)


def is_one(node: gast.expr) -> bool:
    return isinstance(node, gast.Constant) and node.value == 1 and not isinstance(node.value, bool)


# The runtime helpers that give a selection's weight (1 or a tie's share where an operand is chosen,
# 0 elsewhere): a derivative selects by them (``_rt.chosen``), since g * 0 is NaN where g is inf.
SELECTION_WEIGHTS = frozenset({"pick_first", "fpick_first", "clip_inside", "clip_lower",
                               "clip_upper", "ties"})


def is_selection_weight(node: gast.expr) -> bool:
    """``_rt.pick_first(...)`` and the other helpers of :data:`SELECTION_WEIGHTS`."""
    func = getattr(node, "func", None)
    return (isinstance(node, gast.Call) and isinstance(func, gast.Attribute)
            and getattr(func.value, "id", None) == "_rt" and func.attr in SELECTION_WEIGHTS)


def times(g: gast.expr, partial: gast.expr, placeholders: frozenset[str]) -> gast.expr:
    """``g * partial``, written as a person would: ``g * 2.0 * x``, ``-g / x``, ``g`` for 1, and a
    factor that is a constant kept whole (``g * (180.0 / math.pi)``); a selection's weight, or a
    constant 0, selects (``_rt.chosen(g, weight)``: 0 where it is 0, even where ``g`` is inf)."""
    if is_one(partial):
        return g
    if _is_runtime_call(partial, "nan_outside"):  # (0 outside where g is 0: nothing flows there)
        value, inside = partial.args[:2]
        return build.call("_rt.nan_outside", times(g, value, placeholders), clone(inside), clone(g))
    if is_selection_weight(partial) or isinstance(partial, gast.Constant) and partial.value == 0:
        # (a constant 0: the result is piecewise constant in that operand, as copysign in x2)
        return build.call(build.attribute(build.name("_rt"), "chosen"), g, partial)
    if isinstance(partial, gast.UnaryOp) and isinstance(partial.op, gast.USub):
        return times(gast.UnaryOp(op=gast.USub(), operand=g), partial.operand, placeholders)
    if isinstance(partial, gast.BinOp) and isinstance(partial.op, (gast.Mult, gast.Div)) and any(
            isinstance(n, gast.Name) and n.id in placeholders for n in walk(partial)):
        return build.binop(times(g, partial.left, placeholders), partial.op, partial.right)
    return build.binop(g, gast.Mult(), partial)


def _negated(term: gast.expr) -> gast.expr | None:
    """``e`` when ``term`` is ``-e`` (also ``-g * x``, ``-g * x / y``), else None."""
    if isinstance(term, gast.UnaryOp) and isinstance(term.op, gast.USub):
        return term.operand
    if isinstance(term, gast.BinOp) and isinstance(term.op, (gast.Mult, gast.Div)):
        inner = _negated(term.left)
        return None if inner is None else build.binop(inner, term.op, term.right)
    return None


def total(terms: list[gast.expr]) -> gast.expr:
    """``a + b - c``; terms over one denominator share it: ``(a - b) / q``."""
    if len(terms) > 1 and all(isinstance(t, gast.BinOp) and isinstance(t.op, gast.Div)
                              for t in terms) \
            and len({gast.dump(t.right) for t in terms}) == 1:
        return build.binop(total([t.left for t in terms]), gast.Div(), terms[0].right)
    result = terms[0]
    for term in terms[1:]:
        negative = _negated(term)
        result = (build.binop(result, gast.Add(), term) if negative is None
                  else build.binop(result, gast.Sub(), negative))
    return result


def _is_runtime_call(node: gast.expr, name: str) -> bool:
    func = getattr(node, "func", None)
    return isinstance(node, gast.Call) and isinstance(func, gast.Attribute) \
        and func.attr == name and getattr(func.value, "id", None) == "_rt"


def is_refusal(partial: gast.expr) -> bool:
    """Whether a partial is ``_rt.no_derivative(operand, what)`` (see the module docstring)."""
    return _is_runtime_call(partial, "no_derivative")


def contribution(g: gast.expr, placeholder: str, partial: gast.expr,
                 placeholders: frozenset[str], spread: bool) -> gast.expr:
    """An operand's adjoint: ``g`` times its partial, un-broadcast when ``spread``, or the
    refusal itself."""
    if is_refusal(partial):
        return clone(partial)
    product = times(g, partial, placeholders)
    return unbroadcast(product, placeholder) if spread else product


def refused_tangent(placeholder: str, partial: gast.expr) -> gast.expr:
    """The tangent term of a refused operand: ``_rt.no_tangent(d[a], what)``."""
    return build.call("_rt.no_tangent", d_of(placeholder), clone(partial.args[-1]))


def unbroadcast(g: gast.expr, placeholder: str) -> gast.expr:
    """The one place where a contribution is summed back to its operand's shape."""
    return build.call("_rt.unbroadcast", g, build.name(placeholder))


_MATH_TWINS = frozenset({"sin", "cos", "tan", "sinh", "cosh", "tanh", "exp", "expm1", "log",
                         "log1p", "log2", "log10", "sqrt"})


def is_scalar(fn: Any) -> bool:
    """Functions of the ``math`` module take and return Python floats."""
    return getattr(fn, "__module__", None) == "math"


def in_math(expr: gast.expr, singular: bool = False) -> gast.expr:
    """``np.cos(x)`` → ``math.cos(x)`` for the elementary functions both modules have.

    A ``singular`` function's partial (inf or NaN where its value is finite: ``math.sqrt`` at 0,
    ``math.asin`` at 1) is computed in NumPy's arithmetic instead, as its NumPy twin's is:
    NumPy's functions stay, and ``a / b`` is ``np.divide(a, b)`` and ``a ** b`` is
    ``_rt.power(a, b)``, so that a Python float at the singular point gives NumPy's inf or NaN
    (with its warning), not a ``ZeroDivisionError`` or ``ValueError`` inside generated code."""
    expr = clone(expr)
    if singular:
        return _InNumpy().visit(expr)
    for node in walk(expr):
        if isinstance(node, gast.Attribute) and getattr(node.value, "id", None) == "np" \
                and node.attr in _MATH_TWINS:
            node.value = build.name("math")
    return expr


class _InNumpy(gast.NodeTransformer):
    def visit_BinOp(self, node: gast.BinOp) -> gast.expr:
        self.generic_visit(node)
        if isinstance(node.op, gast.Div) and not build.is_number(node.right):
            return build.call("np.divide", node.left, node.right)
        if isinstance(node.op, gast.Pow) and not (build.is_number(node.right)
                                                  and node.right.value >= 0):
            return build.call("_rt.power", node.left, node.right)
        return node


def reads_derivatives(expr: gast.expr) -> set[str]:
    """The placeholders ``p`` of the ``d[p]`` that ``expr`` reads."""
    return {getattr(n.slice, "id", "?") for n in node_list(expr)
            if isinstance(n, gast.Subscript) and getattr(n.value, "id", None) == "d"}


# -- checking a rule against its function -----------------------------------------------------------

def label_of(fn: Any) -> str:
    """``numpy.sin``, ``math.sin``, ``operator.add``, ``my_module.softplus``."""
    name = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None)
    if name is None:
        return repr(fn)
    module = str(getattr(fn, "__module__", None) or (  # (NumPy 1's ufuncs have none)
        "numpy" if type(fn).__name__ == "ufunc" else ""))
    if module.startswith("_") and not module.startswith("__"):  # (`_operator.add`: operator's)
        module = module[1:]
    return f"{module}.{name}" if module and module not in ("builtins", "__main__") else name


def check_parameters(fn: Hashable, template: Template) -> Template:
    """Template parameters must be the function's own parameter names, and those a call can pass
    by position must sit at the function's positions (when it has a signature).  Returns the
    template with where positional arguments go recorded (see :mod:`tangentish.positions`)."""
    template = template.replace(positions=positions(fn, template.params, signature_of))
    signature = signature_of(fn)
    if signature is None:
        return template
    parameters = list(signature.parameters.values())
    names = [p.name for p in parameters]
    where = f"rule {template.name!r} ({template.origin})"
    positional_only = {i for i, p in enumerate(parameters) if p.kind is p.POSITIONAL_ONLY}
    unknown = [p for i, p in enumerate(template.params)
               if p not in names and i not in positional_only
               and not _collected(parameters, template.params, i)]
    if unknown:
        raise RuleDefinitionError(
            f"{where} names parameters {unknown} that {label_of(fn)} does not have",
            hint=f"after the result, list the function's parameters by name: {names}")
    positional = [p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY,
                                                           p.POSITIONAL_OR_KEYWORD)]
    misplaced = [p for i, p in enumerate(template.params)
                 if p in positional and positional.index(p) != i]
    if misplaced:
        raise RuleDefinitionError(
            f"{where} lists {misplaced} out of {label_of(fn)}'s order {positional}: a positional "
            "argument would be taken for another parameter",
            hint="list the parameters in the function's order, leaving out only trailing ones")
    return template


def _collected(parameters: list[inspect.Parameter], params: list[str], i: int) -> bool:
    """Whether template parameter ``i``, a name the function does not have, is collected by its
    ``*args`` (a positional one, after the named positionals and before any keyword-only name the
    template lists: ``np.einsum(subscripts, x, y)``, ``np.atleast_1d(arys, b)``) or by its
    ``**kwargs`` (``np.pad``'s ``constant_values``)."""
    kinds = {p.kind for p in parameters}
    if inspect.Parameter.VAR_KEYWORD in kinds:
        return True
    if inspect.Parameter.VAR_POSITIONAL not in kinds:
        return False
    star = next(p for p in parameters if p.kind is p.VAR_POSITIONAL)
    keyword_only = [p.name for p in parameters if p.kind is p.KEYWORD_ONLY]
    return i >= parameters.index(star) and not any(q in keyword_only for q in params[:i])


# -- lambdas --------------------------------------------------------------------------------------

class Shortcut:
    """A parsed shortcut lambda: result name, parameter names, defaults, body, where it is."""

    __slots__ = ("result", "params", "defaults", "body", "origin", "namespace")

    def __init__(self, result: str, params: list[str], defaults: dict[str, gast.expr],
                 body: gast.expr, origin: str, namespace: Any):
        self.result, self.params, self.defaults = result, params, defaults
        self.body, self.origin, self.namespace = body, origin, namespace

    def template(self, fn: Hashable, kind: str, body: list[gast.stmt],
                 namespace: Any = None) -> Template:
        label = getattr(fn, "__name__", None) or "rule"
        return Template(key=fn, kind=kind, name=f"{label}_{kind}", result=self.result,
                        params=list(self.params),
                        defaults={k: clone(v) for k, v in self.defaults.items()},
                        body=clone(body), origin=self.origin,
                        namespace=self.namespace if namespace is None else namespace)


def parse_shortcut(fn: Callable, role: str) -> Shortcut:
    """Read a shortcut lambda ``lambda result, param, ...: expression`` (never calling it)."""
    node, origin = parse_lambda(fn, role)
    args = node.args
    if args.vararg is not None or args.kwarg is not None or len(args.args) + \
            len(args.posonlyargs) < 2:
        raise RuleDefinitionError(
            f"{role} ({origin}) must take the result and then the function's parameters by name",
            hint="write `lambda y, x: ...`, without *args or **kwargs")
    names = [a.id for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    positional = [a.id for a in (*args.posonlyargs, *args.args)]
    defaults = dict(zip(positional[len(positional) - len(args.defaults):], args.defaults,
                        strict=True))
    defaults.update({a.id: v for a, v in zip(args.kwonlyargs, args.kw_defaults, strict=True)
                     if v is not None})
    return Shortcut(names[0], names[1:], defaults, node.body, origin, fn.__globals__)


# -- calling the function itself (the tangent of a linear map) -------------------------------------

_MODULES = (("np", np), ("np.linalg", np.linalg), ("math", math), ("_rt", runtime))


def spelling(fn: Any) -> gast.expr | None:
    """``np.reshape``, ``np.linalg.norm``, ``math.exp``, ``_rt.unindex``; None for other functions."""
    own = getattr(fn, "__name__", "")
    for prefix, module in _MODULES:
        if own and getattr(module, own, None) is fn:
            node: gast.expr = build.name(prefix.split(".")[0])
            for part in [*prefix.split(".")[1:], own]:
                node = gast.Attribute(value=node, attr=part, ctx=gast.Load())
            return node
    return None


def apply(func: gast.expr, args: list[gast.expr], keywords: dict[str, gast.expr],
          syntax: Any = None) -> gast.expr:
    """``func(*args, **keywords)``, or the operator's own syntax (``a @ b``, ``a[b]``)."""
    if syntax == "getitem":
        return gast.Subscript(value=args[0], slice=args[1], ctx=gast.Load())
    if syntax == "matmul":
        return build.binop(args[0], gast.MatMult(), args[1])
    return gast.Call(func=clone(func), args=args,  # (instantiation renames in place)
                     keywords=[gast.keyword(arg=k, value=v) for k, v in keywords.items()])
