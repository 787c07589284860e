"""The reference where float64 rounds a term flat over the whole stencil (fuzz/checks.py
``rounded_flat``): ``np.arcsin(np.tanh(z))`` at ``z`` near 18.4 is ``pi/2 - 2.1e-8`` at every
stencil point, so float64 differences miss its derivative ``1/cosh(z)`` (grammar seed 8851
program 2 reported a right value_and_grad wrong, and then a right hessian).  The same differences
with f evaluated in extended precision judge instead; a wrong derivative is still caught."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from fuzz.checks import prepare
from fuzz.fake_api import FakeAPI
from fuzz.modes import run_check
from fuzz.plan import Plan
from fuzz.program import Param, Program, load

pytestmark = pytest.mark.skipif(np.finfo(np.longdouble).eps >= np.finfo(np.float64).eps,
                                reason="no floating type wider than float64 here")

SATURATED = """
import numpy as np

def f(z):
    return np.arcsin(np.tanh(z)) + 0.5 * z
"""
Z = 18.37  # (1 - tanh(z) is 2.2e-16 here: tanh(z) rounds to the same float64 over the stencil)


def _sech(z):
    return 2.0 / (np.exp(z) + np.exp(-z))


class _Exact(FakeAPI):
    """Exact derivatives, the gradient computed as a rule would from the rounded ``tanh(z)`` (flat
    in float64 over the stencil, as tangentish's own is); ``off`` scales the term's part in the
    gradient, ``second`` in the hessian."""

    def __init__(self, bug: str | None = None, off: float = 1.0, second: float = 1.0):
        super().__init__(bug, exact=lambda z: (np.sqrt(1.0 - np.tanh(z) ** 2) * off + 0.5,))
        self.second = second

    def hessian(self, fn, wrt=0):
        return lambda z: np.asarray(-np.tanh(z) * _sech(z) * self.second)


@pytest.fixture
def saturated(tmp_path):
    program = Program(textwrap.dedent(SATURATED), (Param("z", "float"),))
    case = prepare(program, load(program, tmp_path, "flat"), [Z])
    assert abs(float(case.gradient["z"].value) - 0.5) < 1e-12  # the term is lost in float64
    return case


@pytest.mark.parametrize(("mode", "api", "verdict"), [
    ("grad", _Exact(), "ok"),               # wrong before: float64 differences give 0.5
    ("jvp", _Exact(), "ok"),
    ("hessian", _Exact(), "ok"),            # (second order: differences of the gradient)
    ("grad", _Exact("scale"), "wrong"),     # one part in a million off: still caught
    ("grad", _Exact(off=1.25), "wrong"),    # the term's rule off by a quarter (5e-9)
    ("hessian", _Exact(second=1.1), "wrong"),  # its second derivative off by 10%
])
def test_a_term_float64_rounds_flat_is_judged_in_extended_precision(saturated, mode, api, verdict):
    outcome = run_check(saturated, Plan(mode, (("z", "name"),), False, (0, 1)), api)
    assert outcome.verdict == verdict, outcome
