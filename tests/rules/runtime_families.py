"""Rule-table rows of the runtime helpers' rules (``tangentish/rules/runtime_families.py`` and the
newer rows of ``runtime_helpers.py``): each helper called on an active argument the way derivative
code calls it, so that derivative code can be differentiated again.
"""

from __future__ import annotations

import importlib.util

import numpy as np

import tangentish.runtime as rt

from .common import IDX_REPEATS, MASK3, MASK34, W3, W4, W23, W33, W34, Row

_rng = np.random.default_rng(919)
A34 = _rng.standard_normal((3, 4))
A33 = _rng.standard_normal((3, 3))
A35 = np.zeros((3, 5))
A4 = _rng.standard_normal(4)
P4 = _rng.standard_normal(4)
X5 = np.array([-1.0, -0.3, 0.2, 0.9, 1.7])
XP = np.array([-1.5, -0.2, 0.4, 1.0, 2.5])
W5 = _rng.standard_normal(5)
W7 = _rng.standard_normal(7)
W57 = _rng.standard_normal((5, 7))
W432 = _rng.standard_normal((4, 3, 2))
CHOICE = np.array([[0, 1, 2, 1], [2, 2, 0, 0], [1, 0, 1, 2]])
PARTS = [np.zeros((3, 1)), np.zeros((3, 3))]
TIED34 = np.array([[1.0, 2.0, 1.0, 2.0], [0.5, 0.5, 0.5, 3.0], [1.0, 2.0, 3.0, 4.0]])  # (ties in rows)
RUNNING34 = np.array([[1.0, 1.0, 0.5, 1.0], [0.0, 2.0, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0]])


def rt2_small(g):
    ragged = rt.spread(g, [W4, 2.0, W4 * 0.5])  # items of different shapes: one adjoint each
    return (np.sum(rt.fit(g, A34) * W34) + np.sum(rt.private(g) * W4)
            + np.sum(rt.aux_pair((g, 1), "f")[0] * W4) + np.sum(rt.spread(g, [W4] * 3) * W34)
            + np.sum(ragged[0] * W4) + ragged[1] * 0.7 + np.sum(ragged[2] * W4[::-1]))


def rt2_inner(g, b):
    return np.sum(rt.inner_left(g, A34, b) * W34) + np.sum(rt.inner_right(g, A34, b) * W4 * 0.5)


def rt2_safe_ratio_sinc(x, r):
    return (np.sum(rt.safe_reciprocal(x) * W4) + np.sum(rt.ratio(x, r) * W4)
            + np.sum(rt.sinc_slope(x, np.sinc(x)) * W4))


def rt2_sum_ties(t):  # the tangent of a max over axis 1, as generated code writes it
    return np.sum(np.sum(t * rt.ties(A34, A34.max(axis=1), axis=1), axis=1) * W3)


def rt2_prod_others(a):
    return np.sum(rt.prod_others(a, axis=1) * W34)


def rt2_prod_others_adjoint(g, a):  # its second order in a is np.prod's fourth derivative
    return np.sum(rt.prod_others_adjoint(g, a, axis=1) * W34)


def rt2_prod_others_curvature(g, s):
    return (np.sum(rt.prod_others_curvature(g, s, A34, axis=1) * W34)
            + np.sum(rt.prod_others_curvature(g, s, A34) ** 2))


def rt2_sinc_curvature(x):
    return np.sum(rt.sinc_curvature(x, np.sinc(x)) * W4)


def rt2_unnorm(g, x):
    r = np.linalg.norm(x, axis=1)
    return np.sum(rt.unnorm(g, x, r, axis=1) * W34)


def rt2_unnorm_curvature(w, g, x):  # r moves with x: the partials by x and by r together
    r3, r2 = np.linalg.norm(x, ord=3, axis=1), np.linalg.norm(x)
    return (np.sum(rt.unnorm_curvature(w, g, x, r3, ord=3, axis=1) * W34)
            + np.sum(rt.unnorm_curvature(w, np.sum(g), x, r2) * W34[::-1]))


