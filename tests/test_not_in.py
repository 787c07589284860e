"""``a not in b`` (was refused: "cannot differentiate this comparison"): lowered to
``not (a in b)`` (passes/lower.py) and printed back as ``a not in b`` (syntax/printer.py)."""

import numpy as np
import pytest

import tangentish


def mode_switch(x, mode="plain"):
    if mode not in ("double", "triple"):
        x = x * 2.0
    return np.sum(np.sin(x) ** 2)


def key_missing(x):
    cache = {"a": 1.0}
    y = np.tanh(x)
    if "b" not in cache:
        y = y * 3.0
    return np.sum(y * x)


def value_in_list(x, skip=2):
    total = 0.0
    for i in range(x.shape[0]):
        if i not in [skip, 7]:
            total = total + x[i] ** 3
    return total


def negated_expression(x):
    s = np.sum(x ** 2)
    return s * 2.0 if 3 not in range(1, 3) and s > 0 else s


CASES = [(mode_switch, ()), (mode_switch, ("double",)), (key_missing, ()), (value_in_list, ()),
         (value_in_list, (0,)), (negated_expression, ())]


@pytest.mark.parametrize("order", [1, 2])
@pytest.mark.parametrize("f, extra", CASES, ids=lambda c: getattr(c, "__name__", repr(c)))
def test_not_in_is_differentiated(f, extra, order):
    x = np.array([0.3, -0.7, 1.1])
    tangentish.check_grads(f, (x, *extra), order=order, warn=False)


def test_not_in_reads_as_written():
    text = tangentish.source(mode_switch)
    assert "mode not in" in text and "not mode in" not in text


def chained_not_in(x, k="a"):
    if "a" not in k not in ("zz",):
        return np.sum(x ** 2)
    return np.sum(x)


def test_a_chain_with_not_in_is_refused_with_a_hint():
    with pytest.raises(tangentish.UnsupportedConstructError, match="this comparison") as info:
        tangentish.grad(chained_not_in)(np.array([0.5, 1.0]))
    assert "not in, outside a chain" in str(info.value)
