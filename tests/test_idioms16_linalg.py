"""``idioms16_linalg_zoo`` (slogdet, Cholesky solves, qr, SVD norms, lstsq, pinv, eigh matrix
functions, Gram-Schmidt, power iteration, Procrustes) in every first-order mode against central
differences within their error estimate (``idioms15_check``), and hvp for the scalar ones
differentiated in one argument."""

from __future__ import annotations

import idioms16_linalg_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check

R = np.random.default_rng(1604)
_n = lambda *shape, scale=1.0: R.normal(0.0, scale, shape)  # noqa: E731  (seeded points)

A3, B3 = _n(3, 3), _n(3, 3)
X52 = _n(5, 2)
# distinct, well separated singular values and eigenvalues
WELL = np.diag([3.0, 1.5, 0.5]) + _n(3, 3, scale=0.1)

CASES = [
    Case("slogdet_spd", z.slogdet_spd, (A3,)),
    Case("slogdet_tuple_index", z.slogdet_tuple_index, (A3,)),
    Case("cholesky_solve_manual", z.cholesky_solve_manual, (A3, _n(3)), (0, 1)),
    Case("scipy_cho_solve", z.scipy_cho_solve, (A3, _n(3)), (0, 1)),
    Case("scipy_solve_triangular", z.scipy_solve_triangular, (A3, _n(3)), (0, 1)),
    Case("gaussian_logpdf_chol", z.gaussian_logpdf_chol, (_n(3), _n(3), A3), (0, 1, 2)),
    Case("gaussian_logpdf_chol_A", z.gaussian_logpdf_chol, (_n(3), _n(3), A3), 2),
    Case("mahalanobis", z.mahalanobis, (_n(3), _n(3), A3), (0, 1, 2)),
    Case("qr_r_diag", z.qr_r_diag, (WELL,)),
    Case("qr_least_squares", z.qr_least_squares, (X52, _n(5)), (0, 1)),
    Case("nuclear_norm", z.nuclear_norm, (WELL,)),
    Case("spectral_norm_svd", z.spectral_norm_svd, (WELL,)),
    Case("norm_ord_nuc", z.norm_ord_nuc, (WELL,)),
    Case("frobenius_variants", z.frobenius_variants, (A3,)),
    Case("condition_number", z.condition_number, (WELL,)),
    Case("svd_low_rank", z.svd_low_rank, (WELL,)),
    Case("lstsq_fit", z.lstsq_fit, (X52, _n(5)), (0, 1)),
    Case("lstsq_index", z.lstsq_index, (X52, _n(5)), (0, 1)),
    Case("pinv_projection", z.pinv_projection, (X52, _n(5)), (0, 1)),
    Case("ridge_closed_form", z.ridge_closed_form, (X52, _n(5), 0.3), (0, 1, 2)),
    Case("ridge_closed_form_lam", z.ridge_closed_form, (X52, _n(5), 0.3), 2),
    Case("eigh_matrix_exp", z.eigh_matrix_exp, (A3,)),
    Case("eigh_top", z.eigh_top, (WELL,)),
    Case("gram_schmidt", z.gram_schmidt, (WELL,)),
    Case("power_iteration", z.power_iteration, (WELL,)),
    Case("procrustes", z.procrustes, (WELL, _n(3, 3)), (0, 1)),
    Case("det_inverse_identity", z.det_inverse_identity, (A3,)),
    Case("matrix_power_trace", z.matrix_power_trace, (A3,)),
    Case("kron_trace", z.kron_trace, (_n(2, 2), _n(2, 2)), (0, 1)),
    Case("multi_dot_chain", z.multi_dot_chain, (_n(2, 3), _n(3, 4), _n(4, 2)), (0, 1, 2)),
    Case("whitening", z.whitening, (_n(6, 2),)),
    Case("cholesky_update_loop", z.cholesky_update_loop, (A3,)),
    Case("scipy_expm", z.scipy_expm, (A3,)),
    Case("scipy_lu_solve", z.scipy_lu_solve, (A3, _n(3)), (0, 1)),
    Case("trace_inverse_quadratic", z.trace_inverse_quadratic, (A3, B3), (0, 1)),
    Case("vector_norms", z.vector_norms, (np.array([0.3, -1.2, 0.7, 2.1]),)),
    Case("row_normalised_gram", z.row_normalised_gram, (_n(3, 4),)),
]
NAMED_FIELDS = hasattr(np.linalg.svd(np.eye(2)), "S")  # (NumPy >= 2.0 names the results' fields)
if NAMED_FIELDS:
    CASES += [
        Case("slogdet_attribute", z.slogdet_attribute, (A3,)),
        Case("svd_named_fields", z.svd_named_fields, (WELL,)),
        Case("eigh_named_fields", z.eigh_named_fields, (WELL,)),
        Case("qr_named_fields", z.qr_named_fields, (WELL,)),
        Case("slogdet_sign_times", z.slogdet_sign_times, (A3,)),
    ]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])


@pytest.mark.skipif(not NAMED_FIELDS, reason="NumPy < 2.0 returns plain tuples")
def test_a_field_of_an_object_that_is_not_a_named_tuple_is_refused_when_differentiated():
    import tangentish.runtime as rt
    from tangentish.errors import UnsupportedConstructError

    class Holder:
        S = 1.0

    assert rt.field_index(np.linalg.svd(np.eye(2)), "S") == 1
    with pytest.raises(UnsupportedConstructError, match=r"attribute `\.S` of a .*Holder"):
        rt.field_index(Holder(), "S")
