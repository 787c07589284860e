"""``match`` statements of literal cases (``syntax/match_statements.py``): each case's value,
``None``/``True``/``False``, ``|`` of those, guards and the wildcard become the ``if`` chain
Python runs, differentiated in every mode against central differences (``idioms15_check``) at a
subject of each case; any other pattern (a capture, ``as``, a sequence, a mapping, a class) is
refused naming the statement, in every mode."""

from __future__ import annotations

import enum

import numpy as np
import pytest
from idioms15_check import Case, by_name, check, check_refusal, seeded

import tangentish

_n, _, _ = seeded(1811)


class Mode(enum.Enum):
    FAST = 1
    SLOW = 2


def penalty(x, kind="l2", scale=None):
    match kind:
        case "l1" | "abs":
            p = np.sum(np.abs(x))
        case "l2":
            p = np.sum(x ** 2)
        case "huber" if scale is not None:
            a = np.abs(x)
            p = np.sum(np.where(a < scale, 0.5 * a ** 2, scale * (a - 0.5 * scale)))
        case _:
            p = np.sum(np.log1p(x ** 2))
    return p


def by_count(x, k=2):
    total = 0.0
    for v in x:
        match k:
            case 0:
                total = total + v
            case 1 | 2:
                total = total + np.sin(v) * k
    return total


def singleton_and_enum(x, flag=None, mode=Mode.FAST):
    match flag:
        case None:
            y = np.tanh(x)
        case True:
            y = x ** 3
        case False:
            y = -x
    match mode:
        case Mode.FAST:
            return np.sum(y)
        case Mode.SLOW:
            return np.sum(y * np.exp(-x))


def subject_evaluated_once(x, names=("a", "b")):
    match names[int(np.argmax(x)) % 2]:
        case "a":
            return np.sum(x ** 2)
        case "b":
            return np.sum(np.cos(x))
    return 0.0


X = np.array([0.3, -0.7, 1.1])
CASES = [
    *(Case(f"penalty_{kind}", penalty, (X, kind), 0) for kind in ("l1", "abs", "l2", "other")),
    Case("penalty_huber", penalty, (X, "huber", 0.5), 0),
    Case("penalty_huber_unguarded", penalty, (X, "huber", None), 0),
    *(Case(f"by_count_{k}", by_count, (X, k), 0) for k in (0, 1, 2, 5)),
    *(Case(f"singleton_{flag}_{mode.name}", singleton_and_enum, (X, flag, mode), 0)
      for flag in (None, True, False) for mode in Mode),
    Case("subject_evaluated_once_a", subject_evaluated_once, (X,)),
    Case("subject_evaluated_once_b", subject_evaluated_once, (np.array([0.2, 1.5, -0.3]),)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_literal_cases_in_every_mode(name):
    check(BY_NAME[name])


def capture(x, kind="l2"):
    match kind:
        case "l1":
            return np.sum(np.abs(x))
        case other:
            return np.sum(x ** 2) * len(other)


def sequence(x, shape=(2, 1)):
    match shape:
        case (a, b):
            return np.sum(x) * a * b
    return np.sum(x)


def alias(x, kind="l2"):
    match kind:
        case "l1" | "l2" as chosen:
            return np.sum(x ** 2) * len(chosen)
    return np.sum(x)


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.vjp, tangentish.jvp])
@pytest.mark.parametrize("fn", [capture, sequence, alias], ids=lambda f: f.__name__)
def test_other_patterns_are_refused_naming_the_statement(fn, transform):
    check_refusal(fn, (X,), ("a `match` statement", "use `if`/`elif`"), transform)
