"""NumPy functions lowered to the calls they are made of: ``np.block``, ``np.linalg.cond``,
``np.einsum`` in its interleaved form, ``np.linalg.tensorsolve``/``tensorinv``, and ``np.cov``/
``np.corrcoef`` given a second data set ``y`` (the rows of both joined, see ``_joined_data``),
``np.interp`` given ``period=`` (``_periodic``).

``np.block`` of nested lists written out is NumPy's own construction: every block gets leading
axes of length 1 up to the result's number of dimensions (the nesting depth, or a block's own
if more: ``_rt.block_ndim``, ``_rt.lifted_shape``), the innermost lists are joined along the
last axis, the lists holding them along the one before, and so on.  ``np.linalg.cond`` is the
ratio of the largest to the smallest singular value (``p=None``, ``2``; the inverse for
``-2``), or ``norm(x, p) * norm(inv(x), p)`` over the last two axes for the other norms, as
NumPy computes it.  ``np.einsum(a, [0, 1], b, [1, 2], [0, 2])`` (sublists of int constants and
``...`` written in the call) is ``np.einsum('ab,bc->ac', a, b)``, the output written out as NumPy
makes it when it is left out (the ``...`` axes, then the indices that appear once, in order).
``np.linalg.tensorsolve(a, b, axes)`` is NumPy's own reshaping: ``a`` transposed by ``axes``
(``_rt.tensor_axes``), reshaped to a square matrix, ``np.linalg.solve`` of it and ``np.ravel(b)``,
reshaped to ``a``'s axes that ``b``'s do not take (``_rt.tensor_solve_shapes``, raising NumPy's
``LinAlgError``); ``np.linalg.tensorinv(a, ind)`` is ``np.linalg.inv`` of ``a`` reshaped with its
first ``ind`` axes the rows, reshaped back with the last axes first (``_rt.tensor_inv_shapes``).
(At a singular matrix the condition number is infinite: the first form
gives ``inf`` and a derivative of ``inf`` or NaN there, the second raises ``LinAlgError``.)

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(a, b):
    ...     return np.block([[a, b], [b, a]])
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(a, b):
        block_ndim = _rt.block_ndim(2, a, b, b, a)
        a_shape = _rt.lifted_shape(a, block_ndim)
        a_1 = np.reshape(a, a_shape)
        b_shape = _rt.lifted_shape(b, block_ndim)
        b_1 = np.reshape(b, b_shape)
        row = np.concatenate((a_1, b_1), axis=-1)
        row_1 = np.concatenate((b_1, a_1), axis=-1)
        out = np.concatenate((row, row_1), axis=-2)
        return out
"""

from __future__ import annotations

import operator
from typing import Any

import gast
import numpy as np

from .. import runtime
from ..ir import Op
from ..syntax import build
from ..syntax.printer import expression_text
from ..syntax.resolve import resolve_reference
from .lowering import Lowering


def numpy_form(norm: Lowering, value: Any, expr: gast.Call) -> tuple[gast.expr, Op] | None:
    """The lowered call of ``np.block``, ``np.linalg.cond``... (the module docstring; ``np.select``:
    :mod:`.select_form`), or None for any other callee."""
    if value is np.block:
        return _block(norm, expr)
    if value is np.linalg.cond:
        return _cond(norm, expr)
    if value is np.einsum:
        return _einsum_interleaved(norm, expr)
    if value is np.linalg.tensorsolve or value is np.linalg.tensorinv:
        return _tensor(norm, value, expr)
    if value is np.cov or value is np.corrcoef:
        return _joined_data(norm, value, expr)
    if value is np.interp:
        return _periodic(norm, expr)
    if value is np.select:
        from .select_form import select_form  # (its own module: lists of boolean conditions)

        return select_form(norm, expr)
    return None