def rt2_unnorm_scale(w, g, x, r):  # r apart from x: the partials by r alone
    return (np.sum(rt.unnorm_scale(w, g, x, r, ord=3, axis=1) * W3)
            + np.sum(rt.unnorm_scale(g * 0.5, g, x, r, ord=3, axis=1, transpose=False) * W34)
            + np.sum(rt.unnorm_scale(w, g, x, r, axis=1) ** 2))


def rt2_set_index(a, v):
    return np.sum(rt.set_index(a, 1, v) * W34)


def rt2_appended(x, y):
    return np.sum(np.array(rt.appended([x], y * 2.0)) * W4) + np.sum(
        np.array(rt.extended([x], [y, x * y])) ** 2)


def rt2_symmetric_reads(a):  # the triangle reads of symmetric solves, cholesky, eigh
    return (np.sum(rt.read_matrix(a, "sym") * W33) + np.sum(rt.read_matrix(a, "pos", True) ** 2)
            + np.sum(rt.fold_reads(a, "her", False) * W33) + np.sum(rt.fold_reads(a, "gen") ** 2)
            + np.sum(rt.fold_reads(a * a, "sym", True) * W33))


def rt2_joined(x, y):  # `a + b` of two lists / two tuples (passes/sequences.py)
    return np.sum(np.array(rt.joined([x, y * x], [np.sin(y)])) * W4) + np.sum(
        np.stack(rt.joined((x,), (y ** 2, x * 3.0))) ** 2)


def rt2_repeated(x, y):  # `xs * k` of a list or tuple by an int (passes/sequences.py), adjoint
    ragged = rt.repeated((x, y[:2] * x[1:3]), 2)  # (items of two shapes: the items form)
    return (np.sum(np.array(rt.repeated([x, y * x], 2)) * W4) + np.sum(ragged[1] * ragged[3])
            + np.sum(ragged[2] ** 3) + np.sum(rt.unrepeated(np.outer(y, x), [x, x], 2) ** 2 * W4))


def rt2_repeated_by_an_array(x, y):  # `[a, b] * w` of an array `w`: NumPy's elementwise product
    w = np.array([[1.5], [-0.5]])  # (a factor the repetition's rules meet only when they run)
    return (np.sum(rt.repeated([x, y * x], w) ** 2 * W4)
            + np.sum(np.stack(rt.unrepeated(np.outer(np.arange(1.0, 3.0), y * x), [x, x], w)) * W4))


def rt2_joins(g, pieces):
    return (np.sum(rt.unjoin(g, PARTS, "concatenate", 1)[1] * W33)
            + np.sum(rt.unjoin(g, PARTS, "hstack")[0] ** 2)
            + np.sum(rt.unjoin(g.T, [np.zeros(3), np.zeros((3, 3))], "vstack")[1] * W33)
            + np.sum(rt.unjoin(g, PARTS, "column_stack")[1] * W33)
            + np.sum(rt.rejoin([pieces, pieces * 2.0], PARTS[:1] * 2, "concatenate", 1) * W23.T)
            + np.sum(rt.unsplit([pieces, pieces], PARTS[:1] * 2, np.zeros((3, 2)), 1) ** 2))


def rt2_diagonals(g, s, m):
    return (np.sum(rt.undiagonal(g, A34, 0) * W34) + np.sum(rt.untrace(s, A34, 1) * W34)
            + np.sum(rt.undiag(m, A4) * W4))


def rt2_moves(g, h):
    return (np.sum(rt.unrollaxis(g, A34.reshape(2, 3, 2), 2) ** 2)
            + np.sum(rt.unrepeat(h, A34[:, :2], 2, axis=1) * W34[:, :2])
            + np.sum(rt.untile(h, A34[:, :2], (1, 2)) * W34[:, 2:])
            + np.sum(rt.undiff(h[:2], A34, 1, 0) * W34))


def rt2_diff_edge(e, v):
    return np.sum(rt.diff_edge(e[0], A34, 0) * W34[:1]) + np.sum(rt.diff_edge(v, A34, -1) ** 2)


