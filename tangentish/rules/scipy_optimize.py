"""``scipy.optimize``'s test function of Rosenbrock (registered only when SciPy is installed and
``scipy.optimize`` imported; never a dependency): ``rosen(x)``, summed along axis 0 (one value per
column of a 2-d ``x``), has the derivative ``rosen_der(x)``, and ``rosen_der(x)`` of a 1-d ``x``
has the (symmetric) Jacobian ``rosen_hess(x)``, so ``grad(scipy.optimize.rosen)``,
``hessian(scipy.optimize.rosen)`` and ``grad`` of a function calling them are SciPy's own
derivatives.  ``rosen_hess`` has no rule (a third derivative), and ``rosen_der`` of a 2-d
``x`` none either (``rosen_hess`` takes a 1-d array).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np
import scipy.optimize as so

from ..extend import d, rule


@rule(so.rosen)
class Rosen:
    def adjoint(r, x):
        d[x] = d[r] * so.rosen_der(x)

    def tangent(r, x):
        d[r] = np.sum(so.rosen_der(x) * d[x], axis=0)


@rule(so.rosen_der)
class RosenDer:  # (SciPy's rosen_hess takes a 1-d array: rosen_der of a matrix's columns raises)
    def adjoint(r, x):
        d[x] = so.rosen_hess(_rt.checked(
            x, np.ndim(x) == 1, "the derivative of scipy.optimize.rosen_der of a 2-d array",
            "scipy.optimize.rosen_hess takes a 1-d array: differentiate rosen_der of each column")
        ) @ d[r]

    def tangent(r, x):
        d[r] = so.rosen_hess(_rt.checked(
            x, np.ndim(x) == 1, "the derivative of scipy.optimize.rosen_der of a 2-d array",
            "scipy.optimize.rosen_hess takes a 1-d array: differentiate rosen_der of each column")
        ) @ d[x]
