"""Forward mode keeps the zeros a rule or a constant puts into a tangent by structure, so a
singular partial there (``np.cbrt``/``np.sqrt`` at 0) meets a tangent 0, not ``0 * inf``.

Two sources, one mechanism each: a factorization's triangular factor (its tangent triangular:
``_rt.factor_masks``, :mod:`tangentish.passes.supports_factors`) and a constant ``np.ediff1d``
puts around the differences (``to_begin``/``to_end``: the mask of the differences with False
around them, :mod:`tangentish.passes.supports_linear`).  ``jvp`` gave NaN on every row where
``grad`` gave the derivative (call-led fuzz seed 192, programs 2 and 36).  Reference: central
differences along a seeded direction.

Also the zeros a move puts in of its own (:mod:`tangentish.passes.supports_filled`): a
constant-mode ``np.pad``'s border, ``np.triu``/``np.tril``/``np.diag``, the constant
``np.insert``/``np.append``/``np.concatenate``/``np.stack`` join to a tangent, even where no
tangent it moves has a support (jvp NaN through ``np.pad(np.max(x) * x, 1)``: stop 56); the
selections ``np.compress``/``np.extract``/``np.delete``/``np.resize``/``np.choose`` move masks as
the others do, a maximum, median or product along an axis is 0 where its tangent's mask is
False along that axis (:func:`tangentish.passes.supports_linear.weighted`), and ``np.nan_to_num``
is elementwise (its tangent 0 where its operand's is, not only where it is finite).  An element
written into an array whose tangent's support is unknown keeps the written value's mask there
(:mod:`tangentish.passes.supports_written`); a tangent cut into a list (``np.split``, ``list``,
``x.tolist()``) keeps one mask per piece (:mod:`tangentish.passes.supports_listed`), which a
list made an array again and a helper's result (maybe a list, by what the transform knows) hand
on to a move; elements written in a loop keep a mask carried from one run to the next
(:func:`tangentish.passes.support_flow.carried`).  A list made item by item (a display, an
append, an extend, ``xs + ys``) keeps one mask per item, ``False`` for a constant's
(:mod:`tangentish.passes.supports_items`); one changed in place (in a loop, in branches, by
``pop`` or ``xs[k] = c``) keeps a mask changed in step with it
(:mod:`tangentish.passes.supports_kept`), and ``sorted`` gathers its items' masks as it gathers
their tangents (:mod:`tangentish.passes.supports_listed`)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.linalg as sla
import scipy.stats as sst

import tangentish

RNG = np.random.default_rng(2555)
TALL = RNG.standard_normal((4, 3))
SQUARE = RNG.standard_normal((3, 3))
SPD = SQUARE @ SQUARE.T + 3 * np.eye(3)
STACK = RNG.standard_normal((2, 3, 2))
X = np.array([0.7, 1.3, 2.0, 2.9])


def qr_reduced(a):
    return np.sum(np.cbrt(np.linalg.qr(a)[1]))


def qr_stack_var(a):  # (fuzz seed 192 program 36: the variance of the zeros across the stack)
    return np.sum(np.sqrt(np.var(np.linalg.qr(a)[1], axis=0)))


def cholesky(a):
    return np.sum(np.cbrt(np.linalg.cholesky(a)))


def scipy_qr(a):
    return np.sum(np.cbrt(sla.qr(a, mode="economic")[1]))


def scipy_lu(a):
    _, low, up = sla.lu(a)
    return np.sum(np.cbrt(low)) + np.sum(np.cbrt(up))


def scipy_cholesky(a):
    return np.sum(np.cbrt(sla.cholesky(a))) + np.sum(np.cbrt(sla.cholesky(a, lower=True)))


def ediff_ends(x):
    return np.sum(np.cbrt(np.ediff1d(x * x, to_begin=[0.0, 0.0], to_end=0.0)))


def ediff_scalar(x):  # (fuzz seed 192 program 2: the differences of a scalar are to_begin alone)
    return np.sum(np.sqrt(np.ediff1d(np.vdot(x, x), to_begin=0.0) ** 2 + np.sin(x[0]) ** 2))


def zeros_joined(x):  # (a constant-mode pad, a zeroing move, a cast's, a join of a constant's:
    s = np.max(x)  # zeros of their own; np.pad's is stop 56's left-open item 2)
    return (np.sum(np.sqrt(np.pad(s * x, 1) ** 2)) + np.sum(np.sqrt(np.triu(np.outer(x, s * x)) ** 2))
            + np.sum(np.sqrt(np.insert(s * x, 1, 0.0) ** 2)) + np.sum(np.sqrt(np.stack([s * x, 0 * X]) ** 2))
            + np.sum(np.sqrt(np.diag(s * x) ** 2)) + np.sum(np.sqrt(np.array([s * x[0], 0.0]) ** 2)))


def moved_selections(x):  # (moves and selections along an axis of a tangent with structural
    z = np.zeros(5)  # zeros: np.compress's was np.any of its mask, jvp NaN; fuzz seed 8013 program 0)
    z[1:4] = x[:3] * x[:3]
    s = np.stack([z, 2.0 * z])
    return (np.sum(np.sqrt(np.compress([True, True, False, True, False], z)))
            + np.sum(np.sqrt(np.delete(z, 2))) + np.sum(np.sqrt(np.resize(z, 7)))
            + np.sum(np.sqrt(np.choose([0, 1, 0, 1, 0], s))) + np.sum(np.sqrt(np.max(s, axis=0)))
            + np.sum(np.sqrt(np.median(s, axis=0))) + np.sum(np.sqrt(np.prod(s, axis=0)))
            + np.sum(np.sqrt(np.nan_to_num(z))))


def written_over_tangents(v):  # (an element written, from what a selection left out, into an
    u = np.where(v > 0.5, v, 0.0)  # array whose tangent has no known support: jvp NaN, stop 58)
    z, w, m = np.sin(v), np.cos(v), np.cos(np.outer(v, v))
    z[0] = u[0]
    w[1:] = u[1:]
    m[0] = u
    e = np.exp(v)
    e[v < 0.5] = u[v < 0.5]
    return (np.sqrt(np.abs(z[0])) + np.sum(np.sqrt(np.abs(w))) + np.sum(np.sqrt(np.abs(m)))
            + np.sum(np.sqrt(np.flip(e))))


def _squares_after_first(x):  # (a helper changing an array in place: called with its own jvp)
    r = np.zeros(4)
    r[1:] = x[1:] * x[1:]
    return r


def listed_pieces(v):  # (pieces and rows of a tangent 0 by structure, a helper's result moved,
    u = np.where(v > 0.5, v, 0.0)  # a list made an array again: jvp NaN, stop 58)
    a, b = np.split(u, 2)
    return (np.sum(np.sqrt(a)) + np.sqrt(np.array_split(u, 3)[1][0])
            + np.sum(np.sqrt(np.asarray(list(u)))) + np.sum(np.sqrt(np.array(u.tolist())))
            + np.sum(np.sqrt(np.stack(np.split(u, 2)))) + np.sum(np.sqrt(np.real_if_close(u)))
            + np.sum(np.sqrt(np.flip(_squares_after_first(v)))))


def written_in_a_loop(u):  # (elements written in a loop: the mask of the written ones carried
    z = np.zeros(6)  # from one run to the next; the others 0 by structure: jvp NaN, stop 59)
    for i in range(3):
        z[i] = u[i] * u[i]
    return np.sum(np.cbrt(z))


def rewritten_with_a_zero(v):  # (an element written, then written back from zeros: z[0] = old,
    z = np.zeros(4)  # old = z[0] read before, its tangent 0 by symbol: jvp NaN, grammar 9616/8)
    old = z[0]
    z[0] = v[0] * v[1]
    z[0] = old
    z[-3], z[-3] = (v[2], z[-3])
    return np.sum(np.sqrt(z)) + v[3]


def items_with_constants(v):  # (a list met a constant: xs.append(0.0), [a, b, 0.0], xs + [0.0],
    u = np.where(v > 0.5, v, 0.0)  # xs.extend(...), [*u, 0.0]: jvp NaN, stop 61)
    xs = list(u)
    xs.append(0.0)
    ys = list(u)
    ys.extend([0.0, 1.0])
    zs = list(u)
    zs.insert(1, 0.0)
    return (np.sum(np.sqrt(np.asarray(xs))) + sum(np.sqrt(x) for x in xs)
            + np.sum(np.sqrt(np.asarray([v[1], v[3], 0.0]))) + np.sum(np.sqrt(np.array((u[0], 0.0))))
            + np.sum(np.sqrt(np.asarray(ys))) + np.sum(np.sqrt(np.asarray(list(u) + [0.0])))
            + np.sum(np.sqrt(np.asarray(zs))) + np.sum(np.sqrt(np.asarray([*u, 0.0])))
            + np.sum(np.sqrt(np.stack([u, np.zeros(4)]))))


def lists_changed_in_place(v):  # (a list changed in place in a loop, in each branch of an if,
    u = np.where(v > 0.5, v, 0.0)  # by pop or xs[k] = c: its mask kept in step with it, jvp NaN, stop 62)
    xs = []
    for i in range(4):
        xs.append(u[i])
    xs.append(0.0)
    ys = list(u)
    if v[1] > 0:
        ys.append(0.0)
    else:
        ys.append(u[1])
    zs = list(u)
    zs.append(0.0)
    zs.append(v[1])
    zs.pop()
    ws = [v[1], v[3], u[0]]
    ws[1] = 0.0
    ws[0] = u[0]
    return (np.sum(np.sqrt(np.asarray(xs))) + sum(np.sqrt(x) for x in xs)
            + np.sum(np.sqrt(np.asarray(ys))) + np.sum(np.sqrt(np.asarray(zs)))
            + np.sum(np.sqrt(np.asarray(ws))))


def lists_changed_after_reads(v):  # (an array read before the change keeps the list's mask
    u = np.where(v > 0.5, v, 0.0)  # of then; a list made in each run of a loop, one a while
    xs = [0.0, u[1]]  # loop with a break appends to: jvp NaN, stop 62)
    a = np.asarray(xs)
    xs.pop()
    xs.append(0.0)
    xs[0] = v[1]
    total = np.sum(np.sqrt(np.asarray(xs))) + np.sum(np.sqrt(a))
    for i in range(3):
        zs = [0.0]
        zs.append(u[i])
        total = total + np.sum(np.sqrt(np.asarray(zs)))
    ws, i = [], 0
    while i < 4:
        if i == 3:
            break
        ws.append(u[i])
        i += 1
    ws.append(v[3])
    return total + np.sum(np.sqrt(np.asarray(ws)))


def gathered_items(v):  # (sorted gathers its items' masks as it gathers their tangents, a
    u = np.where(v > 0.5, v, 0.0)  # constant's False: jvp NaN, stop 62)
    xs = list(u)
    return (np.sum(np.sqrt(np.asarray(sorted([u[0], 0.0, u[1]])))) + np.sum(np.sqrt(np.asarray(sorted(xs))))
            + np.sum(np.sqrt(np.asarray(list(reversed([u[0], 0.0, u[3]]))))))


def banded_solves(v):  # (a banded solve's tangent is 0 at a row that reaches no row where the
    u = np.where(v > 0.5, v, 0.0)  # right-hand side's may be non-zero: _rt.banded_reach; jvp NaN, stop 62)
    bands = np.array([[0.0, 0.0, -0.5, -0.2], [2.0, 2.0, 3.0, 2.0], [0.0, 0.0, 0.0, 0.0]])
    return (np.sum(np.sqrt(sla.solve_banded((1, 1), bands, u))) + np.sum(np.sqrt(sla.solve_banded(
        (0, 0), np.ones((1, 4)), u))) + np.sum(np.cbrt(sla.solve_banded((1, 0), bands[1:], u))))


def empty_selection_sums(v):  # (a sum of a boolean selection is 0 by structure where the selection
    picked = v[v > 5.0]  # is empty, as grad's scatter into nothing: np.size(u) > 0; jvp NaN, stop 63)
    return (math.pow(np.sum(picked), 0.5) + np.sqrt(np.sum(v[1.0 < 0.5]))
            + np.sqrt(np.sum(v[v > 0.5])))


ROWS = [(qr_reduced, TALL), (qr_stack_var, STACK),
        (cholesky, SPD), (scipy_qr, TALL), (scipy_lu, SQUARE), (scipy_cholesky, SPD),
        (ediff_ends, X), (ediff_scalar, X), (moved_selections, X),
        (written_over_tangents, np.array([0.0, 1.1, 0.2, 0.9])),
        (listed_pieces, np.array([0.0, 1.1, -0.3, 0.9])),
        (zeros_joined, np.array([-0.22845, -1.1374, 0.6242, 0.18447])),
        (written_in_a_loop, X), (items_with_constants, np.array([0.0, 1.1, -0.3, 0.9])),
        (rewritten_with_a_zero, X), (lists_changed_in_place, np.array([0.0, 1.1, -0.3, 0.9])),
        (lists_changed_after_reads, np.array([0.0, 1.1, -0.3, 0.9])),
        (gathered_items, np.array([0.0, 1.1, -0.3, 0.9])), (banded_solves, np.array([0.0, 1.1, 0.2, 0.9])),
        (empty_selection_sums, np.array([0.0, 1.1, 0.2, 0.9]))]


@pytest.mark.parametrize("fn, point", ROWS, ids=[fn.__name__ for fn, _ in ROWS])
def test_forward_tangent_is_finite_at_structural_zeros(fn, point):
    direction = RNG.standard_normal(point.shape)
    if point is SPD:
        direction = direction + direction.T
    step = 1e-6
    reference = (fn(point + step * direction) - fn(point - step * direction)) / (2 * step)
    name = fn.__code__.co_varnames[0]
    _, tangent = tangentish.jvp(fn)(point, **{f"{name}_dot": direction})
    assert abs(tangent - reference) < 1e-6 * max(1.0, abs(reference))


def test_a_banded_solves_gradient_is_finite_at_its_structural_zeros():
    """Reverse mode through the same solves (stop 63 item 2): the adjoint of ``b`` is ``A^-T g``
    with ``g`` inf where ``np.sqrt``/``np.cbrt`` meet the solution's zeros by structure, and the
    dense solve mixed it into NaN at every row (``0 * inf`` in LAPACK's substitution);
    ``_rt.reached_solve`` adds each non-finite entry only to the rows that walk to it (its
    second order: the rule table's ``rt2_reached_solve``).  ``grad`` against central
    differences."""
    point, step = np.array([0.0, 1.1, 0.2, 0.9]), 1e-6
    reference = [(banded_solves(point + step * e) - banded_solves(point - step * e)) / (2 * step)
                 for e in np.eye(4)]
    np.testing.assert_allclose(tangentish.grad(banded_solves)(point), reference, rtol=1e-6,
                               atol=1e-6)


BANDS = np.array([[0.0, 0.3, -0.2, 0.4], [3.0, 2.5, 2.0, 3.5], [0.1, -0.3, 0.2, 0.0]])
RHS = np.array([1.0, -2.0, 0.5, 0.7])


def _triangular_b(b):
    return np.sum(sla.solve_triangular(SPD, b[:3], lower=True, trans=1) ** 2)


def _triangular_a(a):
    return np.sum(sla.solve_triangular(a, RHS[:3]) ** 2)


def _banded_b(b):
    return np.sum(sla.solve_banded((1, 1), BANDS, b) ** 2)


def _banded_ab(ab):
    return np.sum(sla.solve_banded((1, 1), ab, RHS) ** 2)


def _solve_a(a):
    return np.sum(np.linalg.solve(a, RHS[:3]) ** 2)


def _sla_solve_b(b):
    return np.sum(sla.solve(SPD, b[:3]) ** 2)


def _lu_solve_b(b):
    return np.sum(sla.lu_solve(sla.lu_factor(SPD), b[:3]) ** 2)


def _cho_solve_b(b):
    return np.sum(sla.cho_solve(sla.cho_factor(SPD), b[:3]) ** 2)


def _sylvester_a(a):
    return np.sum(sla.solve_sylvester(a, SPD, SQUARE) ** 2)


def _lyapunov_q(q):
    return np.sum(sla.solve_continuous_lyapunov(SPD, q) ** 2)


def _cov_weighted_m(m):
    return np.sum(np.cov(m, aweights=np.abs(RHS) + 0.5) ** 2)


def _normal_logpdf_cov(cov):
    return np.sum(sst.multivariate_normal.logpdf(TALL, np.zeros(3), cov))


SOLVES = [(_triangular_b, RHS), (_triangular_a, SPD), (_banded_b, RHS), (_banded_ab, BANDS),
          (_solve_a, SPD), (_sla_solve_b, RHS), (_lu_solve_b, RHS), (_cho_solve_b, RHS),
          (_sylvester_a, SQUARE), (_lyapunov_q, SQUARE), (_cov_weighted_m, TALL.T),
          (_normal_logpdf_cov, SPD)]


@pytest.mark.parametrize("fn, point", SOLVES, ids=[fn.__name__ for fn, _ in SOLVES])
def test_a_solve_along_one_operand_keeps_the_other_tangent_symbolic(fn, point):
    """A solve's tangent along one operand has no ``np.zeros_like`` of the other's tangent in it
    (``d[b] - 0 @ x`` inside the solve, stop 62 item 3): each term is a solve of its own that
    goes whole where its tangent is 0 by symbol, or the right-hand side is a template's
    temporary, whose zero terms go, and a temporary that is 0 goes with its readers' terms
    (``passes/zeros.py`` ``simplify_temporaries``: ``np.linalg.solve``, ``scipy.linalg.solve``,
    ``lu_solve``, ``cho_solve``, ``solve_sylvester``, ``solve_continuous_lyapunov``, and the
    weighted ``np.cov`` and ``multivariate_normal.logpdf``, stop 63); the value is the central
    difference's."""
    derivative = tangentish.jvp(fn)
    assert "zeros_like" not in derivative.source
    direction = RNG.standard_normal(point.shape)
    step = 1e-6
    reference = (fn(point + step * direction) - fn(point - step * direction)) / (2 * step)
    tangent = derivative(point, **{f"{fn.__code__.co_varnames[0]}_dot": direction})[1]
    assert abs(tangent - reference) < 1e-6 * max(1.0, abs(reference))
