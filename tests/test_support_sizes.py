"""Supports stay small as selections chain (``passes/supports_base.py``: ``large``): a test of a
structural zero (where a ``np.where``, ``np.maximum`` or ``np.clip`` leaves a derivative 0) that
grows past a few dozen nodes is computed into a mask of its own where it is made, and later tests
read that name.  Cloned into one another instead, the tests of a value used twice doubled at
every step (fuzz seed 4843 program 73: a line of 20,521 characters, a 33 s transform).  Table:
chains of each form, each length, in each mode; the generated text grows linearly with the
chain, no line is long, and the derivative matches one-sided differences (the chains are
flat around some elements: the structural zeros count)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, one_sided_jacobian

import tangentish

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")

# name: one step of a chain, a value y read twice into the next y
STEPS = {
    "maximum_and_where": "y = np.sqrt(np.maximum(y, 0.1)) + np.where(y > 0.2, y, 0.0)",
    "clip_and_where": "y = np.sqrt(np.clip(y, 0.1, 4.0)) * np.where(y < 3.0, y, 1.0)",
    "minimum_and_abs": "y = np.sqrt(np.minimum(y, 2.0) + 0.5) + np.abs(np.where(y > 0.3, y, 0.3))",
}
MODES = ("grad", "vjp", "jvp")


def _chain(tmp_path, step, length):
    body = "\n".join(f"    {STEPS[step]}" for _ in range(length))
    text = (f"import numpy as np\n\n\ndef f(x):\n    y = x\n{body}\n"
            "    return np.sum(np.sqrt(np.maximum(y, 0.1)) * y)\n")
    return module_from_text(tmp_path, f"chain_{step}_{length}", text)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("step", sorted(STEPS))
def test_chained_selections_give_code_that_grows_linearly(tmp_path, step, mode):
    sizes = {}
    for length in (4, 8):
        text = tangentish.source(_chain(tmp_path, step, length).f, mode=mode)
        assert max(len(line) for line in text.splitlines()) < 400
        sizes[length] = len(text)
    assert sizes[8] < 2.5 * sizes[4]


@pytest.mark.parametrize("step", sorted(STEPS))
def test_chained_selections_differentiate_right(tmp_path, step):
    f = _chain(tmp_path, step, 8).f
    x = np.array([-0.3, 0.05, 0.15, 0.7, 1.3, 2.6])
    slopes = one_sided_jacobian(f, x)
    np.testing.assert_allclose(tangentish.grad(f)(x), slopes, rtol=1e-5, atol=1e-7)
    direction = np.array([1.0, -0.4, 0.6, 0.2, -1.1, 0.8])
    value, tangent = tangentish.jvp(f)(x, x_dot=direction)
    np.testing.assert_allclose(tangent, slopes @ direction, rtol=1e-5, atol=1e-7)
    out, pullback = tangentish.vjp(f)(x)
    np.testing.assert_allclose(pullback(1.0), slopes, rtol=1e-5, atol=1e-7)


def _branchy_chain(tmp_path, length):
    body = "".join(f"    a{i} = np.sin(a{i - 1}) * x + np.sqrt(a{i - 1} * a{i - 1} + 1.0)\n"
                   f"    if a{i}[0] > 0.0:\n        a{i} = a{i} * 0.5 + np.cos(x)\n"
                   for i in range(1, length + 1))
    text = f"import numpy as np\n\n\ndef f(x):\n    a0 = x * 1.0\n{body}    return np.sum(a{length})\n"
    return module_from_text(tmp_path, f"branchy_{length}", text).f


@pytest.mark.parametrize("mode", ["jvp", "hvp"])
def test_the_forward_sweep_does_linear_work(tmp_path, monkeypatch, mode):
    """The forward sweep asks at every statement which supports read a name it binds again
    (``supports_frozen.forget``) and which names are tangents (``zeros.simplify``): the names a support
    reads are found once, and the tangents' inverse is kept as they are made, not walked or
    built again per statement (quadratic: a hvp of a 160-step chain took 14 s, now 6.6 s).
    Counted as walks of expressions for their names (``build.name_uses``), deterministic where
    time is not: twice the chain, about twice the walks (four times before)."""
    from tangentish.syntax import build

    counted = [0]
    walk = build.name_uses

    def counting(*args, **kwargs):
        counted[0] += 1
        return walk(*args, **kwargs)

    monkeypatch.setattr(build, "name_uses", counting)
    walks = []
    for length in (20, 40):
        f = _branchy_chain(tmp_path, length)
        counted[0] = 0
        getattr(tangentish, mode)(f)
        walks.append(counted[0])
    assert walks[1] < 2.5 * walks[0], walks