# -- np.interp(x, xp, fp, period=p) -------------------------------------------------------------
def _periodic(norm: Lowering, expr: gast.Call) -> tuple[gast.expr, Op] | None:
    """``np.interp(x, xp, fp, period=p)`` as NumPy computes it: ``x`` and ``xp`` (as float64) modulo
    ``|p|`` (``_rt.period_of`` raises NumPy's error for 0), the knots sorted, the last knot
    repeated one period before the first and the first one period after the last; then
    ``np.interp`` of those (whose rule differentiates ``x``, ``xp``, ``fp`` and so ``p``).  None
    without ``period=`` (the rule's own call)."""
    names = ("x", "xp", "fp", "left", "right", "period")
    if len(expr.args) > len(names) or any(isinstance(a, gast.Starred) for a in expr.args) or \
            any(k.arg is None for k in expr.keywords):
        return None
    passed = {**dict(zip(names, expr.args, strict=False)),
              **{k.arg: k.value for k in expr.keywords}}
    period = passed.get("period")
    if isinstance(period, gast.Constant) and period.value is None:  # (NumPy's default, dropped)
        expr.args = expr.args[:5]
        expr.keywords = [k for k in expr.keywords if k.arg != "period"]
        return None
    if period is None or not {"x", "xp", "fp"} <= set(passed) or not set(passed) <= set(names):
        return None
    np_alias, rt_alias = norm.machinery.aliases["np"], norm.machinery.aliases["_rt"]
    atoms = {key: norm.atom(passed[key]) for key in ("x", "xp", "fp", "period")}
    for key in ("x", "xp", "fp"):  # (in float64 before the modulo, as NumPy computes it)
        atoms[key] = _emit(norm, f"{key}_float", f"{np_alias}.asarray", np.asarray, [atoms[key]],
                           {"dtype": build.constant("float64")}, expr)
    p = _emit(norm, "period", f"{rt_alias}.period_of", runtime.period_of, [atoms["period"]], {},
              expr)
    x, xp = (_emit(norm, f"{key}_mod", f"{np_alias}.mod", np.mod, [atoms[key], p], {}, expr)
             for key in ("x", "xp"))
    order = _emit(norm, "order", f"{np_alias}.argsort", np.argsort, [xp], {}, expr)
    xp, fp = (_emit(norm, f"{key}_sorted", f"{np_alias}.take", np.take, [value, order], {}, expr)
              for key, value in (("xp", xp), ("fp", atoms["fp"])))
    ends = {key: [_emit(norm, f"{key}_end", f"{np_alias}.take", np.take, [value, build.tuple_(
        [build.constant(i)])], {}, expr) for i in (-1, 0)] for key, value in (("xp", xp), ("fp", fp))}
    before = _emit(norm, "before", f"{np_alias}.subtract", np.subtract, [ends["xp"][0], p], {}, expr)
    after = _emit(norm, "after", f"{np_alias}.add", np.add, [ends["xp"][1], p], {}, expr)
    axis = {"axis": build.constant(0)}
    xp = _emit(norm, "xp_periodic", f"{np_alias}.concatenate", np.concatenate,
               [build.tuple_([before, xp, after])], axis, expr)
    fp = _emit(norm, "fp_periodic", f"{np_alias}.concatenate", np.concatenate,
               [build.tuple_([ends["fp"][0], fp, ends["fp"][1]])], axis, expr)
    return build.call(f"{np_alias}.interp", x, xp, fp), Op(np.interp, [x, xp, fp], {},
                                                             "`np.interp`", expr)


# -- np.cov(m, y), np.corrcoef(x, y) --------------------------------------------------------------
def _joined_data(norm: Lowering, value: Any, expr: gast.Call) -> tuple[gast.expr, Op] | None:
    """``np.cov(m, y, rowvar, ...)`` as NumPy computes it: ``m``'s and ``y``'s variables as rows
    (``np.atleast_2d``, transposed by ``_rt.cov_axes`` where ``rowvar`` is false), joined, and
    ``np.cov`` of the rows; None without ``y`` (or ``y=None``: the rule's own call)."""
    names = ("m" if value is np.cov else "x", "y", "rowvar")
    if len(expr.args) > 3 or any(isinstance(a, gast.Starred) for a in expr.args) or \
            any(k.arg is None for k in expr.keywords):
        return None
    passed = {**dict(zip(names, expr.args, strict=False)),
              **{k.arg: k.value for k in expr.keywords}}
    y = passed.get("y")
    if y is None or isinstance(y, gast.Constant) and y.value is None or names[0] not in passed:
        return None
    np_alias, rt_alias = norm.machinery.aliases["np"], norm.machinery.aliases["_rt"]
    rowvar = norm.atom(passed["rowvar"]) if "rowvar" in passed else build.constant(True)
    rows = []
    for key in names[:2]:
        data = norm.atom(passed[key])
        lifted = _emit(norm, f"{key}_2d", f"{np_alias}.atleast_2d", np.atleast_2d, [data], {}, expr)
        axes = _emit(norm, f"{key}_axes", f"{rt_alias}.cov_axes", runtime.cov_axes,
                     [data, rowvar], {}, expr)
        rows.append(_emit(norm, f"{key}_rows", f"{np_alias}.transpose", np.transpose,
                          [lifted, axes], {}, expr))
    parts = build.tuple_(rows)
    joined = _emit(norm, "rows", f"{np_alias}.concatenate", np.concatenate, [parts],
                   {"axis": build.constant(0)}, expr)
    keywords = {key: norm.atom(node) for key, node in passed.items() if key not in names}
    return (build.call(f"{np_alias}.{value.__name__}", joined, **keywords),
            Op(value, [joined], keywords, f"`np.{value.__name__}`", expr))


