"""``a + b`` of two lists or two tuples (was refused: "`+` joins the lists or tuples it meets"):
where both operands surely hold sequences the join has rules of its own (runtime.joined: the
result's adjoint split where ``a`` ends), so ``np.hstack(args + (ones,))`` (autograd's RNN
example), a history grown by ``hs = hs + [h]`` in a loop and tuple joins are differentiated.
Checked against finite differences in every mode, and at second order.  A list with no value
before the loop that binds it (``hs = _rt.UNBOUND`` in the derivative, a helper's history
inlined in a branch) is still surely a list: before, that placeholder made it unknown, and the
join was refused, at first order or only when the gradient was differentiated again.
"""

import numpy as np
import pytest

import tangentish


def hstack_join(x, w):
    args = (x, np.tanh(x))
    state = np.hstack(args + (np.ones((x.shape[0], 1)),))
    return np.sum(np.tanh(state @ w))


def grown_in_a_loop(x):
    hs = [x]
    for _ in range(3):
        hs = hs + [np.sin(hs[-1]) * 1.5]
    return np.sum(np.stack(hs) ** 2)


def list_join_then_items(x):
    first = [x, x ** 2]
    second = [np.cos(x)]
    both = first + second
    return np.sum(both[0] * both[2]) + np.sum(both[1])


def ragged_join(x):
    parts = [x[:2], x] + [np.outer(x, x)]
    total = 0.0
    for p in parts:
        total = total + np.sum(p ** 2)
    return total


def tuple_join_unpacked(x):
    a, b, c = (x,) + (2.0 * x, x ** 3)
    return np.sum(a * b + c)


def join_of_joins(x):
    left = [x] + [x * 2.0]
    return np.sum(np.concatenate(left + ([x ** 2] + [np.exp(x)])))


def first_pass_binds(x):  # (no value before the loop: `hs = _rt.UNBOUND` was not a list)
    for j in range(3):
        if j > 0:  # noqa: SIM108  (statements in branches: what is tested)
            hs = hs + [np.tanh(hs[-1]) * x]  # noqa: F821  (bound in the first pass)
        else:
            hs = [x * 0.5]
    return np.sum(np.stack(hs) ** 2)


def history(a, b):
    hs = [np.full_like(b, 2.0 ** a)]
    for _ in range(2):
        hs = hs + [np.tanh(hs[-1]) * 0.5 + b]
    return np.sum(np.stack(hs))


def helper_in_a_branch(x):  # (fuzz seed 4752, program 44: refused at second order only)
    t = history(1.0, x) if np.sum(x) > 0.0 else x
    return np.sum(t * x)


CASES = [hstack_join, grown_in_a_loop, list_join_then_items, ragged_join, tuple_join_unpacked,
         join_of_joins, first_pass_binds, helper_in_a_branch]
X = np.array([[0.3, -0.5], [0.8, 0.1], [-0.2, 0.6]])
W = np.array([[0.2, -0.1], [0.4, 0.3], [0.1, -0.6], [0.5, 0.2], [-0.3, 0.1]])


def arguments(f):
    if f is hstack_join:
        return (X, W), (0, 1)
    return (np.array([0.3, -0.7, 1.1]),), 0


@pytest.mark.parametrize("order", [1, 2])
@pytest.mark.parametrize("f", CASES, ids=lambda f: f.__name__)
def test_joins_are_differentiated(f, order):
    args, wrt = arguments(f)
    tangentish.check_grads(f, args, wrt=wrt, order=order, warn=False)


def test_a_join_keeps_its_type():
    def kinds(x):
        t = (x,) + (x,)
        lst = [x] + [x]
        return np.sum(np.stack(t) * np.stack(lst)) if isinstance(t, tuple) and \
            isinstance(lst, list) else np.sum(x)
    x = np.array([0.5, 2.0])
    np.testing.assert_allclose(tangentish.grad(kinds)(x), 4.0 * x)


def maybe_list(x, extra):
    return np.sum(np.stack([x] + extra))


def test_a_join_with_an_unknown_operand_stays_refused():
    with pytest.raises(tangentish.UnsupportedConstructError, match="joins the lists"):
        tangentish.grad(maybe_list)(np.ones(2), [np.ones(2)])
