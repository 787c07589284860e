"""``scipy.spatial.distance`` (registered only when SciPy is installed and imported; never a
dependency): ``squareform``, linear, in both directions (a condensed vector to its symmetric matrix,
a matrix to the upper triangle it reads).  ``cdist`` and ``pdist`` have no rule: they are lowered to
NumPy calls (``passes/distances.py``).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import scipy.spatial.distance as spd

from ..extend import d, rule


@rule(spd.squareform)
class Squareform:  # force= only asserts the direction ndim gives; checks= does not change values
    def adjoint(r, X, force="no", checks=True):
        d[X] = _rt.unsquareform(d[r], X)

    def tangent(r, X, force="no", checks=True):
        d[r] = _rt.resquareform(d[X], X)
