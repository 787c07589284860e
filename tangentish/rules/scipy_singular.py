"""``scipy.special`` functions whose partials are inf or NaN where the value is finite or unused
(``tangentish.extend.singular``; see :mod:`tangentish.passes.supports`): poles (``gamma``,
``gammaln``, ``digamma``... at 0, -1, ...), logarithmic edges (``entr``, ``xlogy``, ``kl_div``,
``exp1``, ``y0``, ``k0`` at 0), inverse functions at their range's ends (``erfinv`` at +-1,
``ndtri`` and ``logit`` at 0 and 1), and ``ellipk`` at 1.  An adjoint or tangent that is 0 by
structure there (``np.where(x > 0.5, sps.gammaln(x), 0.0)`` at ``x = 0``) stays 0 instead of
``0 * inf``: NaN in ``grad`` before (found by the lead's NumPy program generator, through
``sps.entr`` of elements a masked write zeroed).  Functions that are smooth wherever they are
finite (``expit``, ``log_ndtr``, ``erfcx``...) are not listed: a declaration costs a guard.  Nor
are the functions of several outputs (``sici``, ``shichi``): the supports keep elementwise
statements only (declared singular, ``sps.sici(x)[1]``'s gradient was 0 but at one element).
"""

import scipy.special as sps

from ..extend import singular

_NAMES = (
    "gamma gammaln loggamma digamma psi polygamma beta betaln binom poch gammainc gammaincc "
    "gammaincinv gammainccinv betainc betaincc betaincinv entr rel_entr kl_div xlogy xlog1py logit "
    "erfinv erfcinv ndtri ndtri_exp boxcox boxcox1p inv_boxcox inv_boxcox1p ellipk ellipe "
    "ellipkinc ellipeinc exp1 expi expn spence zeta y0 y1 yn yv yve k0 k1 kn kv kve k0e k1e iv ive "
    "jv jve chdtr chdtrc gdtr gdtrc stdtrit chdtri struve modstruve cbrt"
)

singular(*(getattr(sps, name) for name in _NAMES.split() if hasattr(sps, name)))
