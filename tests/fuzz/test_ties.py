"""Ties of order statistics (fuzz/ties.py): a derivative off its finite differences where an
order statistic ties is ``invalid`` (not differentiable there: fuzz seed 4600 program 790,
``np.median(v * y)`` at ``y = 0``; seed 4502 program 71, ``np.quantile(np.maximum(v, 0.0), 0.3)``
with every element 0); the same programs off the tie are ``ok``, and a wrong derivative planted
where nothing ties stays ``wrong``.  Then which operands tie, call by call."""

from __future__ import annotations

import numpy as np
import pytest

import tangentish
from fuzz import ties
from fuzz.checks import prepare
from fuzz.modes import run_check
from fuzz.plan import Plan
from fuzz.program import Param, Program, load, unload

HEAD = "import numpy as np\n\n\n"

# name: (f, its parameters (name, value), wrt, a point with a tie, one without)
CASES = {
    "seed_4600_program_790": ("def f(y, v):\n    return np.median(v * y)\n",
                              "y", [0.0, np.array([0.8556757189028517, -0.764647033199263,
                                                   0.5843962814885733])],
                              [0.5, np.array([0.85, -0.76, 0.58])]),
    "seed_4502_program_71": ("def f(v):\n    return np.quantile(np.maximum(v, 0.0), 0.3)\n",
                             "v", [np.array([0.0, -0.5217646543168605, -0.7247794013989299])],
                             [np.array([0.5, 0.25, 1.5])]),
    "sorted_builtin": ("def f(v, y):\n    return sorted(v * y)[1] + 0.5 * y\n",
                       "y", [np.array([1.5, -0.5, 0.25]), 0.0], [np.array([1.5, -0.5, 0.25]), 0.5]),
}


def _case(tmp_path, text: str, values: list, stem: str):
    names = [line.split("(")[1].split(")")[0] for line in text.splitlines() if line.startswith("def f")]
    params = tuple(Param(n.strip(), "array" if isinstance(v, np.ndarray) else "float", np.shape(v))
                   for n, v in zip(names[0].split(","), values, strict=True))
    program = Program(HEAD + text, params)
    module = load(program, tmp_path, stem)
    return module, prepare(program, module, values)


@pytest.mark.parametrize("name", CASES)
def test_a_tie_is_not_comparable_and_off_it_the_check_passes(tmp_path, name):
    text, wrt, tied, apart = CASES[name]
    plan = Plan("grad", ((wrt, "name"),), False, (0,))
    for values, verdict in ((tied, "invalid"), (apart, "ok")):
        module, case = _case(tmp_path, text, values, f"tie_{name}_{verdict}")
        try:
            outcome = run_check(case, plan, tangentish)
        finally:
            unload(module)
        assert outcome.verdict == verdict, outcome


class _Planted:
    """tangentish with 1.0 added to every gradient: wrong at any point."""

    TangentishError = tangentish.TangentishError

    def grad(self, fn, wrt=0):
        gradient = tangentish.grad(fn, wrt=wrt)
        return lambda *args, **kwargs: np.asarray(gradient(*args, **kwargs)) + 1.0


def test_a_wrong_derivative_where_nothing_ties_stays_wrong(tmp_path):
    text, wrt, _, apart = CASES["seed_4600_program_790"]
    module, case = _case(tmp_path, text, apart, "tie_planted")
    try:
        outcome = run_check(case, Plan("grad", ((wrt, "name"),), False, (0,)), _Planted())
    finally:
        unload(module)
    assert outcome.verdict == "wrong", outcome


# body of f(x) at x = [0.0, 0.5, 0.5, -1.0]: whether an order statistic ties
TIES = [
    ("np.max(x)", True),  # (0.5 twice, the maximum)
    ("np.max(x[[0, 1, 3]])", False),
    ("np.min(x[1:3])", True),
    ("np.min(x)", False),  # (0.5 twice, but not the minimum)
    ("x.max()", True),
    ("x[:2].max(axis=0)", False),
    ("np.amax(np.reshape(x, (2, 2)), axis=0)", False),
    ("np.amax(np.reshape(x, (2, 2)), axis=1)", False),
    ("np.amin(np.reshape(np.concatenate((x, x)), (2, 4)), axis=0)", True),
    ("np.amin(np.reshape(np.concatenate((x, x)), (2, 4)), axis=1)", False),
    ("np.median(x)", True),
    ("np.quantile(x[[0, 1, 3]], 0.3)", False),
    ("np.sort(x * 2.0)", True),
    ("sorted(x[[0, 1, 3]])", False),
    ("sorted(list(x), reverse=True)", True),  # (fuzz seed 4889, program 84)
    ("sorted(list(x[[0, 1, 3]]), reverse=True)", False),
    ("np.maximum(x, 0.5)", True),
    ("np.maximum(x, 0.75)", False),
    ("np.fmin(x[:2], x[2:])", False),
    ("max(x[0], x[3])", False),
    ("max(x[1], x[2])", True),
    ("min(x[0], 1.0, x[0])", True),
    ("np.sum(x)", False),
]


# statements sorting in place, then `return np.sum(xs)` (fuzz seed 5005 program 16: `xs.sort()`
# of a list holding three zeros)
SORTS = [
    ("xs = [x[0], x[1], x[2] * 1.0]\n    xs.sort()", True),
    ("xs = [x[0], x[1] * 2.0, x[3]]\n    xs.sort()", False),
    ("xs = [x[0], x[1] * 2.0, x[3]]\n    xs.sort(key=abs)", True),
    ("xs = list(x[[0, 1, 3]])\n    xs.sort(reverse=True)", False),
    ("xs = x.reshape(2, 2) * 1.0\n    xs.sort(axis=0)", False),
    ("xs = x.reshape(2, 2) * 1.0\n    xs.sort()", False),
    ("xs = x * 1.0\n    xs.sort()", True),
]


@pytest.mark.parametrize(("body", "tied"), TIES + SORTS)
def test_which_operands_tie(body, tied):
    returned = "\n    return np.sum(xs)" if "\n" in body else ""
    text = HEAD + f"def f(x):\n    {body if returned else f'return np.sum({body})'}{returned}\n"
    assert ties.order_tie(text, [np.array([0.0, 0.5, 0.5, -1.0])]) is tied


def test_a_tie_inside_a_transformed_helper_is_seen():
    """``tangentish.grad(h)`` of one of the program's own functions: the tie ``h`` meets at the
    values the derivative is called with counts (fuzz seed 4809 program 82: ``np.max`` of an
    all-zero value inside ``h``, tied, where ``f`` itself has no order statistic)."""
    helper = "import tangentish\n\n\ndef h(a, c):\n    return np.max(a * c) ** 2 + c\n\n\n"
    for scale, tied in ((0.0, True), (1.0, False)):
        text = HEAD + helper + (f"def f(x):\n    return np.sum(tangentish.grad(h)(x * {scale}, 2.0))"
                                " + np.sum(x)\n")
        assert ties.order_tie(text, [np.array([0.3, 0.5, -1.0])]) is tied
