"""A function of a symmetric matrix written through its eigendecomposition, ``w, v =
np.linalg.eigh(a)`` then ``v @ np.diag(f(w)) @ v.T`` or ``(v * f(w)) @ v.T``: one call,
``_rt.eigh_function(a, "sqrt", UPLO, form)``, whose derivative is Daleckii-Krein's,
``V (D * (V^T dA V)) V^T`` with ``D`` the first divided differences of ``f``
(``_rt.divided_differences``: ``f'(w_i)`` where two eigenvalues are equal); and its analogue for
the singular values of a square matrix, ``u @ np.diag(f(s)) @ vh`` or ``(u * f(s)) @ vh`` of ``u,
s, vh = np.linalg.svd(a)``: ``_rt.svd_function(a, "sqrt", form)`` (rules/matrix_functions.py).

Why a rewrite and not a rule: at a repeated eigenvalue the derivative inside its eigenspace is
``f'(w) (V^T dA V)_ij``, the ``0/0`` limit ``(f(w_j) - f(w_i)) / (w_j - w_i)``, and neither
``eigh``'s rule (which sees the cotangents of ``w`` and ``v``, or sends out their tangents) nor
the product's can know ``f'`` there: only the whole expression says it.  So the pass matches the
expression in the A-normal form, each name in it bound once: ``r = np.linalg.eigh(a[, UPLO])``,
``w = r[0]``, ``v = r[1]``, ``f(w)`` one of :data:`FUNCTIONS` (``w`` itself too), ``np.diag`` of it
and ``v @`` that, or ``v *`` it, then ``@ v.T`` (``np.transpose(v)``); or ``r =
np.linalg.svd(a)``, its items ``u, s, vh`` and ``... @ vh``.  The value is computed as the
function wrote it (the same NumPy calls in the same order); what else reads ``w`` and ``v`` keeps
reading them (and :mod:`.spectral_reads` refuses a repeated value if both still are).

    >>> import numpy as np
    >>> def f(a):
    ...     w, v = np.linalg.eigh(a)
    ...     return np.sum((v * np.exp(w)) @ v.T)
    >>> from tangentish.syntax import parse, printer
    >>> from tangentish.passes import desugar, normalize
    >>> info = parse.parse_function(f); desugar.desugar(info); norm = normalize.normalize(info)
    >>> rewrite_spectral_functions(norm)
    >>> info.node.body = norm.body
    >>> print(printer.function_text(info.node).splitlines()[-3])
        _t2 = _rt.eigh_function(a, 'exp', 'L', 'scaled')
"""

from __future__ import annotations

import operator

import gast
import numpy as np

from .. import ir, runtime
from ..ir import Op
from ..syntax import build
from .dataflow import definition_counts, statements, target
from .normalize import Normalized

# the elementwise functions of w recognized, by the name eigh_function knows them
FUNCTIONS = {np.sqrt: "sqrt", np.exp: "exp", np.log: "log", np.square: "square"}
_POWERS = {2: "square", 0.5: "sqrt"}  # (w ** p: NumPy's `**` computes them as those, 2.0 too)


def rewrite_spectral_functions(norm: Normalized) -> None:
    """Rewrite each ``v @ np.diag(f(w)) @ v.T`` of one ``eigh`` (see the module docstring)."""
    counts = dict(definition_counts(norm.body))
    for stmt in statements(norm.body):  # (a changed in place: not a matrix bound once)
        if ir.has_op(stmt) and ir.note(stmt).updates is not None:
            counts[ir.note(stmt).updates] = 2
    defined = {target(s): s for s in statements(norm.body)
               if target(s) is not None and counts.get(target(s)) == 1 and ir.has_op(s)}
    for stmt in statements(norm.body):
        if defined.get(target(stmt)) is not stmt or ir.note(stmt).op.key is not operator.matmul:
            continue
        found = _matched(ir.note(stmt).op, defined, counts)
        if found is None:
            continue
        helper, args = found
        stmt.value = build.call(f"{norm.machinery.aliases['_rt']}.{helper.__name__}", *args)
        note = ir.note(stmt)
        note.op = Op(helper, args, {}, note.op.label, note.op.node)


