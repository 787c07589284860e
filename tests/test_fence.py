"""The fence refuses each construct it lists, at the right line, and lets the lookalikes through.

It checks only the nodes that can be refused (a call of ``eval``/``exec``/``locals``/``vars``/
``globals``, an assignment to anything but plain names...): each of those
is refused here, and the same shapes without the refused part are differentiated (against finite
differences).
"""

import warnings

import numpy as np
import pytest

import tangentish
from tangentish.errors import UnsupportedConstructError


def evaluates(x):
    return x * eval("2.0")


def executes(x):
    exec("pass")
    return x


def reads_locals(x):
    return x * len(locals())


def reads_vars(x):
    return x * len(vars())


def reads_globals(x):
    return x * len(globals())


def stores_an_attribute(x):
    y = np.sin(x)
    y.flags.writeable = False
    return y


def returns_a_dict_from_a_nested_function(x):
    def stats(v):
        return {"mean": v.mean(), "std": v.std()}

    s = stats(x)
    return s["mean"] ** 2 + s["std"]


def stores_a_shape(x):
    y = np.sin(x)
    y.shape = (2, -1)  # (the hint names the reshape that binds a new array)
    return y


def augments_an_attribute(x):
    y = np.sin(x)
    y.real += 1.0
    return y


def unpacks_into_an_attribute(x):
    y = np.sin(x)
    a, y.imag = 1.0, 2.0
    return y * a


def writes_through_flat(x):  # (a slice calling something; `y.flat[1] = x[0]` is y.put since
    y = np.sin(x)  # idioms29: passes/flat_writes.py)
    y.flat[:len(x)] = x[0]
    return y


def augments_through_flat(x):
    y = np.sin(x)
    y.flat[:int(x[0] > 0)] += 1.0
    return y


def assigns_flat(x):
    y = np.zeros(3)
    y.flat = x[0]
    return y


def stores_a_nested_element(x):
    y = np.sin(x)
    y[0][0] = 1.0
    return y


def deletes_an_element(x):
    y = np.sin(x)
    del y[0]
    return y


def errstate_raising(x):
    with np.errstate(divide="raise"):
        y = np.log(x)
    return y


def errstate_named(x):
    with np.errstate(divide="ignore") as state:
        y = np.log(x) * len(str(state))
    return y


def warnings_recorded(x):
    with warnings.catch_warnings(record=True):
        y = np.log(x)
    return y


def warnings_filter_nested(x):
    with warnings.catch_warnings():
        if x[0] > 0:
            warnings.simplefilter("ignore")
        y = np.log(x)
    return y


def another_context(x):
    with open(__file__) as handle:
        y = x * len(handle.readline())
    return y


def two_refusals(x):
    y = x + vars()
    return y * eval("2.0")


REFUSED = [
    (evaluates, "`eval`", 'eval("2.0")'), (executes, "`exec`", "exec("),
    (reads_locals, "`locals`", "locals()"), (reads_vars, "`vars`", "vars()"),
    (reads_globals, "`globals`", "globals()"),
    (stores_an_attribute, "assignment to an attribute", "y.flags.writeable = False"),
    (returns_a_dict_from_a_nested_function, "returned by the nested function stats()",
     'return {"mean"'),
    (stores_a_shape, "`y = y.reshape(...)` (`y.shape` reshapes y in place)", "y.shape = "),
    (augments_an_attribute, "assignment to an attribute", "y.real += 1.0"),
    (unpacks_into_an_attribute, "assignment to an attribute", "a, y.imag = 1.0, 2.0"),
    (stores_a_nested_element, "nested element", "y[0][0] = 1.0"),
    (writes_through_flat, "write through `.flat`", "y.flat[:len(x)] = x[0]"),
    (augments_through_flat, "write through `.flat`", "y.flat[:int(x[0] > 0)] += 1.0"),
    (assigns_flat, "write through `.flat`", "y.flat = x[0]"),
    (deletes_an_element, "`del` of an element", "del y[0]"),
    (two_refusals, "`vars`", "y = x + vars()"),  # the first in source order
    (errstate_raising, "`with` statement", 'with np.errstate(divide="raise")'),
    (errstate_named, "`with` statement", "as state"),
    (another_context, "`with` statement", "with open(__file__)"),
    (warnings_recorded, "`with` statement", "catch_warnings(record=True)"),
    (warnings_filter_nested, "`with` statement", "with warnings.catch_warnings()"),
]


@pytest.mark.parametrize("fn, what, text", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_refused_at_its_line(fn, what, text):
    with pytest.raises(UnsupportedConstructError) as info:
        tangentish.grad(fn)
    assert what in str(info.value)
    assert text in info.value.location.line


def arithmetic_and_calls(x, w):
    y = x * 2.0 - w
    y += -x
    a, b = y, w
    z = np.sum(np.sin(a) * b) + max(1.0, 2.0)
    return z / 2.0


def test_lookalikes_are_differentiated():
    rng = np.random.default_rng(0)
    x, w = rng.normal(size=3), rng.normal(size=3)
    gradient = tangentish.grad(arithmetic_and_calls)(x, w)
    step = 1e-6
    expected = [(arithmetic_and_calls(x + step * e, w) - arithmetic_and_calls(x - step * e, w))
                / (2 * step) for e in np.eye(3)]
    np.testing.assert_allclose(gradient, expected, rtol=1e-6, atol=1e-8)


def quiet_errstates(x, w):  # np.errstate that only silences: the same values, differentiated
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(x > 0, np.log(np.abs(x)), 0.0)
    total = 0.0
    for k in range(2):
        if k > 0:
            with np.errstate(all="warn"), np.errstate(over="ignore"):
                total = total + np.sum(np.exp(w * k) * r)
        else:
            total = total + np.sum(r * w)
    return total


def test_quiet_errstates_are_differentiated():
    rng = np.random.default_rng(1)
    x, w = rng.normal(size=4), rng.normal(size=4)
    for mode in ("grad", "hessian"):
        got = getattr(tangentish, mode)(quiet_errstates, wrt=(0, 1))(x, w)
        assert np.all(np.isfinite(np.asarray(got, dtype=float)))
    gradient = tangentish.grad(quiet_errstates, wrt=(0, 1))(x, w)
    step = 1e-6
    for k, arg in enumerate((x, w)):
        expected = [(quiet_errstates(*[arg + step * e if i == k else a for i, a in
                                       enumerate((x, w))])
                     - quiet_errstates(*[arg - step * e if i == k else a for i, a in
                                         enumerate((x, w))])) / (2 * step) for e in np.eye(4)]
        np.testing.assert_allclose(gradient[k], expected, rtol=1e-5, atol=1e-7)


def quiet_warnings(x, w):  # catch_warnings (its filters carried) and printoptions: the same values
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        r = np.sqrt(np.abs(x)) * w
    with np.printoptions(precision=3), warnings.catch_warnings(record=False):
        warnings.filterwarnings("ignore")
        s = np.sum(np.tanh(r) * x)
    return s + np.sum(r ** 2)


def test_quiet_warnings_and_printoptions_are_differentiated_and_change_no_filter():
    rng = np.random.default_rng(2)
    x, w = rng.normal(size=4), rng.normal(size=4)
    filters = list(warnings.filters)
    assert tangentish.check_grads(quiet_warnings, (x, w), wrt=(0, 1), seed=7, order=2).ok
    value, _ = tangentish.value_and_grad(quiet_warnings)(x, w)
    assert value == quiet_warnings(x, w)
    assert warnings.filters == filters  # (the derivative's primal set no filter)