# -- np.einsum(a, [0, 1], b, [1, 2], [0, 2]) ---------------------------------------------------
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _einsum_interleaved(norm: Lowering, expr: gast.Call) -> tuple[gast.expr, Op] | None:
    args = expr.args
    if len(args) < 2 or not isinstance(args[1], (gast.List, gast.Tuple)) or \
            any(isinstance(a, gast.Starred) for a in args):
        return None  # (the subscripts form, or sublists not written out: np.einsum's rule)
    sublists = [_sublist(a) for a in args[1::2]]
    if len(args) % 2:  # (the output's sublist last)
        sublists.append(_sublist(args[-1]))
    if any(s is None for s in sublists):
        raise norm.error("`np.einsum` in its interleaved form is differentiated with each "
                         "sublist written in the call, of int constants and `...`", expr,
                         hint="write np.einsum(a, [0, 1], b, [1, 2]), or the subscripts form "
                         "np.einsum('ij,jk->ik', a, b)")
    operands = args[0:len(args) - len(args) % 2:2]
    inputs = sublists[:len(operands)]
    if len(sublists) > len(operands):
        output = sublists[-1]
    else:
        every = [i for s in inputs for i in s if i is not Ellipsis]
        output = ([Ellipsis] if any(Ellipsis in s for s in inputs) else []) + sorted(
            i for i in set(every) if every.count(i) == 1)
    spell = lambda s: "".join("..." if i is Ellipsis else _LETTERS[i] for i in s)  # noqa: E731
    text = ",".join(spell(s) for s in inputs) + "->" + spell(output)
    atoms = [build.constant(text), *(norm.atom(a) for a in operands)]
    keywords = {k.arg: norm.atom(k.value) for k in expr.keywords}
    return (build.call(f"{norm.machinery.aliases['np']}.einsum", *atoms, **keywords),
            Op(np.einsum, atoms, keywords, "`np.einsum`", expr))


def _sublist(node: gast.expr) -> list | None:
    """``[0, 1, ...]`` written out: its int constants (below 52) and Ellipsis; else None."""
    if not isinstance(node, (gast.List, gast.Tuple)):
        return None
    out = []
    for e in node.elts:
        value = e.value if isinstance(e, gast.Constant) else Ellipsis if \
            isinstance(e, gast.Name) and e.id == "Ellipsis" else None
        if not (value is Ellipsis or type(value) is int and 0 <= value < len(_LETTERS)):
            return None
        out.append(value)
    return out


def _emit(norm: Lowering, label: str, spelled: str, key: Any, args: list, keywords: dict,
          expr: gast.Call) -> gast.Name:
    target = build.name(norm.namer.fresh(label))
    norm.emit(build.assign(target.id, build.call(spelled, *args, **keywords)),
              Op(key, args, keywords, f"`{expression_text(expr.func)}`", expr))
    return target


# -- np.block -------------------------------------------------------------------------------
def _block(norm: Lowering, expr: gast.Call) -> tuple[gast.expr, Op]:
    if len(expr.args) == 1 and isinstance(expr.args[0], gast.Tuple):
        _depth(norm, expr.args[0], expr)  # (refused, as NumPy refuses it)
    if len(expr.args) != 1 or expr.keywords or not isinstance(expr.args[0], gast.List):
        raise norm.error("`np.block` is differentiated of nested lists written in the call", expr,
                         hint="write the blocks out, `np.block([[a, b], [c, d]])`, or join them "
                         "with np.concatenate")
    depth = _depth(norm, expr.args[0], expr)
    leaves = [norm.atom(leaf) for leaf in _leaves(expr.args[0])]
    runtime_alias = norm.machinery.aliases["_rt"]
    ndim = _emit(norm, "block_ndim", f"{runtime_alias}.block_ndim", runtime.block_ndim,
                 [build.constant(depth), *leaves], {}, expr)
    lifted, done = [], {}
    for leaf in leaves:
        known = done.get(leaf.id) if isinstance(leaf, gast.Name) else None
        if known is None:
            shape = _emit(norm, f"{getattr(leaf, 'id', 'block')}_shape",
                          f"{runtime_alias}.lifted_shape", runtime.lifted_shape,
                          [leaf, ndim], {}, expr)
            known = _emit(norm, getattr(leaf, "id", "block"),
                          f"{norm.machinery.aliases['np']}.reshape", np.reshape, [leaf, shape],
                          {}, expr)
            if isinstance(leaf, gast.Name):
                done[leaf.id] = known
        lifted.append(build.name(known.id))
    return _join(norm, expr.args[0], iter(lifted), depth, expr)


