"""A function that changes a module-level array or list in place (an element or slice write, an
augmented assignment, a method such as ``fill``/``sort``/``append``; directly, through another
name, a view or a helper) is refused at the line in every mode, and the module's value is left as
it was: the derivative never writes into the user's globals.  (Through another name, a view,
``fill``, ``sort`` or ``append`` it used to run, changing the global and, where the function read
it back, computing a gradient without the path through it: ``append_and_read`` gave 0.)  A number
read from one (``v = W[0]`` of a 1-d ``W``, ``v = SCALES[1]``) and then rebound by ``v += e`` is
differentiated (it was refused, taken for a write into the array)."""

from __future__ import annotations

import module_writes_zoo as z
import numpy as np
import pytest
from helpers import numeric_jacobian

import tangentish

WRITERS = ["item_write", "item_write_through_name", "item_write_in_helper", "slice_augment",
           "augment_through_name", "augment_row_view", "augment_asarray", "fill_method",
           "sort_method", "fill_through_name", "append_and_read"]
X = np.array([0.5, -1.5, 2.0, 0.25])


def _reset():
    z.W[:] = [3.0, 1.0, 2.0, 1.0]
    z.W2[:] = 1.0
    z.HISTORY.clear()


@pytest.mark.parametrize("mode", ["grad", "jvp"])
@pytest.mark.parametrize("name", WRITERS)
def test_a_write_into_a_module_value_is_refused_and_leaves_it_alone(name, mode):
    _reset()
    fn = getattr(z, name)
    with pytest.raises(tangentish.UnsupportedConstructError) as caught:
        if mode == "grad":
            tangentish.grad(fn)(X)
        else:
            tangentish.jvp(fn)(X, x_dot=np.ones(4))
    message = str(caught.value)
    assert "module_writes_zoo.py" in message and ("module-level" in message or
                                                 "outside the function" in message or
                                                 "changes its argument 'v' in place" in message)
    np.testing.assert_array_equal(z.W, [3.0, 1.0, 2.0, 1.0])
    np.testing.assert_array_equal(z.W2, 1.0)
    assert z.HISTORY == []


@pytest.mark.parametrize("name", ["number_of_array_augmented", "number_of_list_augmented"])
def test_a_number_read_from_a_module_value_and_rebound_is_differentiated(name):
    _reset()
    fn = getattr(z, name)
    value, grad = tangentish.value_and_grad(fn)(X)
    np.testing.assert_allclose(value, fn(X), rtol=1e-12)
    np.testing.assert_allclose(grad, numeric_jacobian(fn, (X,), 0), rtol=2e-5, atol=1e-7)
    _, tangent = tangentish.jvp(fn)(X, x_dot=np.ones(4))
    np.testing.assert_allclose(tangent, numeric_jacobian(fn, (X,), 0).sum(), rtol=2e-5)
    np.testing.assert_array_equal(z.W, [3.0, 1.0, 2.0, 1.0])
    assert z.SCALES == [1.0, 2.0]
