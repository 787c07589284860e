"""The tangent of an operand that a binary elementwise op broadcasts against a constant one has
the result's shape.  ``np.fmod(s, p)`` of a number ``s`` and an array ``p``, differentiated with
respect to ``s`` alone: the rule's tangent is ``d[s] * 1.0 + d[p] * (...)``, and with ``d[p]``
zero what was left, ``d[s]``, had ``s``'s shape, so ``jvp`` of ``np.sum(np.fmod(s, p))`` gave
``1.0`` where it is ``p.size`` (and ``np.inner(np.copysign(p, s), p)`` a tangent of the wrong
shape).  Every binary ufunc with a tangent rule, found in the registry (not listed here), with a
number against an array in each position, against central differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, numeric_jacobian

import tangentish
from tangentish.registry import REGISTRY, TANGENT

P = np.array([[1.3, 2.1, 1.7], [1.9, 1.2, 1.1]])
S = 0.37


def _float_ufuncs() -> list[str]:
    """The binary elementwise ufuncs of ``np`` (not ``matmul``) with a tangent rule that NumPy
    computes on floats to floats (not ``ldexp``, nor the comparisons)."""
    found = []
    for name in sorted(dir(np)):
        fn = getattr(np, name)
        if not isinstance(fn, np.ufunc) or fn.nin != 2 or fn.nout != 1 or fn.signature or \
                not REGISTRY.has(TANGENT, fn) or fn.__name__ != name:
            continue
        try:
            with np.errstate(all="raise"):
                kinds = {np.asarray(fn(S, P)).dtype.kind, np.asarray(fn(P, S)).dtype.kind}
        except (TypeError, FloatingPointError):
            continue
        if kinds == {"f"}:
            found.append(name)
    return found


UFUNCS = _float_ufuncs()


@pytest.mark.parametrize("first", [True, False], ids=["number first", "number second"])
def test_a_broadcast_operand_alone_has_a_tangent_of_the_result_shape(first, tmp_path):
    calls = [f"np.{name}(s, p)" if first else f"np.{name}(p, s)" for name in UFUNCS]
    text = f"import numpy as np\n\n\ndef f(s, p):\n    return np.stack([{', '.join(calls)}])\n"
    f = module_from_text(tmp_path, "broadcast_tangents", text).f
    value, tangent = tangentish.jvp(f, wrt=0)(S, P, s_dot=1.0)
    expected = numeric_jacobian(f, (S, P), 0)
    assert len(UFUNCS) > 15 and "fmod" in UFUNCS and "copysign" in UFUNCS
    np.testing.assert_array_equal(value, f(S, P))
    for name, got, want in zip(UFUNCS, tangent, expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-8, err_msg=name)
