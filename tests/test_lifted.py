"""What refusals3 lifted (tests/lifted_zoo.py): each function in every mode and at second order
against central differences, its argument unchanged; what stays refused names the user's line."""

from __future__ import annotations

import inspect

import lifted_zoo as zoo
import numpy as np
import pytest
from test_list_views import check_every_mode, check_refused, check_second_order
from test_view_writes import X

import tangentish
from tangentish import runtime
from tangentish.errors import UnsupportedConstructError
from tangentish.passes import fresh, functional_writes


@pytest.mark.parametrize("f", zoo.WORKS, ids=lambda f: f.__name__)
def test_every_mode_and_second_order(f):
    check_every_mode(f)
    check_second_order(f)


@pytest.mark.parametrize("mode", ["grad", "jvp"])
@pytest.mark.parametrize("f", zoo.REFUSED, ids=lambda f: f.__name__)
def test_what_stays_refused_names_the_line(f, mode):
    check_refused(f, mode, "lifted_zoo.py")


def _loop_then_extreme(x):
    for a, b in zip(x, x, strict=True):
        if a > 2.0:
            return np.sin(b)
    r = x * 0.25 + np.min(x)
    return np.sin(r[1]) * r[-4]


def test_a_change_the_gradient_makes_is_refused_at_the_users_line(monkeypatch):
    """Where a gradient's own array (``x_bar[_i] += b_bar``, summed for a loop over ``zip(x,
    x)``) is changed while its tape may hold it, differentiating again names the user's line and
    file, and hints no copy of ``x_bar``, a name the user never wrote (it told them to copy it:
    fuzz 5036/68).  Seen with min's adjoint taken as maybe sharing ``x`` (as it was before
    fresh.FRESH_HELPERS listed ``_rt.chosen`` and ``_rt.ties``), and with no item write of it
    to write as a new value (passes/functional_writes.py: here, told it found none)."""
    monkeypatch.setattr(fresh, "_FRESH", fresh._FRESH - {runtime.chosen, runtime.ties})
    monkeypatch.setattr(functional_writes, "functional_writes", lambda node, names: 0)
    with pytest.raises(UnsupportedConstructError) as caught:
        tangentish.hessian(_loop_then_extreme)(X.copy())
    error, line = caught.value, inspect.getsourcelines(_loop_then_extreme)[1] + 1
    assert error.location.filename == __file__ and error.location.lineno == line
    message = str(error)
    assert "differentiating this gradient again is not supported here: for `for a, b in " \
        f"zip(x, x, strict=True):` (test_lifted.py:{line}) it changes its own 'x_bar'" in message
    assert "copy()" not in message and "hint: nothing in your code needs a copy" in message


def test_a_change_the_gradient_makes_is_written_as_a_new_value_instead(monkeypatch):
    """The same gradient differentiated again with its own item write of ``x_bar`` as a new value
    (``x_bar = _rt.set_index(x_bar, _i, ...)``): the Hessian of central differences of the
    gradient."""
    monkeypatch.setattr(fresh, "_FRESH", fresh._FRESH - {runtime.chosen, runtime.ties})
    x, h = X.copy(), 1e-6
    gradient = tangentish.grad(_loop_then_extreme)
    columns = [(gradient(x + h * e) - gradient(x - h * e)) / (2 * h) for e in np.eye(x.size)]
    np.testing.assert_allclose(tangentish.hessian(_loop_then_extreme)(x),
                               np.stack(columns, axis=-1), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("mode", ["grad", "jvp"])
def test_a_method_changing_its_object_stays_refused(mode):
    """Inlined now where it changes only arguments the call names, a method that writes into its
    object (``self.w[0] = ...``: the user's module-level object) is still refused, at its line."""
    w = zoo.SMOOTHER.w.copy()
    with pytest.raises(UnsupportedConstructError) as caught:
        if mode == "grad":
            tangentish.grad(zoo.method_changing_its_object)(X.copy())
        else:
            tangentish.jvp(zoo.method_changing_its_object)(X.copy(), x_dot=np.ones(X.size))
    assert "lifted_zoo.py" in str(caught.value) and "self.w[0] = a[0]" in str(caught.value)
    np.testing.assert_array_equal(zoo.SMOOTHER.w, w)
