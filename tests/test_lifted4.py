"""What refusals4 lifted (tests/lifted4_zoo.py) in every mode and at second order against
central differences; what stays refused names the user's source text with a hint that works."""

from __future__ import annotations

import inspect
import re

import lifted4_zoo as zoo
import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad
from idioms15_check import by_name, check

import tangentish
from tangentish import runtime

CASES = by_name(zoo.CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_mode_and_second_order(name):
    check(CASES[name])


def _shares_after_a_return(x):
    if np.sum(x) > 0.5:
        if np.sum(x) > 2.0:
            return np.sum(x)
        s = np.sin(x)
    else:
        s = np.cos(x)
    e = s
    e -= e
    return np.sum(s * x + e)


@pytest.mark.parametrize("x", [[0.1, 0.2, -0.3], [0.4, 0.3, 0.2], [1.0, 0.9, 0.8]])
def test_an_array_shared_after_a_return_is_differentiated(x):
    """Arrays that share memory after a return's branch (refused until stop 59; followed by
    passes/view_writes.py since): ``e -= e`` empties ``s`` too, on each branch."""
    x = np.array(x)
    assert_grad_close(tangentish.grad(_shares_after_a_return)(x.copy()),
                      numeric_grad(_shares_after_a_return, (x,)))


def test_the_tape_check_refuses_only_what_the_tape_holds():
    """``check_unshared(..., tape=True)``, placed where a gradient differentiated again changes
    an array its tape may hold: an array the tape holds (a view of) or a list is refused naming
    the user's array and line; a fresh array and a number (rebound, not changed) pass."""
    held = np.arange(6.0)
    tape = [(held[2:4], 1.0), np.ones(2)]
    runtime.check_unshared(np.zeros(3), tape, "a", "_tape", "f.py:3", tape=True)
    runtime.check_unshared(1.5, tape, "a", "_tape", "f.py:3", tape=True)
    runtime.check_unshared(held, tape, "a", "_tape", "f.py:3", 0, tape=True)  # (not held)
    for changed, index in ((held, 3), (held, Ellipsis), ([held], 0)):
        with pytest.raises(tangentish.UnsupportedConstructError) as caught:
            runtime.check_unshared(changed, tape, "a", "_tape", "f.py:3", index, tape=True)
        assert "'a' is changed in place at f.py:3 while the gradient's tape" in str(caught.value)
        assert "`a = a.copy()`" in str(caught.value)


@pytest.mark.parametrize("f", zoo.REFUSED, ids=lambda f: f.__name__)
@pytest.mark.parametrize("mode", ["grad", "jvp"])
def test_what_stays_refused_names_the_users_text(f, mode):
    """Refused at the line marked ``# refused``, naming the user's text (never a generated name
    such as ``c_item``), the module-level values unchanged."""
    before = [r.copy() for r in zoo.ROWS]
    with pytest.raises(tangentish.UnsupportedConstructError) as caught:
        if mode == "grad":
            tangentish.grad(f)(0.7)
        else:
            tangentish.jvp(f)(0.7, x_dot=1.0)
    message = str(caught.value)
    line = inspect.getsourcelines(f)[1] + next(
        k for k, text in enumerate(inspect.getsourcelines(f)[0]) if "# refused" in text)
    assert f"lifted4_zoo.py\", line {line}," in message and "hint:" in message, message
    assert not re.search(r"\b\w+_(item|t\d+|seq)\b|\b_\w+", message.split("File")[0] +
                         message.split("hint:")[1]), message
    for now, was in zip(zoo.ROWS, before, strict=True):
        np.testing.assert_array_equal(now, was)


@pytest.mark.parametrize("f", list(zoo.WORDS), ids=lambda f: f.__name__)
def test_refusals_name_the_users_text_and_hint_what_works(f):
    """Each refusal names the user's variables (never ``cfg_w``), at the marked line, and its
    hint is what the zoo's next program does (checked in every mode by CASES)."""
    said, unsaid = zoo.WORDS[f]
    with pytest.raises(tangentish.UnsupportedConstructError) as caught:
        tangentish.grad(f)(np.array([0.4, -0.7]))
    message = str(caught.value)
    line = inspect.getsourcelines(f)[1] + next(
        k for k, text in enumerate(inspect.getsourcelines(f)[0]) if "# refused" in text)
    assert f"lifted4_zoo.py\", line {line}," in message, message
    assert all(part in message for part in said), message
    assert not any(part in message for part in unsaid), message


def test_a_copy_hint_of_an_expression_is_parenthesised():
    with pytest.raises(tangentish.UnsupportedConstructError, match=r"`\(x \* 1\.0\)\.copy\(\)`"):
        a = np.ones(3)
        runtime.check_unshared(a, a[1:], "v", "x * 1.0", "f.py:2", text=True)