def _depth(norm: Lowering, node: gast.expr, expr: gast.Call) -> int:
    """How deeply the lists nest (every block at the same depth, as NumPy requires)."""
    if isinstance(node, gast.Tuple):
        raise norm.error("`np.block` of a tuple: NumPy takes only lists", node,
                         hint="write the blocks in lists, `np.block([[a, b], [c, d]])`")
    if not isinstance(node, gast.List):
        return 0
    if not node.elts or any(isinstance(e, gast.Starred) for e in node.elts):
        raise norm.error("`np.block` of an empty or starred list", node,
                         hint="write every block out")
    depths = {_depth(norm, element, expr) for element in node.elts}
    if len(depths) != 1:
        raise norm.error("`np.block`'s lists nest to different depths", node,
                         hint="NumPy requires every block at the same depth")
    return depths.pop() + 1


def _leaves(node: gast.expr) -> list[gast.expr]:
    return [leaf for element in node.elts for leaf in _leaves(element)] \
        if isinstance(node, gast.List) else [node]


def _join(norm: Lowering, node: gast.List, lifted: Any, depth: int,
          expr: gast.Call) -> tuple[gast.expr, Op]:
    """The concatenation of ``node``'s items (lists joined first) along axis ``-depth``."""
    parts = []
    for element in node.elts:
        if isinstance(element, gast.List):
            value, op = _join(norm, element, lifted, depth - 1, expr)
            parts.append(build.name(norm.namer.fresh("row")))
            norm.emit(build.assign(parts[-1].id, value), op)
        else:
            parts.append(next(lifted))
    items = build.tuple_(parts)
    axis = {"axis": build.constant(-depth)}
    return (build.call(f"{norm.machinery.aliases['np']}.concatenate", items, **axis),
            Op(np.concatenate, [items], axis, "`np.block`", expr))


# -- np.linalg.cond ---------------------------------------------------------------------------
def _order(norm: Lowering, node: gast.expr) -> gast.Constant | None:
    """``p`` as a constant: written so, or a name of the module resolving to a number or a string
    (``np.inf``, ``-np.inf``, a module constant: recorded among the cache's dependencies); None
    for anything else (a closure's variable, a local, an expression)."""
    negative = isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub)
    inner = node.operand if negative else node
    if isinstance(inner, gast.Constant):
        value = inner.value
    else:
        root = inner
        while isinstance(root, gast.Attribute):
            root = root.value
        closed = isinstance(root, gast.Name) and root.id in norm.info.fn.__code__.co_freevars
        reference = resolve_reference(norm.info, inner, norm.machinery) \
            if isinstance(inner, (gast.Name, gast.Attribute)) and not norm.is_local_root(inner) \
            and not closed else None  # (a closure's cell is read live, never built in)
        value = reference.value if reference is not None else ...
    if value is not None and type(value) not in (int, float, str) or \
            negative and type(value) not in (int, float):
        return None
    return build.constant(-value if negative else value)


