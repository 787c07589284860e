"""Forward mode against reverse mode: the dot-product test <u, J v> = <J^T u, v>.

For a scalar function, ``jvp`` with tangent ``v`` must equal ``<grad, v>`` up to rounding; no
finite differences are involved, so the check is tight.  Every rule-table row and every
control-flow case is checked, plus the value ``jvp`` returns.
"""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from rules import TABLE, Row
from test_control_flow import CASES, _ids
from test_rules import make_args, positions

import tangentish


def _tangents(fn, args, wrt, rng):
    names = list(inspect.signature(fn).parameters)
    chosen = {}
    for w in wrt:
        index = w if isinstance(w, int) else names.index(w)
        value = rng.standard_normal(np.shape(args[index]))
        chosen[names[index]] = value if isinstance(args[index], np.ndarray) else float(value)
    return chosen


def _dot_product_test(fn, args, wrt_spec, seed):
    wrt, single = positions(wrt_spec) if not isinstance(wrt_spec, str) else ([wrt_spec], True)
    rng = np.random.default_rng(seed)
    tangents = _tangents(fn, args, wrt, rng)
    value, derivative = tangentish.jvp(fn, wrt=wrt_spec)(
        *args, **{f"{k}_dot": v for k, v in tangents.items()})
    grads = tangentish.grad(fn, wrt=wrt_spec)(*args)
    grads = (grads,) if single else grads
    expected = sum(float(np.sum(np.asarray(g, dtype=float) * t))
                   for g, t in zip(grads, tangents.values(), strict=True))
    np.testing.assert_allclose(value, fn(*args), rtol=1e-12, atol=1e-12)
    assert np.result_type(derivative) == np.float64, np.result_type(derivative)  # (as the value)
    scale = 1.0 + sum(float(np.sum(np.abs(g) * np.abs(t)))
                      for g, t in zip(grads, tangents.values(), strict=True))
    assert abs(float(derivative) - expected) <= 1e-10 * scale, (derivative, expected)


@pytest.mark.parametrize("row", [r for r in TABLE if r.id not in (
    "red_prod_with_zero", "re_float32")],  # (np.float32(x): its tangent is float32, rounded
                         ids=lambda row: row.id)  # where the gradient is not: test_refusals7)
def test_every_rule_forward_matches_reverse(row: Row) -> None:
    args = make_args(row)
    _dot_product_test(row.fn, args, row.wrt, seed=len(row.id))


@pytest.mark.parametrize("fn, args, wrt", CASES, ids=_ids())
def test_control_flow_forward_matches_reverse(fn, args, wrt):
    _dot_product_test(fn, args, wrt, seed=3)


def test_jvp_source_reads_like_a_forward_pass():
    def f(x, w):
        return np.sum(np.tanh(x @ w))

    source = tangentish.source(f, wrt=1, mode="jvp")
    assert source.startswith("def jvp_f_wrt_w(x, w, *, w_dot):")
    assert "x_at_w_dot = x @ w_dot" in source
    assert "_tape" not in source


def test_missing_tangent_rule_is_a_clear_error():
    from tangentish.extend import adjoint, d

    def opaque(x):
        return x * 3.0

    def uses_opaque(x):
        return opaque_builtin(x)

    opaque_builtin = np.frompyfunc(opaque, 1, 1)

    @adjoint(opaque_builtin)
    def opaque_adjoint(y, x):
        d[x] = d[y] * 3.0

    with pytest.raises(tangentish.MissingRuleError) as info:
        tangentish.jvp(uses_opaque)
    assert "tangent" in str(info.value) and "extend.tangent" in str(info.value)
