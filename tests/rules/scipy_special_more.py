"""Rule-table rows of ``tangentish/rules/scipy_special_more.py`` (collected only when SciPy is
installed)."""

from __future__ import annotations

import numpy as np
import scipy.special as sps

from .common import W3, W4, W34, Row


def sm_elementary(x):
    return (np.sum(sps.wrightomega(x) * W4) + np.sum(sps.tandg(x * 40.0) ** 2)
            + np.sum(sps.cotdg(x * 40.0) * W4) + np.sum(sps.exprel(x - 1.0) ** 2)
            + np.sum(sps.exprel(3.0 * x) * W4) + np.sum(sps.radian(x, 2.0 * x, 30.0 * x) ** 2))


def _exprel_series(args):  # exprel(x - 1) at x - 1 = 0 and 0.005 (its slope's series), and beyond
    args[0][:2] = (1.0, 1.005)
    return args


def sm_two_arguments(h, a):
    return (np.sum(sps.owens_t(h, a) * W34) + np.sum(sps.poch(a + 0.5, h) ** 2)
            + np.sum(sps.gdtr(a, 2.0, h) * W34) + np.sum(sps.gdtrc(h, 1.5, a) ** 2))


def sm_bessel_orders(x):
    return (np.sum(sps.expn(0, x) * W4) + np.sum(sps.expn(2, x) ** 2) + np.sum(sps.kn(2, x) * W4)
            + np.sum(sps.kn(0, x)) + np.sum(sps.jve(1.5, x) * W4) + np.sum(sps.yve(0.5, x) ** 2)
            + np.sum(sps.jvp(1.0, x) * W4) + np.sum(sps.yvp(2, x, 2)) + np.sum(sps.ivp(0.5, x) * W4)
            + np.sum(sps.kvp(1, x) ** 2))


def sm_struve_hypergeometric(x):
    return (np.sum(sps.struve(0.5, x) * W4) + np.sum(sps.struve(1, x) ** 2)
            + np.sum(sps.modstruve(1.5, x) * W4) + np.sum(sps.hyp0f1(1.5, x) ** 2)
            + np.sum(sps.hyp1f1(0.5, 1.5, x) * W4) + np.sum(sps.hyperu(0.5, 1.5, x + 1.0) ** 2)
            + np.sum(sps.hyp2f1(0.5, 0.7, 1.5, x * 0.4) * W4))


def sm_distributions(x):
    return (np.sum(sps.stdtr(3.0, x - 1.0) * W4) + np.sum(sps.chdtr(3.0, x) ** 2)
            + np.sum(sps.chdtrc(2.0, x) * W4) + np.sum(sps.pdtr(2.0, x) ** 2)
            + np.sum(sps.pdtrc(3.0, x) * W4))


def sm_inverses(p):
    return (np.sum(sps.gammaincinv(2.0, p) * W4) + np.sum(sps.gammainccinv(1.5, p) ** 2)
            + np.sum(sps.betaincinv(2.0, 3.0, p) * W4) + np.sum(sps.stdtrit(4.0, p) ** 2)
            + np.sum(sps.chdtri(3.0, p) * W4))


def sm_elliptic_sine_integrals(x):
    si, ci = sps.sici(x)
    shi, chi = sps.shichi(x)
    return (np.sum(sps.ellipkinc(x, 0.6) * W4) + np.sum(sps.ellipeinc(x, 0.3) ** 2)
            + np.sum(si * W4) + np.sum(ci ** 2) + np.sum(shi * W4) + np.sum(chi ** 2)
            + np.sum(sps.sici(x * 2.0)[0]) + np.sum(sps.shichi(x - 1.0)[0] ** 2))


def sm_elliptic_parameters(x, m):  # in the parameter m too: incomplete integrals, Jacobi's
    sn, cn, dn, ph = sps.ellipj(x, m)  # functions, the arithmetic-geometric mean, Lambert's W
    return (np.sum(sps.ellipkinc(x, m) * W4) + np.sum(sps.ellipeinc(x, m) ** 2)
            + np.sum(sn * W4) + np.sum(cn ** 2) + np.sum(dn * x) + np.sum(ph * m)
            + np.sum(sps.agm(x, m) * W4) + np.sum(sps.lambertw(x - m, -1).real * W4))


def _sine_integrals_at_zero(args):  # shichi(x - 1)'s Shi at 0 (its slope's series), and x < 0
    args[0][:2] = (1.0, -0.4)
    return args


def sm_beta_complements(p):
    return (np.sum(sps.betaincc(2.0, 1.5, p) * W3) + np.sum(sps.betainccinv(1.5, 2.5, p) ** 2))


ROWS: list[Row] = [
    Row(sm_elementary, ((4,),), domain=(0.3, 0.9), setup=_exprel_series),
    Row(sm_two_arguments, ((3, 4), (4,)), wrt=(0, 1), domain=((0.3, 1.5), (0.4, 1.2))),
    Row(sm_bessel_orders, ((4,),), domain=(0.5, 2.0)),
    Row(sm_struve_hypergeometric, ((4,),), domain=(0.3, 1.5)),
    Row(sm_distributions, ((4,),), domain=(0.3, 2.5)),
    Row(sm_inverses, ((4,),), domain=(0.2, 0.8)),
    Row(sm_elliptic_sine_integrals, ((4,),), domain=(0.3, 1.5), setup=_sine_integrals_at_zero),
    Row(sm_elliptic_parameters, ((4,), (4,)), wrt=(0, 1), domain=((0.3, 1.5), (0.1, 0.9))),
]
if hasattr(sps, "betaincc"):  # SciPy >= 1.11
    ROWS.append(Row(sm_beta_complements, ((3,),), domain=(0.2, 0.8)))