def _cond(norm: Lowering, expr: gast.Call) -> tuple[gast.expr, Op]:
    if len(expr.args) + len(expr.keywords) > 2 or any(
            k.arg not in ("x", "p") for k in expr.keywords) or \
            any(isinstance(a, gast.Starred) for a in expr.args):
        raise norm.error("`np.linalg.cond(...)` of these arguments is not differentiated", expr,
                         hint="np.linalg.cond(x) or np.linalg.cond(x, p)")
    passed = {**dict(zip(("x", "p"), expr.args, strict=False)),
              **{k.arg: k.value for k in expr.keywords}}
    x = norm.atom(passed["x"])
    p = _order(norm, passed["p"]) if "p" in passed else build.constant(None)
    if p is None:
        raise norm.error("`np.linalg.cond`'s `p` must be a constant written in the call", expr,
                         hint="None, 2, -2, 1, -1, np.inf, -np.inf, 'fro' or 'nuc': which "
                         "formula applies is decided when the derivative is built")
    np_alias = norm.machinery.aliases["np"]
    if p.value is None or p.value in (2, -2):
        values = _emit(norm, "s", f"{np_alias}.linalg.svd", np.linalg.svd, [x],
                       {"compute_uv": build.constant(False)}, expr)
        ends = []
        for last in (p.value == -2, p.value != -2):
            index = build.tuple_([build.constant(Ellipsis), build.constant(-1 if last else 0)])
            ends.append(build.name(norm.namer.fresh("s_item")))
            norm.emit(build.assign(ends[-1].id, build.subscript(values, index)),
                      Op(operator.getitem, [values, index], {}, "indexing", expr))
        return (gast.BinOp(left=ends[0], op=gast.Div(), right=ends[1]),
                Op(operator.truediv, ends, {}, "`np.linalg.cond`", expr))
    axes = {"axis": build.tuple_([build.constant(-2), build.constant(-1)])}
    inverse = _emit(norm, "inv", f"{np_alias}.linalg.inv", np.linalg.inv, [x], {}, expr)
    norms = [_emit(norm, "norm", f"{np_alias}.linalg.norm", np.linalg.norm, [value, p], axes,
                   expr) for value in (x, inverse)]
    return (gast.BinOp(left=norms[0], op=gast.Mult(), right=norms[1]),
            Op(operator.mul, norms, {}, "`np.linalg.cond`", expr))


# -- np.linalg.tensorsolve, np.linalg.tensorinv --------------------------------------------------
_TENSOR = {np.linalg.tensorsolve: ("tensorsolve", ("a", "b", "axes")),
           np.linalg.tensorinv: ("tensorinv", ("a", "ind"))}


def _tensor(norm: Lowering, value: Any, expr: gast.Call) -> tuple[gast.expr, Op]:
    name, parameters = _TENSOR[value]
    spelled = f"`np.linalg.{name}`"
    if len(expr.args) > len(parameters) or any(isinstance(a, gast.Starred) for a in expr.args) \
            or any(k.arg not in parameters for k in expr.keywords):
        raise norm.error(f"{spelled} of these arguments is not differentiated", expr,
                         hint=f"np.linalg.{name}({', '.join(parameters)})")
    passed = {**dict(zip(parameters, expr.args, strict=False)),
              **{k.arg: k.value for k in expr.keywords}}
    atoms = {key: norm.atom(node) for key, node in passed.items()}
    np_alias, rt_alias = norm.machinery.aliases["np"], norm.machinery.aliases["_rt"]
    a = atoms["a"]
    if value is np.linalg.tensorinv:
        shapes = _emit(norm, "shapes", f"{rt_alias}.tensor_inv_shapes", runtime.tensor_inv_shapes,
                       [a, atoms.get("ind", build.constant(2))], {}, expr)
    else:
        if "axes" in atoms:
            order = _emit(norm, "order", f"{rt_alias}.tensor_axes", runtime.tensor_axes,
                          [a, atoms["axes"]], {}, expr)
            a = _emit(norm, "a_moved", f"{np_alias}.transpose", np.transpose, [a, order], {},
                      expr)
        shapes = _emit(norm, "shapes", f"{rt_alias}.tensor_solve_shapes",
                       runtime.tensor_solve_shapes, [a, atoms["b"]], {}, expr)
    matrix = _emit(norm, "matrix", f"{np_alias}.reshape", np.reshape, [a, _item(
        norm, shapes, 0, expr)], {}, expr)
    if value is np.linalg.tensorinv:
        solved = _emit(norm, "inv", f"{np_alias}.linalg.inv", np.linalg.inv, [matrix], {}, expr)
    else:
        flat = _emit(norm, "b_flat", f"{np_alias}.ravel", np.ravel, [atoms["b"]], {}, expr)
        solved = _emit(norm, "solved", f"{np_alias}.linalg.solve", np.linalg.solve,
                       [matrix, flat], {}, expr)
    args = [solved, _item(norm, shapes, 1, expr)]
    return build.call(f"{np_alias}.reshape", *args), Op(np.reshape, args, {}, spelled, expr)


def _item(norm: Lowering, shapes: gast.Name, i: int, expr: gast.Call) -> gast.Name:
    target = build.name(norm.namer.fresh("shape"))
    index = build.constant(i)
    norm.emit(build.assign(target.id, build.subscript(shapes, index)),
              Op(operator.getitem, [shapes, index], {}, "indexing", expr))
    return target
