"""Rule-table rows of ``tangentish/rules/scipy_special_bessel.py`` and of the polynomials added to
``tangentish/rules/scipy_orders.py``."""

from __future__ import annotations

import numpy as np
import scipy.special as sps

from .common import UNIT, W4, Row


def sb_bessel(z):  # spherical Bessel functions, Airy's, and integrals of Bessel and Struve functions
    ai, aip, bi, bip = sps.airy(z)
    j, y = sps.itj0y0(z)
    i, k = sps.iti0k0(z)
    return (np.sum(sps.spherical_jn(0, z) * W4) + np.sum(sps.spherical_yn(1, z) ** 2)
            + np.sum(sps.spherical_in(3, z) * W4) + np.sum(sps.spherical_kn(1, z))
            + np.sum(sps.spherical_jn(2, z, derivative=True) * W4)
            + np.sum(ai * W4) + np.sum(aip ** 2) + np.sum(bi * W4) + np.sum(bip)
            + np.sum(sps.itstruve0(z) * W4) + np.sum(sps.itmodstruve0(z) ** 2)
            + np.sum(j * W4) + np.sum(y ** 2) + np.sum(i) + np.sum(k * W4))


def sb_distributions(p):  # (SciPy's bdtr warns of a float32 p: the row is float64 throughout)
    q = p.astype(np.float64)
    return (np.sum(sps.bdtr(2, 5, q) * W4) + np.sum(sps.bdtrc(1.0, 4, q) ** 2)
            + np.sum(sps.bdtri(2, 5, q) * W4) + np.sum(sps.nbdtr(2, 3, p))
            + np.sum(sps.nbdtrc(1, 2, p) * W4) + np.sum(sps.nbdtri(2, 3, p) ** 2)
            + np.sum(sps.fdtr(3.0, 4.0, 2.0 * p) * W4) + np.sum(sps.fdtrc(2.0, 5.0, p) ** 2)
            + np.sum(sps.fdtri(3.0, 4.0, p) * W4) + np.sum(sps.ellipkm1(p) ** 2))


def sb_polynomials(x):
    return (np.sum(sps.eval_jacobi(3, 0.5, 1.5, x) * W4) + np.sum(sps.eval_sh_jacobi(2, 3.0, 2.0, x))
            + np.sum(sps.eval_sh_legendre(3, x) * W4) + np.sum(sps.eval_sh_chebyt(3, x) ** 2)
            + np.sum(sps.eval_sh_chebyu(2, x) * W4) + np.sum(sps.eval_chebyc(3, x))
            + np.sum(sps.eval_chebys(2, x) * W4) + np.sum(sps.assoc_laguerre(x, 3, 0.5) ** 2))


ROWS: list[Row] = [
    Row(sb_bessel, ((4,),), domain=(0.3, 2.0)),
    Row(sb_distributions, ((4,),), domain=(0.1, 0.9)),
    Row(sb_polynomials, ((4,),), domain=UNIT),
]