def rt2_pad(g):
    return (np.sum(rt.unpad(g, A35, 1, "constant") * W57[:3, :5])
            + np.sum(rt.unpad(g, A35, 1, "reflect") ** 2) + rt.pad_border(g, A35, 1))


def rt2_pad_statistics(g, t, c):  # (np.pad's tangent, every kind of mode; its adjoint's)
    return (np.sum(rt.unpad(g, A34, 1, "maximum") * W57[:3, :4])
            + np.sum(rt.unpad(g[:4, :5], A34, ((0, 1), (1, 0)), "median", 2) ** 2)
            + np.sum(rt.pad_tangent(t, A34, 1, "constant", c) * W57[:5, :6])
            + np.sum(rt.pad_tangent(t, A34, ((1, 1), (0, 2)), "linear_ramp", 0.0, None, 3.0)
                     * W57[:5, :6])
            + np.sum(rt.pad_tangent(t, A34, 1, "mean", 0.0, 2) ** 2))


def rt2_convolutions(g, a, k):  # (scipy.signal.convolve's adjoints, and the convolution)
    return (np.sum(rt.unconvolve_first(g, A4, k, "same") * W4)
            + np.sum(rt.unconvolve_second(g, a[:3], P4[:2], "full") ** 2)
            + np.sum(rt.convolve_in(a, k, "valid") * W3[:2]))


def rt2_squareform(v, m):  # (scipy.spatial.distance.squareform's tangent and adjoint, both ways)
    return (np.sum(rt.resquareform(v, W3) * W33) + np.sum(rt.unsquareform(m, W3) ** 2)
            + np.sum(rt.resquareform(m, W33) * W3) + np.sum(rt.unsquareform(v, W33) * W33))


def rt2_gradient(g):
    return np.sum(rt.ungradient(g, A4) * W4) + np.sum(rt.moved(g, np.array([3, 0, 0])) * W3)


def rt2_regradient(g):  # one spacing per axis (a tuple), a number for every axis
    a, b = rt.regradient(g, (0.5, np.array([0.0, 1.0, 1.5, 3.0])), 2)
    return np.sum(a * W34) + np.sum(b ** 2) + np.sum(rt.ungradient((g, g * g), A34, (2.0, 0.5)) * W34) \
        + np.sum(rt.regradient(g, 2.0, axis=1) * W34)


def rt2_spacing_shift(df, dh, f, h):  # np.gradient's tangent in its spacing
    return np.sum(rt.spacing_shift(df, dh, f, h) * W34) + np.sum(rt.spacing_shift(df, 0.0, f, A4) ** 2)


def rt2_ungradient_spacing(g, h):  # np.gradient's adjoint in its spacing (its second order: the
    return np.sum(rt.ungradient(g, A34, h, 2, axis=1) * W34)  # third of np.gradient's, refused)


def rt2_unreduceat(g):
    return np.sum(rt.unreduceat(g, A34, np.array([0, 2, 2, 1]), 1) ** 2) + np.sum(
        rt.unreduceat(g[0, :2], A4, [3, 1]) * W4)


def rt2_period_of(p):
    return rt.period_of(p[0]) * 2.0 + np.sum(rt.period_of(p) ** 2)


def rt2_unmoved(g):
    return np.sum(rt.unmoved(g, A4, np.array([[3, 0], [0, 2]])) * W4) + np.sum(rt.recast(g, A4) * 1.0)


def rt2_checks(g, a):
    return (np.sum(rt.solve_columns(g, A33) * W3.reshape(3, 1)) + np.sum(rt.thin_only(a, A33) * W33)
            + np.sum(rt.thin_cotangent(a, A33) ** 2) + np.sum(rt.thin_cotangent(a, A33, True, -2) * W33)
            + np.sum(rt.tall_only(a, A33) ** 2) + np.sum(rt.real_only(g, "x", g) * W3)
            + np.sum(rt.nonzero_diagonal(a, "x") * W33) + np.sum(rt.full_rank_pinv(a, A33) * W33)
            + np.sum(rt.nonzero_diagonal(a * a + 1.0, "x", True) * W33)
            + np.sum(rt.real_eigenvalues(a * a, "x", g) * W33) + np.sum(rt.checked(g, True, "x", "y") * W3)
            + np.sum(rt.frechet_block(a, 2.0 * a.T) ** 2) + np.sum(rt.matrices_only(a, "x") * W33)
            + np.sum(rt.basis_free(a, g, "x", True, a.T) * W33))


