"""User functions whose derivatives raise while they run, one per raise site of tangentish/runtime
(see tests/test_runtime_locations.py).  In each, the statement the error must point at is marked
``# <- here``."""

from __future__ import annotations

import numpy as np

from tangentish.extend import d, linear

try:
    import scipy.linalg as sla
    import scipy.stats as sst
except ImportError:  # (scipy is optional: its rows are then left out, saying so)
    sla = sst = None


def linspace_retstep(x):
    y, step = np.linspace(x, 2 * x, 5, retstep=True)  # <- here
    return np.sum(y)


def pad_mode(x, mode):
    return np.sum(np.pad(x, 1, mode=mode))  # <- here


def pad_values(x):
    c = x[:2] * 1.0
    return np.sum(np.pad(x, 1, constant_values=c))  # <- here


def einsum_interleaved(x, spec):
    return np.sum(np.einsum(x, spec))  # <- here


SUBLIST = [0]


def einsum_constant_interleaved(x, c):
    return np.sum(np.einsum(c, SUBLIST, x, SUBLIST))  # <- here


def slogdet_singular(x):
    a = np.outer(x, x)
    sign, logdet = np.linalg.slogdet(a)  # <- here
    return logdet


def unique_tie(x):
    u = np.unique(np.concatenate([x, x]))  # <- here
    return np.sum(u * u)


def divide_at_float32(x):
    a = x.astype(np.float32)
    np.divide.at(a, [0, 0], x[:2])  # <- here
    return np.sum(a)


def list_slice_of_step_one(x, step):
    ys = [x[0], x[1], x[2]]
    ys[0:2:step] = [x[2]]  # <- here
    return ys[0]


def norm_axes(x, axes):
    return np.linalg.vector_norm(x, axis=axes)  # <- here


def nuclear_third(x):
    return np.linalg.norm(x * np.array([[1.0, 2.0], [3.0, 4.0]]), "nuc")  # <- here


def nanquantile_q(x, q):
    return np.sum(np.nanquantile(x, q))  # <- here


def quantile_method(x, method):
    return np.quantile(x, 0.3, method=method)  # <- here


def svd_full(a):
    u, s, vh = np.linalg.svd(a)  # <- here
    return np.sum(u) + np.sum(s)


def qr_wide(a):
    q, r = np.linalg.qr(a)  # <- here
    return np.sum(q) + np.sum(r)


def missing_in_branch(x, legacy):
    if legacy:
        return np.sum(np.no_such_function(x))  # <- here
    return np.sum(x * x)


def svd_singular(a):
    u, s, vh = np.linalg.svd(a, full_matrices=False)  # <- here
    return np.sum(u * 2.0)


def eigh_basis(a):
    w, v = np.linalg.eigh(a)  # <- here
    return np.sum(v[:, 0] * np.arange(2.0))


def eigh_spectral(a):  # (values and vectors read together, not as one function of the matrix)
    w, v = np.linalg.eigh(a)  # <- here
    return np.sum(v @ (np.sqrt(w)[:, None] * v.T))


def pinv_deficient(a):
    return np.sum(np.linalg.pinv(a))  # <- here


def polyfit_full(y):
    return np.sum(np.polyfit(np.arange(3.0), y, 1, full=True)[0])  # <- here


def poly_of_matrix(a):  # (a square matrix's characteristic polynomial)
    return np.sum(np.poly(a) ** 2)  # <- here


def nuclear_norm(a):
    return np.linalg.norm(a, "nuc")  # <- here


def spectral_norm(a):
    return np.linalg.norm(a, 2)  # <- here


def lstsq_wide(a):
    x, res, rank, sv = np.linalg.lstsq(a, np.ones(2), rcond=None)  # <- here
    return np.sum(x)


def real_of_complex(x, c):  # (c complex and not differentiated: unseen while transforming)
    z = x * c
    return np.real(z)  # <- here


def abs_of_unseen_complex(x, c):  # (c as above: a complex adjoint reaches np.abs's real result)
    r = np.abs(np.fft.fft(x))  # <- here
    return np.sum(np.abs(r * c))


def eigvals_complex(x):  # (forward mode: reverse meets the complex value at `.real` first)
    w = np.linalg.eigvals(np.array([[0.0, 1.0], [-1.0, 0.0]]) + 0.1 * x)  # <- here
    return np.sum(w.real)


def svd_values(a, uv):
    s = np.linalg.svd(a, compute_uv=uv)  # <- here
    return np.sum(s[1])


