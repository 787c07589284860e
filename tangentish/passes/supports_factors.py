'''Supports a factorization's tangent has by structure (forward mode, :func:`.supports.tangent_guard`).

A triangular factor's tangent is triangular: ``np.linalg.qr``'s ``R`` (its tangent ``kept @ rr``,
upper times upper), ``np.linalg.cholesky``'s ``L``, ``scipy.linalg.lu``'s ``L`` (unit diagonal)
and ``U``, ``scipy.linalg.cholesky``'s triangle.  Its other triangle is 0 by structure, and a
singular function of the factor (``np.cbrt(R)``, ``np.sqrt(np.var(R, axis=0))`` of a stack) meets
a tangent 0 there, not ``0 * inf``: NaN in ``jvp`` where ``grad`` (whose adjoint reads one
triangle) gave the derivative.  The support is ``_rt.factor_masks(result, kind)``, one mask per
item of a tuple, which an index of the result reads (:mod:`.supports_moved`).  A linear solve's
solution is 0 by structure at the rows that reach no row of a right-hand side's tangent that may
be non-zero, along the non-zero entries of the matrix it solves with (:func:`solved`).

    >>> import numpy as np, tangentish
    >>> def f(a):
    ...     return np.sum(np.cbrt(np.linalg.qr(a)[1]))
    >>> print([s.strip() for s in tangentish.jvp(f).source.splitlines() if "divided" in s][0])
    cbrt_qr_a1_dot = _rt.divided(_rt.factor_masks(qr_a, 'qr')[1], qr_a1_dot, 3.0 * cbrt_qr_a1 * cbrt_qr_a1)
'''

from __future__ import annotations

from typing import Any

import gast

from .. import ir
from ..syntax import build
from .supports_base import Seeded, Support, anywhere, calls
from .supports_moved import moved, tangent_mask

_KINDS = {("numpy.linalg", "qr"): ("qr", {"mode": ("reduced", "complete", "r")}),
          ("numpy.linalg", "cholesky"): ("cholesky", {}),
          ("scipy.linalg", "qr"): ("qr", {"mode": ("full", "economic")}),
          ("scipy.linalg", "lu"): ("lu", {"permute_l": (False,)}),
          ("scipy.linalg", "cholesky"): ("cholesky", {"lower": (True, False)})}
"""Factorizations whose results have triangular tangents, by module and name (scipy is not
imported for this: a key is matched by its names): their kind for ``_rt.factor_masks``, and the
keywords they may be given (a literal among these values; any other keyword, or one that is not
a literal, leaves the support unknown)."""


def factored(sweep: Any, op: ir.Op, target: str) -> Support | None:
    """The support of the tangent of ``target = <factorization>(a, ...)``, or None."""
    key = op.key
    module = getattr(key, "__module__", None) or ""
    kind, plain = _KINDS.get((".".join(module.split(".")[:2]), getattr(key, "__name__", None)),
                             (None, {}))
    if kind is None:
        return solved(sweep, op, target)
    if len(op.args) != 1 or not all(
            isinstance(v, gast.Constant) and v.value in plain.get(k, ())
            for k, v in op.keywords.items()):
        return None
    runtime = sweep.machinery.aliases["_rt"]
    how = [build.constant(kind)]
    if kind == "cholesky":  # (NumPy's is lower, SciPy's upper unless lower=True)
        lower = op.keywords.get("lower")
        how.append(build.constant(module.startswith("numpy") or bool(lower and lower.value)))
    return Support(build.call(f"{runtime}.factor_masks", build.name(target), *how))


def solved(sweep: Any, op: ir.Op, target: str) -> Support | None:
    """The support of the tangent of ``target = <a linear solve>(a, b)``: the rows that reach,
    along the non-zero entries of the matrix solved with, a row where ``b``'s tangent may be
    non-zero (anywhere where the matrix has a tangent): ``_rt.banded_reach`` for
    ``scipy.linalg.solve_banded``, ``_rt.solution_reach`` of the matrix :func:`_system` builds for
    the others; None for another call, or one given a keyword the solve's matrix does not read."""
    key = op.key
    module = (getattr(key, "__module__", "") or "").split(".")[:2]
    name = getattr(key, "__name__", None)
    aliases = sweep.machinery.aliases
    if module == ["scipy", "linalg"] and name == "solve_banded":
        if len(op.args) != 3 or set(op.keywords) - {"check_finite"}:
            return None
        bands, ab, b = op.args
        where = _rhs_mask(sweep, b, ab)
        return Support(build.call(f"{aliases['_rt']}.banded_reach", build.clone(bands),
                                  build.clone(ab), build.name(target), where))
    if module == ["numpy", "linalg"] and name == "lstsq":
        if len(op.args) != 2 or set(op.keywords) - {"rcond"}:
            return None
        where = _rhs_mask(sweep, op.args[1], op.args[0])
        return Support(build.call(f"{aliases['_rt']}.lstsq_masks", build.clone(op.args[0]),
                                  build.name(target), where))
    system = _system(module, name, op, aliases)
    if system is None:
        return None
    where = _rhs_mask(sweep, op.args[1], op.args[0])
    matrix, *how = system
    return Support(build.call(f"{aliases['_rt']}.solution_reach", matrix, build.name(target), where,
                              *how[:1], **how[1] if how else {}))