def rt2_gathers(g, h):
    return (np.sum(rt.untake(g, A34, IDX_REPEATS[:4]) * W34) + np.sum(
        rt.untake_along_axis(g.reshape(1, 4), A34, np.array([[2, 0, 2, 1]]), 0) * W34)
        + np.sum(rt.uncompress(g[:2], MASK3, A4[:3]) * W3) + np.sum(rt.unextract(h, MASK34, A34) * W34)
        + np.sum(rt.unchoose(g, CHOICE[0], [A4, A4, A4])[2] * W4)
        + np.sum(rt.unselect(g, [CHOICE[0] == 1], [A4])[0] * W4)
        + np.sum(rt.unselect_default(g, [CHOICE[0] == 1]) * W4))


def rt2_interp(c, x, fp):
    return (np.sum(rt.uninterp_slope(c, X5, XP, P4[:1].repeat(5)) * W5)
            + np.sum(rt.interp_slope(X5, XP, fp) * W5) + np.sum(rt.uninterp(c, x, XP, fp) * W5))


def rt2_interp_knots(c, k):  # the knots vary: XP + 0.05 tanh(k) keeps X5's points in their segments
    xp = XP + 0.05 * np.tanh(k)
    return (np.sum(rt.uninterp_slope(c, X5, xp, P4[:1].repeat(5)) * W5)
            + np.sum(rt.interp_slope(X5, xp, W5 * 2.0) * W5) + np.sum(rt.uninterp(c, X5, xp, W5) * W5))


def rt2_contract(g, b):
    return (np.sum(rt.unkron_left(g, A33[:2, :2], b) * W4.reshape(2, 2))
            + np.sum(rt.unkron_right(g, b, A33[:2, :2]) * W4.reshape(2, 2))
            + np.sum(rt.unconvolve(g[0, :3], A4[:2], b[0], "full") * W3[:2]))


def rt2_correlate(g, b):  # a shorter first operand in 'same' mode (the later window), and not
    return (np.sum(rt.uncorrelate_first(g[:5], A4[:2], b, "same") * W4[:2])
            + np.sum(rt.uncorrelate_second(g[:5], A4[:2], b, "same") * W5)
            + np.sum(rt.uncorrelate_first(g[:4], A4, b[:3], "same") * W4)
            + np.sum(rt.uncorrelate_second(g[:2], A4, b[:3], "valid") ** 2))


def rt2_item(t, g):
    return rt.item_of(t, index=5) * rt.item_of(t, index=(2, 1)) + np.sum(
        rt.unitem(g, A34, index=(1, 3)) * W34) + np.sum(rt.unitem(g * g, A34, index=7) * W34)


def rt2_shared_ties(g):  # (sort's ties, a running maximum's: the tangents and adjoints shared)
    running = np.maximum.accumulate(RUNNING34, axis=1)
    return (np.sum(rt.tied_mean(g, TIED34, 1) * W34) + np.sum(rt.tied_mean(g[0], TIED34[0]) * W4)
            + np.sum(rt.running_share(g, RUNNING34, running, 1) ** 2 * W34)
            + np.sum(rt.unrunning_share(g * g, RUNNING34, running, 1) * W34))


def rt2_values_only(x):
    return np.sum(rt.values_only(x * x, False) * W4)


def rt2_eigenspaces(g, a):  # the identity where the values (g, X5) are distinct
    pair = rt.values_and_vectors((g, a), 0, "x")
    return (np.sum(pair[0] * W3) + np.sum(pair[1] * W33)
            + np.sum(rt.distinct_items((g, a), X5, "x")[1] ** 2)
            + np.sum(rt.distinct_only(a, X5, "x") * W33) + np.sum(rt.values_weight(g * g, X5, "x") * W3))


