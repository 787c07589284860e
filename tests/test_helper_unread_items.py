"""A helper returning a tuple, called with a derivative of its own, of which the caller reads
some items only: the others' seed is 0 by structure, and what only they need is not computed.

The caller's adjoint of the tuple (``_rt.unindex(c_bar, r, 0)``) has a support made of the items
read (passes/supports.py); ``passes/calls.py`` ``read_items`` turns it into the items the
helper's gradient is built for (``Options.read_items``, part of its cache key), whose returned
display gives the others no adjoint (``passes/adjoint_code.py``).  Before, the helper's gradient
took the whole seed and multiplied an unread item's 0 by the inf of a singular partial behind
it: NaN (fuzz seed 3802, program 110: ``return (a, np.sqrt(e2))`` with ``e2`` an ``np.std`` of
a constant, item 1 unused).

Every row is ``f(x) = sin(c)`` for ``c`` read from ``helper(x) = (x * x, <unread>)``, the unread
item singular at every ``x`` (its value 0 or inf, or its partial inf); the reference is the
closed form ``2 x cos(x ** 2)`` (and ``2 cos(x ** 2) - 4 x ** 2 sin(x ** 2)`` at second order).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from helpers import module_from_text

import tangentish

TEXT = """
import numpy as np
import tangentish


{decorator}
def helper(a):
    e = a * 1.0
    {change}
    return (e * e, {unread})


def f(x):
    {read}
"""

# name: (decorator, statement): why the helper gets a derivative of its own (not inlined)
KINDS = {
    "changes_a_local_in_place": ("", "e *= 1.0"),
    "checkpointed": ("@tangentish.checkpoint", "e = e + 0.0"),
}

UNREAD = {
    "sqrt_of_zero": "np.sqrt(a * a - a * a)",
    "log_of_zero": "np.log(a - a)",
    "arcsin_of_one": "np.arcsin(a / a)",
    "std_of_a_constant": "np.std(a * np.ones(3))",
    "norm_of_zeros": "np.linalg.norm((a - a) * np.ones(2))",
    "power_of_zero": "np.power(a - a, 0.5)",
}

READS = {
    "unpacked": "c, _ = helper(x)\n    return np.sin(c)",
    "indexed": "return np.sin(helper(x)[0])",
    "named_then_indexed": "r = helper(x)\n    return np.sin(r[0])",
    "negative_index": "r = helper(x)\n    return np.sin(r[-2])",
}

X = 0.8
FIRST = 2.0 * X * np.cos(X ** 2)
SECOND = 2.0 * np.cos(X ** 2) - 4.0 * X ** 2 * np.sin(X ** 2)

MODES = {
    "grad": (lambda f: tangentish.grad(f)(X), FIRST),
    "value_and_grad": (lambda f: tangentish.value_and_grad(f)(X)[1], FIRST),
    "vjp": (lambda f: tangentish.vjp(f)(X)[1](-1.5), -1.5 * FIRST),
    "jvp": (lambda f: tangentish.jvp(f)(X, x_dot=1.0)[1], FIRST),
    "hessian": (lambda f: tangentish.hessian(f)(X), SECOND),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("read", READS)
@pytest.mark.parametrize("unread", UNREAD)
@pytest.mark.parametrize("kind", KINDS)
def test_an_item_the_caller_does_not_read_has_no_adjoint(tmp_path, kind, unread, read, mode):
    decorator, change = KINDS[kind]
    text = TEXT.format(decorator=decorator, change=change, unread=UNREAD[unread],
                       read=READS[read])
    f = module_from_text(tmp_path, f"unread_{kind}_{unread}_{read}", text).f
    run, expected = MODES[mode]
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore")  # (the unread item's own value warns)
        got = run(f)
    assert np.isfinite(got), got
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-12)


def test_each_reading_gets_its_own_gradient_of_the_helper(tmp_path):
    """Two calls reading different items: two gradients of the helper, each computing its
    item's adjoint only (the cache keys them apart)."""
    text = TEXT.format(decorator="", change="e *= 1.0", unread="np.sin(a)",
                       read="c, _ = helper(x)\n    _, d = helper(x)\n    return c * d")
    f = module_from_text(tmp_path, "unread_two_readings", text).f
    expected = 2.0 * X * np.sin(X) + X ** 2 * np.cos(X)
    np.testing.assert_allclose(tangentish.grad(f)(X), expected, rtol=1e-12)
    assert tangentish.grad(f).source.count("def grad_helper") == 2


def test_readings_of_the_same_items_share_one_gradient_of_the_helper(tmp_path, monkeypatch):
    """Calls asking for the same gradient in other words: every item (``c, d = helper(x)``, the
    same as no reading at all) or an item counted from the end (``[-2]``, the same as ``[0]``).
    The pipeline builds such a request as the one it equals (``calls.canonical_read_items``):
    the helper's gradient is generated once per distinct reading, not once per spelling (a
    grad-of-grad generated a 2400-line gradient twice: fuzz seed 5123, program 3)."""
    from tangentish import pipeline

    text = TEXT.format(decorator="", change="e *= 1.0", unread="np.sin(a)",
                       read="c, d = helper(x)\n    p = helper(x)[-2]\n    q = helper(x)[0]\n"
                            "    return c * d + np.sin(p) * q")
    f = module_from_text(tmp_path, "unread_same_items", text).f
    built = []
    record = pipeline._record
    monkeypatch.setattr(pipeline, "_record", lambda info, *rest: built.append(info.name) or
                        record(info, *rest))
    x2, s, c = X ** 2, np.sin(X), np.cos(X)
    expected = 2.0 * X * s + x2 * c + np.cos(x2) * 2.0 * X * x2 + np.sin(x2) * 2.0 * X
    np.testing.assert_allclose(tangentish.grad(f)(X), expected, rtol=1e-12)
    assert sorted(built) == ["f", "helper", "helper"], built
    assert tangentish.grad(f).source.count("def grad_helper") == 2