def int_write(x, buf):
    buf[0] = x * 2.0  # <- here
    return np.sum(buf * 1.0)


def list_spliced(x, xs):
    xs[0:1] = [x, x]  # <- here
    return np.sum(np.stack(xs))


def list_added(x, pos):
    return np.sum((pos + [x, 2.0 * x]) ** 2)  # <- here


def dict_write(x, d, key):
    d[key] = d[key] * x  # <- here
    return d[key]


class Uncopyable:
    def __init__(self, w):
        import threading

        self.w, self.lock = w, threading.Lock()


def uncopyable_argument(x, m):  # <- here
    w = m.w
    w[0] = x
    return np.sum(w)


def complex_by_value(x, c):
    return x * c  # <- here


def text_output(x):
    return f"{x:.3f}"  # <- here


def two_outputs(x):
    return x, x  # <- here


def array_output(x):
    return x * 2.0  # <- here


def _shifted(v):
    v += 4.0  # (an array given: the caller's array changed)
    return 1.0


def helper_bumps(x):
    ones = np.ones(3)  # (a slice handed: the helper keeps a derivative of its own)
    return np.sum(x * ones) * _shifted(ones[:2])  # <- here


WEIGHTS = np.ones(3)


def module_array_augmented(x):
    w = WEIGHTS
    w += x  # <- here
    return np.sum(w * x)


def module_view_augmented(x):
    v = np.asarray(WEIGHTS)
    v *= x  # <- here
    return np.sum(v)


def list_items_overlap(x):
    y = x * 1.0
    rows = [y[0:2], y[1:3]]
    rows[0] *= 3.0  # <- here
    return np.sum(rows[1] ** 2)


def list_item_changed(xs, x):
    both = xs + [x]
    first = both[0]
    first[1] = first[1] * x[2]  # <- here
    return np.sum(xs[0] * xs[0]) + np.sum(x)


def view_changed_while_taped(x):  # (the tape holds the loop's last `a`, which np.divide.at
    for _ in range(2):  # changes; names the analysis cannot tell apart from `a` are read
        for _ in range(2):  # after it: checked at run time, hessian refused)
            a = (x[:3] * 2.0 + 1.0, 0.0)[0]
    np.divide.at(a, np.array([0, 0, 2]), x[1:4] ** 2 + 0.5)  # <- here
    return np.sum(a ** 2)


def _wide(a):
    return 2.0 * a


# A deliberately wrong rule (the adjoint of a linear map must keep its operand's shape): what
# checked mode is for.
linear(_wide, lambda r, a: np.sum(d[r]) * np.ones(3))


def wrong_rule(x):
    y = np.sin(x)
    z = _wide(y)  # <- here
    return np.sum(z * z)


# -- scipy ------------------------------------------------------------------------------------


def triangular_trans(a, trans):
    return np.sum(sla.solve_triangular(a, np.ones(2), trans=trans))  # <- here


def solve_assume(a, kind):
    return np.sum(sla.solve(a, np.ones(2), assume_a=kind))  # <- here


def lu_stack(a):
    lu, piv = sla.lu_factor(a)  # <- here
    return np.sum(lu)


def qr_full_tall(a):  # (the extra columns of a full Q are not unique)
    q, r = sla.qr(a)  # <- here
    return np.sum(q) + np.sum(r)


def sqrtm_of_a_number(x):  # (SciPy 1.17 returns exp(2 x) as a 1x1 matrix; 1.15 raises)
    return np.sum(sla.sqrtm(x * 2.0))  # <- here


def mvn_cov(x, cov):  # (cov a scipy.stats.Covariance object)
    return sst.multivariate_normal.logpdf(x, np.zeros(2), cov)  # <- here


def matmul_in_place(x):
    m = np.eye(2) * x
    m @= np.ones((2, 2))  # <- here
    return np.sum(m)


def grown_in_place(x):
    m = np.ones(2) * x[0]
    m += x  # <- here
    return np.sum(m)


def cast_in_place(x):
    m = np.zeros(2, dtype=int)
    m += x  # <- here
    return np.sum(m)


def sum_into_float32(x):
    r = np.zeros(2, dtype=np.float32)
    np.sum(np.outer(x, x), axis=0, out=r)  # <- here
    return np.sum(r)


def list_times_zero_d_integer(x):
    return np.sum(np.array(2) * [x[1], x[0]])  # <- here


def gradient_coordinates(x, c):  # (forward mode in c: the coordinates vary)
    return np.sum(np.gradient(x, c) ** 2)  # <- here