def rt2_divided_differences(w):  # (close and equal values: test_repeated_eigenvalues.py)
    return np.sum(rt.divided_differences(w, "sqrt") * W33) + np.sum(
        rt.divided_differences(w, "identity") * W33) + np.sum(rt.divided_differences(w, "square", True) * W33)


def rt2_matrix_functions(x):  # (as passes/spectral_functions.py writes them)
    return np.sum(rt.eigh_function(0.3 * (x @ x.T) + np.eye(3), "exp", "L", "scaled") * W33) + \
        np.sum(rt.svd_function(x + 3.0 * np.eye(3), "log", "diag") * W33)


def rt2_einsum(v, c):
    return (np.sum(rt.einsum_spread(v, "ii->i", 0, A33) * W33)
            + np.sum(rt.einsum_gather(c, "ij,jk->ik", 1, A33, A34) * W34))


def rt2_poly(g, x):
    return np.sum(rt.unpolyval(g, P4, x) * W4) + np.sum(rt.unpolyder(g[:3], P4) * W4)


def rt2_series(g, h):  # linear in g and h; the points and the coefficients' shape constant
    x = np.array([0.3, -0.6, 0.9])
    return (np.sum(rt.unseries(g, x, P4, np.polynomial.chebyshev.chebvander) * W4)
            + np.sum(rt.series_at(h, x, np.polynomial.legendre.legvander) * W3)
            + np.sum(rt.unseries_der(g[:3], P4, np.polynomial.hermite.hermder) * W4))


def rt2_series_points(g, x):  # in the points too: each basis function moves with its point
    chebyshev, legendre = np.polynomial.chebyshev, np.polynomial.legendre
    return (np.sum(rt.unseries(g, x, P4, chebyshev.chebvander) * W4)
            + np.sum(rt.series_at(g + P4[:3], x, legendre.legvander) ** 2))


def rt2_series_slopes(g, h):  # the slopes' series and its transpose: linear in g and h
    x = np.array([0.3, -0.6, 0.9])
    return (np.sum(rt.unseries_slope(g, x, P4, np.polynomial.chebyshev.chebvander) * W4)
            + np.sum(rt.series_slope(h, x, np.polynomial.hermite.hermvander) * W3))


def rt2_vander_slopes(x):  # each basis function's first and second derivatives at x
    legendre, laguerre = np.polynomial.legendre, np.polynomial.laguerre
    return (np.sum(rt.vander_slopes(x, 3, legendre.legvander, legendre.legder) * W4)
            + np.sum(rt.vander_slopes(x, 2, laguerre.lagvander, laguerre.lagder, 2) ** 2))


def rt2_bessel(x):  # each order's derivative is the mean of its neighbours'
    return np.sum(rt.bessel_i(0, x) * W4) + np.sum(rt.bessel_i(2, 4.0 * x) * W4)


def rt2_sine_moment(phi):  # the integrals of sin^(2 n) from 0 to phi (elliptic series' terms)
    return np.sum(rt.sine_moment(phi, 0) * W4) + np.sum(rt.sine_moment(phi * 2.0, 3) ** 2)


def rt2_log1p_excess(u):  # g(u) = (log1p(u) - u / (1 + u)) / u**2 and its slope, by their
    # series near 0 and closed forms away from it
    return np.sum(rt.log1p_excess(u * 0.6) * W4) + np.sum(rt.log1p_excess(u * 0.01, 1) ** 2)


def rt2_poly_drop(r):  # np.poly of the roots but one, and but two
    return np.sum(rt.poly_drop(r, 1) * W33) + np.sum(rt.poly_drop(r, 2) ** 2)


def rt2_series_coefficients(c):  # a series object's copy of its coefficients (a 0-d c: one)
    return np.sum(rt.series_coefficients(c) * W4) + np.sum(rt.series_coefficients(c[1]) ** 2)