def _matched(op: Op, defined: dict, counts: dict) -> tuple | None:
    """The helper and its arguments where ``op`` is ``X @ v.T`` of an ``eigh`` or ``X @ vh`` of
    an ``svd``, ``X`` being ``v @ np.diag(f(w))`` or ``v * f(w)`` (``u``, ``s`` of the ``svd``)."""
    left, right = (_op(defined, node) for node in op.args)
    if left is None or right is None or not isinstance(left.args[0], gast.Name):
        return None
    v = left.args[0].id
    if left.key is operator.matmul:
        diag, form = _op(defined, left.args[1]), "diag"
        if diag is None or diag.key is not np.diag or len(diag.args) != 1 or diag.keywords:
            return None
        values = diag.args[0]
    elif left.key is operator.mul:
        values, form = left.args[1], "scaled"
    else:
        return None
    if not isinstance(values, gast.Name):
        return None
    function, w = _function(defined, values.id)
    if right.key is np.transpose and len(right.args) == 1 and not right.keywords and \
            _is_name(right.args[0], v):
        found = _decomposed(defined, counts, (w, v), np.linalg.eigh, {"UPLO": "L"})
        return None if found is None else (runtime.eigh_function, [
            found[0], build.constant(function), found[1], build.constant(form)])
    found = _decomposed(defined, counts, (v, w, op.args[1].id), np.linalg.svd, {})
    return None if found is None else (runtime.svd_function, [
        found[0], build.constant(function), build.constant(form)])


def _function(defined: dict, name: str) -> tuple[str, str]:
    """The name of ``f`` and the name ``w`` of ``name = f(w)`` (``"identity"``, ``name``: none)."""
    op = _op(defined, build.name(name))
    if op is None or len(op.args) < 1 or not isinstance(op.args[0], gast.Name) or op.keywords:
        return "identity", name
    key = op.key
    if len(op.args) == 1 and key in FUNCTIONS:
        return FUNCTIONS[key], op.args[0].id
    exponent = op.args[1] if len(op.args) == 2 else None
    if key is operator.pow and isinstance(exponent, gast.Constant) and \
            not isinstance(exponent.value, bool) and exponent.value in _POWERS:
        return _POWERS[exponent.value], op.args[0].id
    return "identity", name


def _decomposed(defined: dict, counts: dict, names: tuple, key: object,
                options: dict) -> tuple | None:
    """``(a, the option)`` where ``names`` are items ``0, 1...`` of ``r = key(a[, option])``
    (``np.linalg.eigh``'s ``UPLO``; ``np.linalg.svd`` given ``a`` alone), ``a`` bound at most
    once."""
    items = [_op(defined, build.name(name)) for name in names]
    if any(item is None or item.key is not operator.getitem for item in items):
        return None
    if not all(isinstance(item.args[0], gast.Name) and isinstance(item.args[1], gast.Constant)
               for item in items) or [item.args[1].value for item in items] != \
            list(range(len(names))) or len({item.args[0].id for item in items}) != 1:
        return None
    call = _op(defined, items[0].args[0])
    if call is None or call.key is not key or not call.args or set(call.keywords) - set(options) \
            or len(call.args) > 1 + len(options):
        return None
    a = call.args[0]
    option = call.args[1] if len(call.args) == 2 else next(
        (call.keywords[k] for k in options if k in call.keywords),
        build.constant(next(iter(options.values()), None)))
    if not isinstance(a, gast.Name) or counts.get(a.id, 0) > 1 or \
            not isinstance(option, gast.Constant):
        return None
    return build.clone(a), build.constant(option.value)


def _op(defined: dict, node: gast.expr) -> Op | None:
    if not isinstance(node, gast.Name) or node.id not in defined:
        return None
    return ir.note(defined[node.id]).op


def _is_name(node: gast.expr, name: str) -> bool:
    return isinstance(node, gast.Name) and node.id == name
