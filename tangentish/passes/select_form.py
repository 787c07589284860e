"""``np.select`` of lists written in the call, lowered to the ``np.where`` chain it computes.

``np.select([c0, c1], [a0, a1], default)`` takes, element by element, the choice of the first
condition that holds, and ``default`` where none does: ``np.where(c0, a0, np.where(c1, a1,
default))`` (the same broadcast of every operand, the same result type).  As a chain of
``np.where`` its derivative is ``np.where``'s, whose adjoints and tangents the structural-zero
passes know (:mod:`.supports`): a choice the select does not take gets an adjoint 0 by
structure, so ``np.sqrt(v)`` offered where ``v <= 0`` and not taken is not differentiated into
``0 * inf`` (fuzzing found ``np.select([v < 0, v > 1], [v ** 2, np.sqrt(v)], 0.5)`` NaN at
``v = 0``).

NumPy refuses a condition that is not a boolean array, which ``np.where`` would take; so only a
call whose conditions are all written as boolean expressions (comparisons, ``&``, ``|``, ``^``,
``~`` of them, ``np.logical_*``, ``np.isnan``..., or a name the function binds only to such) is
lowered, the two lists of one length (and at least one condition).  Any other call keeps
``np.select``'s own rule.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(v):
    ...     return np.select([v < 0, v > 1], [v ** 2, np.sqrt(v)], 0.5)
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(v):
        _t1 = v < 0
        _t2 = v > 1
        v_pow_2 = v ** 2
        sqrt_v = np.sqrt(v)
        where = np.where(_t2, sqrt_v, 0.5)
        out = np.where(_t1, v_pow_2, where)
        return out
"""

from __future__ import annotations

from typing import Any

import gast
import numpy as np

from ..ir import Op
from ..syntax import build
from ..syntax.resolve import resolve_reference
from ..syntax.tree_walk import walk
from .lowering import Lowering

_BOOLEAN_CALLS = frozenset({
    "logical_and", "logical_or", "logical_xor", "logical_not", "isnan", "isinf", "isfinite",
    "isclose", "isposinf", "isneginf", "signbit", "greater", "greater_equal", "less", "less_equal",
    "equal", "not_equal", "isin",
})


def select_form(norm: Lowering, expr: gast.Call) -> tuple[gast.expr, Op] | None:
    """The ``np.where`` chain of ``np.select(condlist, choicelist, default)`` written with lists
    of boolean expressions (see the module docstring), or None to keep ``np.select``."""
    names = ("condlist", "choicelist", "default")
    if len(expr.args) > 3 or any(isinstance(a, gast.Starred) for a in expr.args) or \
            any(k.arg not in names for k in expr.keywords):
        return None
    passed = {**dict(zip(names, expr.args, strict=False)),
              **{k.arg: k.value for k in expr.keywords}}
    conditions, choices = passed.get("condlist"), passed.get("choicelist")
    if not isinstance(conditions, (gast.List, gast.Tuple)) or \
            not isinstance(choices, (gast.List, gast.Tuple)) or \
            not conditions.elts or len(conditions.elts) != len(choices.elts) or \
            not all(_boolean(norm, c) for c in conditions.elts):
        return None
    np_alias = norm.machinery.aliases["np"]
    tests = [norm.atom(c) for c in conditions.elts]
    values = [norm.atom(c) for c in choices.elts]
    result = norm.atom(passed["default"]) if "default" in passed else build.constant(0)
    for test, value in reversed(list(zip(tests[1:], values[1:], strict=True))):
        target = build.name(norm.namer.fresh("where"))
        norm.emit(build.assign(target.id, build.call(f"{np_alias}.where", test, value, result)),
                  Op(np.where, [test, value, result], {}, "`np.select`", expr))
        result = target
    args = [tests[0], values[0], result]
    return build.call(f"{np_alias}.where", *args), Op(np.where, args, {}, "`np.select`", expr)


def _boolean(norm: Lowering, node: gast.expr, depth: int = 0) -> bool:
    """Whether ``node`` is written as a boolean array: a comparison, ``&``/``|``/``^``/``~`` of
    such, a NumPy predicate (``np.isnan(x)``, ``np.logical_and(a, b)``), or a local name every
    assignment of which in the function is one (a few names deep)."""
    if isinstance(node, gast.Compare):
        return True
    if isinstance(node, gast.BinOp) and isinstance(node.op, (gast.BitAnd, gast.BitOr, gast.BitXor)):
        return _boolean(norm, node.left, depth) and _boolean(norm, node.right, depth)
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, (gast.Invert, gast.Not)):
        return _boolean(norm, node.operand, depth)
    if isinstance(node, gast.Name):
        values = _assigned(norm.info.node, node.id)
        return depth < 4 and bool(values) and all(
            v is not None and _boolean(norm, v, depth + 1) for v in values)
    if isinstance(node, gast.Call) and not node.keywords:
        reference = resolve_reference(norm.info, node.func, norm.machinery)
        value: Any = None if reference is None else reference.value
        name = getattr(value, "__name__", None)
        return name in _BOOLEAN_CALLS and getattr(np, name, None) is value
    return False


def _assigned(function: gast.FunctionDef, name: str) -> list[gast.expr | None]:
    """The values the function's source assigns to ``name`` (None for a binding that is not a
    plain ``name = value``: a parameter, a loop target, an augmented assignment...)."""
    if name in {a.id for a in function.args.args + function.args.kwonlyargs
                if isinstance(a, gast.Name)}:
        return [None]
    values: list[gast.expr | None] = []
    for node in walk(function):
        if isinstance(node, gast.Assign) and len(node.targets) == 1 and \
                isinstance(node.targets[0], gast.Name):
            if node.targets[0].id == name:
                values.append(node.value)
        elif name in _bound_names(node):
            values.append(None)
    return values


def _bound_names(node: gast.AST) -> set[str]:
    """The names a statement or clause other than ``name = value`` binds."""
    if isinstance(node, gast.Assign):
        targets = node.targets
    elif isinstance(node, (gast.AugAssign, gast.AnnAssign, gast.For, gast.NamedExpr,
                           gast.comprehension)):
        targets = [node.target]
    elif isinstance(node, gast.withitem) and node.optional_vars is not None:
        targets = [node.optional_vars]
    else:
        return set()
    return {n.id for t in targets for n in walk(t) if isinstance(n, gast.Name)}