def rt2_reached_solve(a, g):  # (the solve of scipy.linalg.solve_banded's adjoint; g finite here)
    return np.sum(rt.reached_solve(a + 3.0 * np.eye(3), np.outer(g, W3)) * W33)


def rt2_triangular_system(a):  # (the matrix a triangular solve sees: the adjoints' reach)
    return (np.sum(rt.triangular_system(a, 1, True, True) * W33)
            + np.sum(rt.triangular_system(a, lower=False) ** 2 * W33))


def rt2_special(w, x):
    return (np.sum(rt.gap_inverse(w) * W33) + np.sum(rt.polygamma(1, x) * W3)
            + np.sum(rt.average_weights(A34, W4 * 0.0 + 1.0, axis=1) * x[0]))


def rt2_part(g):
    return np.sum(rt.part((g, 0.0), (A4, A33), 0) * W4) + np.sum(rt.part((g, 0.0), (A4, A33), 1))


def rt2_powers(t, a):
    return (np.sum(rt.matrix_power_tangent(t, A33, 3) * W33)
            + np.sum(rt.cumprod_tangent(a, A4) * W4) + np.sum(rt.uncumprod(a, A4) * W4))


def rt2_power_curvatures(t, s):  # bilinear in the directions; the point is constant
    return (np.sum(rt.matrix_power_curvature(t, t.T * 0.5, A33, 3) * W33)
            + np.sum(rt.matrix_power_curvature(t, W33, A33 + 3.0 * np.eye(3), -2) * W33)
            + np.sum(rt.cumprod_curvature(s, s * s, A4) * W4)
            + np.sum(rt.uncumprod_curvature(s, W4 * s, A4) * W4))


def rt2_powers_in_the_point(a, b):  # their partials by the point are the curvatures
    return (np.sum(rt.matrix_power_tangent(W33, a, 3) * W33)
            + np.sum(rt.cumprod_tangent(W4, b) * W4) + np.sum(rt.uncumprod(W4, b) * W4))


def rt2_multi_dot_cross(t, s):  # bilinear in the directions; the arrays are constant
    arrays = [W3, A34, A4]
    return (rt.multi_dot_cross([W3, t, s], [0.0, W34, s * s], arrays)
            + np.sum(rt.multi_dot_adjoint_with(t[0, 0], [W3, t, s], arrays)[0] * W3)
            + np.sum(rt.multi_dot_adjoint_with(1.5, [0.0, t, s], arrays)[1] * t))


def rt2_multi_dot_in_the_arrays(a, b):  # their partials by the arrays are the cross terms
    return (rt.multi_dot_tangent([W3, W34, 0.0], [W3, a, b])
            + np.sum(rt.multi_dot_adjoint(0.7, [W3, a, b])[1] * W34))


def rt2_lstsq_checks(x):  # identities (the first refuses a rank-deficient lstsq); a fit to empty
    return (np.sum(rt.full_rank_only(x, 3, A34.T) ** 2 * W4) + np.sum(rt.residuals_fit(x, W4) * x)
            + np.sum(rt.residuals_fit(x, np.zeros(0))))


def rt2_weights_along(w, v):  # 1-D weights shaped along the axis; weights shaped as a, as given
    return (np.sum(rt.weights_along(w, A34, 1) * A34 * W34) + np.sum(rt.weights_along(v, A34, 0) ** 2)
            + np.sum(rt.weights_along(w, A4) * W4))


def rt2_average_parts(g, t):  # item 0 of a pair's cotangent; a tangent paired with a zero
    pair = (W3, 2.0)
    return (np.sum(rt.average_part((g, 0.5), pair, True) * W3)
            + np.sum(rt.average_part(g, W3, False) * W3[::-1])
            + np.sum(rt.average_result(t, pair, True)[0] * W3) + rt.average_result(t, W3, False)[1])


