"""An error the user's own computation raises while a derivative runs (a NumPy shape mismatch, a
singular matrix, an index out of range) keeps its class and message, and on Python 3.11+ gets a
note naming the user's statement the generated code was running (file, line, text), through
inlined helpers, helpers with derivatives of their own, every mode and second order
(tangentish/provenance.py ``locate``).  The reference is the plain call: ``f`` itself raises the
same class on the same arguments."""

from __future__ import annotations

import sys

import numpy as np
import pytest

import tangentish

NOTES = sys.version_info >= (3, 11)  # (BaseException.add_note)


def misaligned(x, w):
    h = np.tanh(x)
    y = np.dot(w, h)  # <- here
    return np.sum(y ** 2)


def singular(x, w):
    m = w * x[0]
    return np.sum(np.linalg.inv(m)) + np.sum(x)  # <- here


def out_of_range(x, w):
    k = int(np.sum(w))
    return x[k] ** 2 + np.sum(x)  # <- here


def _project(x, w):
    return np.sum(np.dot(w, x) ** 2)  # <- here


def through_helper(x, w):
    s = np.sin(x)
    return _project(s, w)


def _looped(x, w):
    total = 0.0
    for i in range(3):
        total = total + np.sum(np.dot(w, x)) * i  # <- here
    return total


def through_a_helper_of_its_own(x, w):
    s = np.sin(x)
    return _looped(s, w) + _looped(s * 2.0, w)


W_BAD = np.ones((2, 4))
CASES = {  # function -> the arguments on which it raises
    "misaligned": (misaligned, W_BAD),
    "singular": (singular, np.zeros((2, 2))),
    "out_of_range": (out_of_range, np.full(2, 3.0)),
    "through_helper": (through_helper, W_BAD),
    "through_a_helper_of_its_own": (through_a_helper_of_its_own, W_BAD),
}
MODES = {
    "grad": lambda f, x, w: tangentish.grad(f)(x, w),
    "value_and_grad": lambda f, x, w: tangentish.value_and_grad(f)(x, w),
    "jvp": lambda f, x, w: tangentish.jvp(f)(x, w, x_dot=np.ones_like(x)),
    "vjp": lambda f, x, w: tangentish.vjp(f)(x, w),
    "hessian": lambda f, x, w: tangentish.hessian(f)(x, w),
    "grad_of_grad": lambda f, x, w: tangentish.grad(lambda v, m: np.sum(
        tangentish.grad(f)(v, m)))(x, w),
}


def _marked(function) -> tuple[str, int, str]:
    """The file, line number and text of the line of ``function``'s file marked ``# <- here``
    after ``function``'s definition."""
    code = function.__code__
    with open(code.co_filename) as handle:
        lines = handle.read().splitlines()
    start = code.co_firstlineno - 1
    index = next(i for i in range(start, len(lines)) if lines[i].endswith("# <- here"))
    return code.co_filename, index + 1, lines[index].split("#")[0].strip()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES)
def test_a_user_error_keeps_its_class_and_names_the_users_line(case, mode):
    f, w = CASES[case]
    x = np.array([0.3, -0.2, 0.5])
    with pytest.raises(Exception) as plain:
        f(x, w)
    with pytest.raises(plain.type) as raised:
        MODES[mode](f, x, w)
    assert str(raised.value) == str(plain.value)
    if not NOTES:
        return
    helper = {"through_helper": _project, "through_a_helper_of_its_own": _looped}.get(case, f)
    filename, lineno, text = _marked(helper)
    notes = getattr(raised.value, "__notes__", [])
    assert len(notes) == 1, notes  # once, whatever wrappers it passed through
    assert f'File "{filename}", line {lineno}, in {helper.__name__}' in notes[0], notes[0]
    assert text in notes[0]