_SOLVES = {("numpy", "linalg", "solve"): (None, ()),
           ("scipy", "linalg", "solve"): ("read_matrix", ("assume_a", "lower")),
           ("scipy", "linalg", "solve_triangular"): ("triangular_system",
                                                     ("trans", "lower", "unit_diagonal")),
           ("scipy", "linalg", "cho_solve"): ("cho_system", ()),
           ("scipy", "linalg", "lu_solve"): ("lu_system", ("trans",))}
"""The solves whose tangent's support is known, by module and name: the runtime helper building
the matrix solved with from the first operand (None: the operand itself) and the keywords it
reads (``check_finite``, ``overwrite_a``, ``overwrite_b`` change nothing; any other keyword leaves
the support unknown)."""


def _system(module: list, name: Any, op: ir.Op, aliases: dict) -> tuple | None:
    """The matrix ``op``, a solve of :data:`_SOLVES` given two operands, solves with: the first
    operand itself, or the runtime helper building it with that operand and the keywords it
    reads (``_rt.solution_reach`` builds it only where the reach needs it: ``n^3`` work for
    ``cho_solve``'s and ``lu_solve``'s, where every row of the right-hand side may vary none)."""
    found = _SOLVES.get((*module, name))
    if found is None or len(op.args) != 2 or set(op.keywords) - set(found[1]) - {
            "check_finite", "overwrite_a", "overwrite_b"}:
        return None
    if found[0] is None:
        return (build.clone(op.args[0]),)
    keywords = {k: build.clone(v) for k, v in op.keywords.items() if k in found[1]}
    return (build.attribute(build.name(aliases["_rt"]), found[0]), build.clone(op.args[0]),
            keywords)


def _rhs_mask(sweep: Any, b: gast.expr, matrix: gast.expr) -> gast.expr:
    """Where the right-hand side's tangent may be non-zero: ``b``'s mask, everywhere where it is
    unknown or the matrix has a tangent."""
    where = _tangent_mask(sweep, b)
    if where is None or _tangent_mask(sweep, matrix) is not False:
        where = build.constant(True)
    return build.constant(False) if where is False else where


def _tangent_mask(sweep: Any, node: gast.expr) -> gast.expr | bool | None:
    """False where ``node``'s tangent is 0 by symbol, its mask where it has a known support,
    else None."""
    loads = build.loads(node)
    if all(sweep.tangent(name) is None for name in loads):
        return False
    support = sweep.supports.get(node.id) if isinstance(node, gast.Name) else None
    return None if support is None else tangent_mask(sweep, node.id, support)


def factored_statements(sweep: Any, stmt: gast.stmt, target: str, code: list) -> list:
    """``code``, the statements of a rule's tangent of ``stmt`` (``np.linalg.qr``'s), after
    recording the support :func:`factored` finds for ``target``'s tangent, or the one its last
    statement's value moves or sums along an axis (``np.var(t, axis=0)``'s, of a ``t`` with a
    support, :func:`.supports_moved.moved`; the names the statements before it bind, ``defs``)."""
    support = factored(sweep, ir.note(stmt).op, target)
    last = code[-1] if code else None
    if support is None and isinstance(last, gast.Assign) and len(last.targets) == 1 and \
            isinstance(last.targets[0], gast.Name) and last.targets[0].id == sweep.tangent(target):
        defs = {s.targets[0].id: s.value for s in code[:-1] if isinstance(s, gast.Assign)
                and len(s.targets) == 1 and isinstance(s.targets[0], gast.Name)}
        support = moved(sweep, last.value, target, defs) or ratio_support(last.value)
    support = support or linear_rule(sweep, ir.note(stmt).op)  # (np.var's: 7818/5)
    if support is not None and ir.note(stmt).updates is None:
        sweep.supports[target] = support
    return code


def ratio_support(value: gast.expr) -> Support | None:
    """``r != 0`` for ``value`` ``_rt.ratio(x, r)``, 0 where ``r`` is by definition: ``np.std``'s
    tangent where the deviation is 0 (of one element: 0 by structure, a constant), whose
    ``np.sqrt`` next would make ``0 * inf`` of it; else None."""
    if not calls(value, "ratio") or value.keywords or len(value.args) != 2:
        return None
    return Support(gast.Compare(left=build.clone(value.args[1]), ops=[gast.NotEq()],
                                comparators=[build.constant(0)]))


def linear_rule(sweep: Any, op: ir.Op) -> Support | None:
    """Where a rule's tangent of ``op`` may be non-zero when every varying operand's support is
    known: a tangent is linear in the operands' tangents, so 0 where they all are by structure
    (``np.any`` of their masks).  A rule's tangent in several statements (``np.var``'s, ``np.std``'s)
    as its one expression (``[acc]``: fuzz seed 4870 program 264): ``np.sqrt(np.var(b))`` of a
    ``b`` that ``np.copyto(b, x, where=m)`` wrote nowhere had the tangent ``0 * inf`` (fuzz seed
    7818 program 5).  None where a support is unknown or a seed's, or ``op`` has no rule."""
    names = sorted(n for n in set(op.operand_names()) if n in sweep.active and n not in sweep.zero)
    varying = [sweep.supports.get(name) for name in names]
    if not varying or op.key is None or any(part is None or isinstance(part, Seeded)
                                             for part in varying):
        return None
    if not (op.is_display or sweep.registry.known(op.key)):
        return None
    return anywhere(names, varying, sweep.machinery.aliases)
