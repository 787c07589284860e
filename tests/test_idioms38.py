"""The ``idioms38`` zoo (:mod:`idioms38_zoo`) against central differences within their error
estimate, with ``RuntimeWarning`` an error (``idioms15_check``): every row in ``vjp``, a few in
another mode; and the refusal, when the derivative runs, of a 2-D array handed to a helper that
rebinds the rows a loop over it binds (``for xi in b: xi /= s``: in place for a row, where a 1-D
array's numbers are only rebound).  ``python test_idioms38.py`` checks every row in every mode."""

from __future__ import annotations

import inspect

import idioms38_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, seeded
from idioms20_check import check_every_mode, check_quietly

import tangentish
from tangentish.errors import MissingRuleError, UnsupportedValueError

_n, _u, _s = seeded(3801)

X = _n(6, 3)
Y = X @ np.array([0.5, -1.0, 0.8]) + _n(6, scale=0.3)

CASES = [
    Case("sorted_items_rebound", z.sorted_items_rebound, (_n(4), 1.3), (0, 1)),
    Case("zipped_items_rebound", z.zipped_items_rebound, (_n(3), _n(3)), (0, 1)),
    Case("dict_of_items", z.dict_of_items, (_n(2),)),
    Case("lambda_called_inline", z.lambda_called_inline, (_n(3), 0.7), (0, 1)),
    Case("asdict_ridge", z.asdict_ridge, (z.Params(_n(3), 0.2), X, Y)),
    Case("insert_front", z.insert_front, (_n(3),)),
    Case("put_along_filled", z.put_along_filled, (_n(3, 4),)),
    Case("classmethod_constructor", z.classmethod_constructor, (_n(4), X, Y)),
    Case("partial_through_helpers", z.partial_through_helpers, (_n(3), X, Y)),
]
BY_NAME = by_name(CASES)
RUN = (("lambda_called_inline", "value_and_grad"), ("classmethod_constructor", "jvp"))


@pytest.mark.parametrize("name, mode", RUN)
def test_each_program_in_its_mode_against_finite_differences(name, mode):
    check_quietly(BY_NAME[name], mode)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_program_in_vjp_against_finite_differences(case):
    check_quietly(case, "vjp")


def test_rows_of_a_2d_temporary_rebound_are_refused_when_it_runs():
    """NumPy changes a row in place: refused, naming the helper, its line and the call's."""
    with pytest.raises(UnsupportedValueError) as caught:
        tangentish.grad(z.rows_rebound)(_n(3, 2))
    text = str(caught.value)
    assert "_squash_items() changes the items of its argument 'b' in place" in text
    lines = inspect.getsource(z).splitlines()
    line = next(k for k, text in enumerate(lines, 1) if "xi /= s + xi ** 2" in text)
    assert f"idioms38_zoo.py:{line}, called at idioms38_zoo.py:" in text and "2-D ndarray" in text
    assert "return _squash_items(np.sort(V, axis=0), 2.0)" in text


def test_insert_into_a_handed_list_is_refused_naming_lists():
    with pytest.raises(MissingRuleError) as caught:
        tangentish.grad(z.insert_into_parameter)(_n(3), [])
    text = str(caught.value)
    assert "`.insert()` is a list's method" in text and "`xs = list(xs)`" in text
    assert "hist.insert(0, xi * 2.0)" in text and "idioms38_zoo.py" in text


if __name__ == "__main__":
    check_every_mode(CASES)