def rt2_solve_systems(m):  # (the matrices the Cholesky and LU solves' adjoints see, and the
    low = np.tril(m) + 2.0 * np.eye(3)  # solution they hand on: its solver's where g is finite)
    lu = (m + 3.0 * np.eye(3), np.array([2, 2, 2]))
    return (np.sum(rt.cho_system((low, True)) * W33) + np.sum(rt.cho_system((low.T, False)) ** 2)
            + np.sum(rt.lu_system(lu) * W33) + np.sum(rt.lu_system(lu, trans=1) ** 2)
            + np.sum(rt.cho_reached(m @ W3, (low, True), W3) ** 2)
            + np.sum(rt.lu_reached(m @ W3, lu, W3, trans=1) ** 2)
            + np.sum(rt.triangular_reached(m @ W3, m, W3, lower=True) ** 2)
            + np.sum(rt.reached_product(m, W3) ** 2) + np.sum(rt.reached_product(W33, m) * W33))


def rt2_triangular(m):  # scipy.linalg's triangular solve and Cholesky factor (rules/scipy_linalg.py)
    return (np.sum(rt.triangle(m, True) * W33) + np.sum(rt.triangle(m, False, True) ** 2)
            + np.sum(rt.transposed_if(m, "T") * W33) + np.sum(rt.transposed_if(m, 0) ** 2 * W33)
            + np.sum(rt.as_lower(m) * W33) + np.sum(rt.as_lower(m, True) ** 2))


