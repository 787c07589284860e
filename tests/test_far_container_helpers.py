"""Lists and tuples of differently shaped arrays passed whole to a helper whose derivative is
generic (defined in another module, so not inlined): its parameter's zero adjoint was
``np.zeros_like(params)``, which raised "setting an array element with a sequence" inside the
generated code (autograd's neural_net example: ``log_posterior(params, ...)`` with ``params`` a
list of ``(W, b)``).  A parameter whose length the helper asks (a loop over it, an unpacking) now
starts from ``_rt.zeros_like`` (one zero per item: passes/shapes.sequence_names).
"""

import numpy as np
import pytest
from far_helpers import (
    enumerated,
    handed_on,
    indexed,
    joins,
    layers,
    pair_of,
    sum_of_squares,
    two_layers,
    zipped,
)

import tangentish

RS = np.random.RandomState(3)
X = RS.randn(4, 3)
PAIRS = [(RS.randn(3, 4) * 0.5, RS.randn(4) * 0.5), (RS.randn(4, 2) * 0.5, RS.randn(2) * 0.5)]
RAGGED = [RS.randn(3, 2), RS.randn(2), RS.randn(4)]


def call_sum(ws):
    return sum_of_squares(ws)


def call_layers(params):
    return layers(params, X)


def call_zipped(ws):
    return zipped(ws, [0.5, 2.0, -1.0])


def call_two(params):
    return two_layers(params, X)


def call_indexed(ws):
    return indexed(ws)


def call_enumerated(ws):
    return enumerated(tuple(ws))


def call_handed_on(params):
    return handed_on(params, X)


def built_inside(x):
    return sum_of_squares([x, x[:2] * 3.0, np.outer(x, x)])


CASES = [(call_sum, RAGGED), (call_layers, PAIRS), (call_zipped, RAGGED), (call_two, PAIRS),
         (call_indexed, RAGGED), (call_enumerated, RAGGED), (call_handed_on, PAIRS)]


@pytest.mark.parametrize("order", [1, 2])
@pytest.mark.parametrize("f, value", CASES, ids=lambda c: getattr(c, "__name__", "arg"))
def test_containers_handed_to_a_generic_helper(f, value, order):
    tangentish.check_grads(f, (value,), order=order, warn=False)


def test_a_list_built_inside_and_handed_on():
    tangentish.check_grads(built_inside, (np.array([0.3, -0.8, 1.1]),), order=2, warn=False)


def test_the_gradient_keeps_the_structure():
    g = tangentish.grad(call_layers)(PAIRS)
    assert [tuple(np.shape(a) for a in layer) for layer in g] == \
        [tuple(np.shape(a) for a in layer) for layer in PAIRS]


def joined_by_the_helper(x):
    return joins([x, 2.0 * x], [3.0 * x])


def joined_with_an_unknown(x):
    return joins(pair_of(x), [3.0 * x])  # (pair_of's result: maybe a list, maybe an array)


def test_a_join_inside_a_generic_helper():
    x = np.array([0.3, -0.4])
    np.testing.assert_allclose(tangentish.grad(joined_by_the_helper)(x), 2 * x * 14.0)
    tangentish.check_grads(joined_by_the_helper, (x,), order=2, warn=False)
    with pytest.raises(tangentish.UnsupportedConstructError, match="joins the lists"):
        tangentish.grad(joined_with_an_unknown)(x)
