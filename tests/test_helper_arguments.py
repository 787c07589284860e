"""Every way a differentiated value can reach a parameter of a helper that keeps a derivative of
its own (``passes/calls.py``): by a name to a positional, keyword-only or defaulted parameter, in
a literal list or tuple, or collected by ``*args`` or ``**kwargs``.  In reverse and forward mode
each either gives the finite-difference derivative or is refused with the project's error naming
the helper and the call; never a number without the value's contribution (``*args`` and
``**kwargs`` hid the value from both modes, which gave a zero derivative; an inlined helper's
``*args`` is now the tuple of the values, differentiated).  Each helper runs both
inlined where it can be (beside its caller) and with a derivative of its own
(``@tangentish.checkpoint``)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_jacobian

import tangentish

HELPERS = {  # name -> (signature, body): each computes sin(a) * b
    "_positional": ("a, b", "np.sin(a) * b"),
    "_keyword_only": ("a, *, b=2.0", "np.sin(a) * b"),
    "_star": ("*xs", "np.sin(xs[0]) * xs[1]"),
    "_star_after": ("a, *rest", "np.sin(a) * rest[0]"),
    "_double_star": ("**kw", "np.sin(kw['a']) * kw['b']"),
    "_sequence": ("xs", "np.sin(xs[0]) * xs[1]"),
}
FORMS = {  # helper -> the calls of it that f(a, b) makes (every form its signature accepts)
    "_positional": ["helper(a, b)", "helper(a, b=b)"],
    "_keyword_only": ["helper(a, b=b)", "helper(a) * b"],
    "_star": ["helper(a, b)"],
    "_star_after": ["helper(a, b)", "helper(b, a)"],
    "_double_star": ["helper(a=a, b=b)"],
    "_sequence": ["helper([a, b])", "helper((a, b))"],
}
REFUSED = {  # (kind, helper) -> the words of the refusal (an inlined `*args` is a tuple, and
    # so is what a helper's own derivative takes for it: passes/displays.py; an inlined `**kw`
    # is the dict of the call's other keywords: passes/keyword_collect.py)
    ("own", "_double_star"): "through its `*",
}  # (("own", "_sequence") was refused "inside the literal argument": the list is now named)
CASES = [(kind, name, form) for kind in ("inlined", "own") for name in HELPERS
         for form in range(len(FORMS[name]))]
POINT = (np.array([0.3, -0.7]), np.array([1.2, 0.4]))
DIRECTIONS = (np.array([0.5, -1.0]), np.array([2.0, 0.25]))


def _program(tmp_path, kind, name, form):
    """The helper and ``f(a, b) = sum(<call>(a, b) ** 2)`` in a file of their own (a helper is
    inlined only from its caller's module)."""
    signature, body = HELPERS[name]
    mark = "@tangentish.checkpoint\n" if kind == "own" else ""
    text = (f"import numpy as np\nimport tangentish\n\n\n{mark}def helper({signature}):\n"
            f"    return {body}\n\n\ndef f(a, b):\n    return np.sum({FORMS[name][form]} ** 2)\n")
    path = tmp_path / f"calls_{kind}{name}_{form}.py"
    path.write_text(text)
    namespace = {"__name__": path.stem, "__file__": str(path)}
    exec(compile(text, str(path), "exec"), namespace)  # noqa: S102 (the test's own text)
    return namespace["f"], f"{path.name}\", line {len(text.splitlines())}"


@pytest.mark.parametrize(("kind", "name", "form"), CASES)
@pytest.mark.parametrize("mode", ["grad", "jvp", "vjp"])
def test_a_value_passed_to_a_helper_is_differentiated_or_refused(tmp_path, kind, name, form,
                                                                   mode):
    f, where = _program(tmp_path, kind, name, form)
    refused = REFUSED.get((kind, name))
    if refused is not None:
        with pytest.raises(tangentish.UnsupportedConstructError) as info:
            _derivatives(f, mode)
        message = str(info.value)
        assert refused in message and "helper" in message, message
        assert where in message and "hint:" in message, message
        return
    refs = [numeric_jacobian(f, POINT, p) for p in (0, 1)]
    for got, want in zip(_derivatives(f, mode), _expected(refs, mode), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-9, err_msg=mode)


def _derivatives(f, mode):
    if mode == "grad":
        return list(tangentish.grad(f, wrt=(0, 1))(*POINT))
    if mode == "vjp":
        _, pullback = tangentish.vjp(f, wrt=(0, 1))(*POINT)
        return list(pullback(1.5))
    _, tangent = tangentish.jvp(f, wrt=(0, 1))(*POINT, a_dot=DIRECTIONS[0],
                                               b_dot=DIRECTIONS[1])
    return [tangent]


def _expected(refs, mode):
    if mode == "grad":
        return refs
    if mode == "vjp":
        return [1.5 * r for r in refs]
    return [sum(r @ d for r, d in zip(refs, DIRECTIONS, strict=True))]


def _scale_to(x, out=1.0):
    return x * out


def _out_named_parameters(x, w):
    from far_helpers import shifted

    return np.sum(_scale_to(x, out=w) ** 2) + np.sum(shifted(x, out=w) * shifted(x, w, 0.5, 3.0))


@pytest.mark.parametrize("order", [1, 2])
def test_a_helper_parameter_named_out_is_a_value(order):
    """``helper(x, out=w)`` of a user's function: ``out`` is its parameter, not NumPy's write
    target (it was refused: "the argument `out=` ... writes into a value that is not a local
    variable"); what a helper writes into is read from its body."""
    tangentish.check_grads(_out_named_parameters, (np.array([0.3, -1.2, 2.5]), 0.7),
                           wrt=(0, 1), order=order, warn=False)