ROWS: list[Row] = [
    Row(rt2_small, ((4,),)),
    Row(rt2_inner, ((3,), (4,)), wrt=(0, 1)),
    Row(rt2_safe_ratio_sinc, ((4,), (4,)), wrt=(0, 1), domain=(0.3, 2.0)),
    Row(rt2_sinc_curvature, ((4,),), domain=(0.3, 2.0)),
    Row(rt2_sum_ties, ((3, 4),)),
    Row(rt2_prod_others, ((3, 4),)),
    Row(rt2_prod_others_adjoint, ((3, 4), (3, 4)), wrt=(0, 1),
        refuses_second_order="np.prod four times"),
    Row(rt2_prod_others_curvature, ((3, 4), (3, 4)), wrt=(0, 1)),
    Row(rt2_unnorm, ((3,), (3, 4)), wrt=(0, 1)),
    Row(rt2_unnorm_curvature, ((3, 4), (3,), (3, 4)), wrt=(0, 1, 2),
        refuses_second_order="norm four times"),
    Row(rt2_unnorm_scale, ((3, 4), (3,), (3, 4), (3,)), wrt=(0, 1, 2, 3),
        domain=((-2.0, 2.0), (-2.0, 2.0), (-2.0, 2.0), (0.5, 2.0)),
        refuses_second_order="norm four times"),
    Row(rt2_set_index, ((3, 4), (4,)), wrt=(0, 1)),
    Row(rt2_appended, ((4,), (4,)), wrt=(0, 1)),
    Row(rt2_joined, ((4,), (4,)), wrt=(0, 1)),
    Row(rt2_repeated, ((4,), (4,)), wrt=(0, 1)),
    Row(rt2_repeated_by_an_array, ((4,), (4,)), wrt=(0, 1)),
    Row(rt2_symmetric_reads, ((3, 3),)),
    Row(rt2_joins, ((3, 4), (3, 1)), wrt=(0, 1)),
    Row(rt2_diagonals, ((3,), float, (4, 4)), wrt=(0, 1, 2)),
    Row(rt2_moves, ((2, 2, 3), (3, 4)), wrt=(0, 1)),
    Row(rt2_diff_edge, ((2,), (3, 1)), wrt=(0, 1)),
    Row(rt2_pad, ((5, 7),)),
    Row(rt2_squareform, ((3,), (3, 3)), wrt=(0, 1)),
    Row(rt2_pad_statistics, ((5, 6), (3, 4), float), wrt=(0, 1, 2)),
    Row(rt2_gathers, ((4,), (7,)), wrt=(0, 1)),
    Row(rt2_gradient, ((4,),)),
    Row(rt2_regradient, ((3, 4),)),
    Row(rt2_spacing_shift, ((3, 4), (), (3, 4), ()), wrt=(0, 1, 2, 3),
        domain=((-1.0, 1.0), (-1.0, 1.0), (-2.0, 2.0), (0.5, 1.5))),
    Row(rt2_ungradient_spacing, ((3, 4), ()), wrt=(0, 1), domain=((-2.0, 2.0), (0.5, 1.5)),
        refuses_second_order="np.gradient's spacing at third order"),
    Row(rt2_unreduceat, ((3, 4),)),
    Row(rt2_period_of, ((3,),), domain=(0.3, 2.0)),
    Row(rt2_unmoved, ((2, 2),)),
    Row(rt2_checks, ((3,), (3, 3)), wrt=(0, 1)),
    Row(rt2_interp, ((5,), (5,), (5,)), wrt=(0, 1, 2)),
    Row(rt2_interp_knots, ((5,), (5,)), wrt=(0, 1)),
    Row(rt2_contract, ((4, 4), (2, 2)), wrt=(0, 1)),
    Row(rt2_correlate, ((6,), (5,)), wrt=(0, 1)),
    Row(rt2_einsum, ((3,), (3, 4)), wrt=(0, 1)),
    Row(rt2_item, ((3, 4), float), wrt=(0, 1)),
    Row(rt2_values_only, ((4,),)),
    Row(rt2_shared_ties, ((3, 4),)),
    Row(rt2_eigenspaces, ((3,), (3, 3)), wrt=(0, 1)),
    Row(rt2_matrix_functions, ((3, 3),)),
    Row(rt2_divided_differences, ((3,),), domain=(0.5, 3.0),
        refuses_second_order="three times"),  # (divided_slopes: a third derivative of f(a))
    Row(rt2_poly, ((4,), (4,)), wrt=(0, 1)),
    Row(rt2_series, ((3,), (4,)), wrt=(0, 1)),
    Row(rt2_series_points, ((3,), (3,)), wrt=(0, 1), domain=(-1.0, 1.0),
        refuses_second_order="third derivative in the points"),
    Row(rt2_series_slopes, ((3,), (4,)), wrt=(0, 1)),
    Row(rt2_vander_slopes, ((3,),), domain=(-1.0, 1.0)),
    Row(rt2_series_coefficients, ((4,),)),
    Row(rt2_reached_solve, ((3, 3), (3,)), wrt=(0, 1), domain=(-1.0, 1.0)),
    Row(rt2_triangular_system, ((3, 3),)),
    Row(rt2_solve_systems, ((3, 3),)),
    Row(rt2_special, ((3,), (3,)), wrt=(0, 1), domain=((-2.0, 2.0), (0.5, 3.0))),
    Row(rt2_bessel, ((4,),)),
    Row(rt2_poly_drop, ((3,),)),
    Row(rt2_log1p_excess, ((4,),), domain=(-1.2, 2.0)),
    Row(rt2_sine_moment, ((4,),), domain=(-2.0, 2.0)),
    Row(rt2_part, ((4,),)),
    Row(rt2_powers, ((3, 3), (4,)), wrt=(0, 1)),
    Row(rt2_power_curvatures, ((3, 3), (4,)), wrt=(0, 1)),
    Row(rt2_powers_in_the_point, ((3, 3), (4,)), wrt=(0, 1),
        refuses_second_order="three times"),  # a third derivative
    Row(rt2_lstsq_checks, ((4,),)),
    Row(rt2_average_parts, ((3,), (3,)), wrt=(0, 1)),
    Row(rt2_weights_along, ((4,), (3, 4)), wrt=(0, 1)),
    Row(rt2_multi_dot_cross, ((3, 4), (4,)), wrt=(0, 1)),
    Row(rt2_multi_dot_in_the_arrays, ((3, 4), (4,)), wrt=(0, 1),
        refuses_second_order="multi_dot three times"),
    Row(rt2_triangular, ((3, 3),)),
]
if importlib.util.find_spec("scipy") is not None:  # (the convolutions call scipy.signal)
    ROWS.append(Row(rt2_convolutions, ((4,), (4,), (3,)), wrt=(0, 1, 2)))
