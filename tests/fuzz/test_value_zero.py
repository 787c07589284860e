"""The ``nan-value-zero`` verdict (fuzz/value_zero.py): a NaN that only value zeros explain is
reported apart, and a NaN from a structural zero, or from anything the nudge does not remove,
stays ``wrong``.  Both kinds are committed here: value zeros (``norm(sqrt(v * v))`` at a zero
element, ``var(sqrt(x * x) * ones)`` at 0, the shrunk fuzz seed 3403 program 116) and real or
planted findings (fuzz seed 3401 program 29, tangentish's reverse over reverse through a loop;
a NaN planted wherever an input holds an exact zero; a NaN planted always)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import tangentish
from fuzz import value_zero
from fuzz.checks import prepare
from fuzz.modes import run_check
from fuzz.plan import Plan
from fuzz.program import Param, Program, load, unload
from fuzz.sites import SINGULAR, Site

HEAD = "import math\nimport numpy as np\n\n\n"

VALUE_ZEROS = {
    "norm_of_sqrt_of_squares": ("def f(v):\n    return np.linalg.norm(np.sqrt(v * v))\n",
                                np.array([0.0, 0.5, -1.2])),
    "var_of_sqrt_of_squares": ("def f(x):\n    return np.var(np.sqrt(x * x) * np.ones(3))\n", 0.0),
    # np.sqrt of a variance exactly 0 (equal entries whose mean is exact), a function of x: its
    # derivative is exactly 0 (rules/numpy_reductions.py: the deviations centred again), and
    # sqrt's partial inf there (fuzz seed 5540, program 37: README's value zeros)
    "sqrt_of_var_of_equal_values": ("def f(x):\n    return np.sqrt(np.var(0.3 + x * np.ones(3))) + x\n",
                                    0.2),
    "seed_3403_program_116": ("def f(v):\n    g1 = np.array(v)\n    g1 *= np.var(0.5)\n"
                              "    return np.var(np.take(np.sqrt(np.concatenate((g1, v))), "
                              "np.arange(3)))\n",
                              np.array([-0.6580300940226317, -0.43906247010880106, -0.849705814466047])),
    # NumPy under a name f imports itself (the fuzzer's local_imports: seed 3805, program 73)
    "local_import_alias": ("def f(v):\n    import numpy as onp\n"
                           "    return onp.linalg.norm(onp.sqrt(v * v))\n",
                           np.array([0.0, 0.5, -1.2])),
    # a site in a loop whose only zero is a constant padding (seed 3804, program 86)
    "loop_site_with_a_constant_zero": ("def f(v):\n    s = 0.0\n    for i in range(2):\n"
                                       "        s = s + np.sum(np.sqrt(np.concatenate((v * v + 1.0, "
                                       "[-1.0, 0.0])))[:3])\n"
                                       "    return s + np.linalg.norm(np.sqrt(v * v))\n",
                                       np.array([0.0, 0.5, -1.2])),
    # a transform of a helper with a site of its own, inside f (seed 4751, program 104: the
    # recording's helper had the site wrapped in a hook with no rule)
    "transform_of_a_helper": ("import tangentish\n\n\ndef h(a):\n    return np.sqrt(a * a + 1.0)\n\n\n"
                              "def f(v):\n    c = tangentish.grad(h)(0.5)\n"
                              "    return c * np.linalg.norm(np.sqrt(v * v))\n",
                              np.array([0.0, 0.5, -1.2])),
    # math.pow(u, 0.5), a site too (seed 4764, program 163)
    "math_pow_half": ("def f(x):\n    e = math.pow(abs(x * x), 0.5)\n"
                      "    return math.sqrt(e * e + 0.5)\n", 0.0),
    # a value zero at a site in a loop, in two iterations (seed 4764, program 131): one nudge
    # serves both; the first iteration's argument is not 0 there
    "loop_site_zero_twice": ("def f(v):\n    for _ in range(3):\n        v = v - np.sqrt(v * v)\n"
                             "    return np.sum(v * v)\n", np.array([0.4, -0.7, 1.1])),
    # the same value zero at a site in every iteration of a loop, the earlier iterations'
    # values overwritten, unread (seed 5512, program 34): those calls are nudged too
    "loop_site_in_dead_iterations": ("def f(v):\n    w = np.sin(v) * np.maximum(v, 0.0)\n"
                                     "    for k in range(2):\n        c = np.sum(np.sqrt(w * w))\n"
                                     "    return c\n", np.array([0.37, -0.78, 0.35])),
    # a comparison reads the NaN put at the site: handed back as it was, the path stays, and
    # the NaN reaches f (seed 4882, program 11: `a > 0.2` in a helper, the zero `e - e * 1.0`)
    "comparison_reading_the_site": ("def f(v):\n    e = v[1]\n"
                                    "    r = np.sqrt(np.concatenate((e - e * np.ones(2), [1.0, 0.0])))\n"
                                    "    s = np.logaddexp.reduce(r)\n    if s > 0.2:\n"
                                    "        s = s * 2.0\n    return s\n",
                                    np.array([0.3, -0.8, 1.1])),
    # a chained comparison reads the NaN: its own short-circuit (`-5 < s` False, `s < 5` never
    # evaluated) changed the path where the result handed back did not (seed 4916, program 71)
    "chained_comparison_reading_the_site": ("def f(v):\n    e = v[1]\n"
                                            "    s = np.sqrt(e - e * 1.0) + np.sum(v)\n"
                                            "    if -5.0 < s < 5.0:\n        s = s * 2.0\n"
                                            "    return s\n", np.array([0.3, -0.8, 1.1])),
    # 16 read singular elements, over the 12 once examined at most (seed 4922, program 56: six
    # sites of a (v - v) * (v - v) chain)
    "many_singular_elements": ("def f(v):\n    d = v - v\n"
                               "    return np.sum(np.sqrt(d * d) + np.sqrt(d * d * 2.0) + np.cbrt(d)"
                               " + np.sqrt(d * d * 3.0))\n", np.array([0.3, -0.8, 1.1, 0.6])),
    # the composite is smooth through the singular point (cbrt(0.5 x**3) = 0.79 x): the nudged
    # derivative is 0, off the slope, and the NaN is judged on the program nudged so that the
    # finite differences resolve it (seed 4933, program 41: math.cbrt of t * t * t at t = 0)
    "smooth_composite_through_the_point": ("def f(x):\n    return np.cbrt(0.5 * x * x * x) + x\n", 0.0),
    # the zero depends on v through np.fmin only, which drops a NaN (seed 4946, program 33)
    "zero_through_fmin": ("def f(v):\n    a = np.fmin(v, 5.0)\n"
                          "    return np.linalg.norm(np.sqrt(a - a)) + np.sum(v)\n",
                          np.array([0.3, -0.8, 1.1])),
    # a NaN put in v[0] raised at a cast to an integer, so the zero looked constant (seed 4900,
    # program 70: k1[1] = x into np.full(2, 2)); a cast is handed back like a comparison
    "cast_into_an_integer_array": ("def f(v):\n    k = np.full(2, 2)\n    k[1] = v[0]\n"
                                   "    g = v * 0.0\n"
                                   "    return np.linalg.norm(np.sqrt(g * g)) + np.sum(v) + np.sum(k)\n",
                                   np.array([0.7, -0.8, 1.1])),
    "int_of_a_parameter": ("def f(v):\n    n = int(v[0] * 3.0)\n    g = v * 0.0\n"
                           "    return np.linalg.norm(np.sqrt(g * g)) + np.sum(v) * n\n",
                           np.array([0.7, -0.8, 1.1])),
    # the singular points at +-1 (fuzz/sites.py SINGULAR): the nudge is one step inside, and the
    # value it moves (arccos by 1.5e-8) is moved back
    "arccos_at_one": ("def f(v):\n    return np.sum(np.arccos(v - v + 1.0)) + np.sum(v)\n",
                      np.array([0.3, -0.8, 1.1])),
    "arcsin_at_minus_one": ("def f(v):\n    return np.sum(np.arcsin(v * 0.0 - 1.0) * v)\n",
                            np.array([0.3, -0.8, 1.1])),
    "arccosh_at_one": ("def f(v):\n    return np.sum(np.arccosh(v * 0.0 + 1.0)) + np.sum(v * v)\n",
                       np.array([0.3, -0.8, 1.1])),
    "math_acos_at_one": ("def f(x):\n    return math.acos(x - x + 1.0) + x\n", 0.4),
    "arctanh_through_tanh": ("def f(v):\n    return np.sum(np.tanh(np.arctanh(v * 0.0 + 1.0))) "
                             "+ np.sum(v)\n", np.array([0.3, -0.8, 1.1])),
    # the value zero of v ** 0 (0 * v ** -1), which a NaN in v does not reach in IEEE (nan ** 0
    # is 1): arccos of it at 1 (fuzz seed 5194, program 100)
    "power_exponent_zero": ("def f(v):\n    return np.sum(np.arccos(np.clip(v ** np.arange(3.0), "
                            "-1.0, 1.0)))\n", np.array([0.3, -0.8, 0.6])),
}
if hasattr(math, "cbrt"):  # (Python >= 3.11) math.cbrt of a - a, a site too (seed 4781, program 65)
    VALUE_ZEROS["math_cbrt_of_a_difference"] = (
        "def f(x):\n    c = math.cbrt((x - x) * 0.7)\n    return 2.0 * math.exp(c)\n", 0.5)


def _case(tmp_path, text: str, value, name: str = "x"):
    kind = "array" if isinstance(value, np.ndarray) else "float"
    parameter = "v" if "def f(v)" in text else name
    program = Program(HEAD + text, (Param(parameter, kind, np.shape(value)),), ("unused_domain",))
    module = load(program, tmp_path, "value_zero_case")
    return program, module, prepare(program, module, [value]), parameter


@pytest.mark.parametrize("mode", ["grad", "vjp", "jvp"])
@pytest.mark.parametrize("name", VALUE_ZEROS)
def test_a_value_zero_nan_is_reported_apart(tmp_path, name, mode):
    text, value = VALUE_ZEROS[name]
    _, module, case, parameter = _case(tmp_path, text, value)
    plan = Plan(mode, ((parameter, "name"),), False, (0,))
    try:
        assert run_check(case, plan, tangentish, classify=False).verdict == "wrong"  # (a NaN)
        outcome = run_check(case, plan, tangentish)
    finally:
        unload(module)
    assert outcome.verdict == "nan-value-zero", outcome
    assert "nan" in outcome.detail


SEED_3401_PROGRAM_29 = """\
def h1(a):
    it1 = 0
    while it1 < 4:
        it1 += 1
        acc2 = np.array([np.clip(a * a, -1.0, 0.5), np.tanh(a - a), 3.0 * math.erf(a), 3.0])
        u = np.sqrt(np.concatenate((acc2 * acc2, [-1.0, 0.0])))
        a /= np.amax(np.clip(np.concatenate((u, [1.0]))[:4], 0.25, None))
    return np.linalg.norm((1.0 + (a * np.ones(4)) ** 2) ** 0.5)


def f(x):
    acc6 = h1(np.fmin(3.0 * x, np.mean(x * np.ones(4))))
    res7 = acc6
    return res7
"""


def test_a_structural_zero_nan_stays_wrong(tmp_path):
    """tangentish's grad of grad through a loop gives NaN at an element the clip never reads
    (tests/test_structural_loops_second_order.py): never a value zero (``ok`` once fixed)."""
    _, module, case, _ = _case(tmp_path, SEED_3401_PROGRAM_29, 0.06426170113160268)
    plan = Plan("gradgrad", (("x", "index"),), False, (3401, 29, 0, 6), second=("x", "name"))
    try:
        outcome = run_check(case, plan, tangentish)
    finally:
        unload(module)
    assert outcome.verdict in ("wrong", "ok"), outcome


class _Planted:
    """tangentish, with a NaN planted in every gradient (``always``) or where an input array
    holds an exact 0.0 (not a value zero of the program: the nudge does not remove it)."""

    TangentishError = tangentish.TangentishError

    def __init__(self, always: bool):
        self.always = always

    def grad(self, fn, wrt=0):
        gradient = tangentish.grad(fn, wrt=wrt)

        def planted(*args, **kwargs):
            out = np.array(gradient(*args, **kwargs), dtype=np.float64)
            if self.always or any(isinstance(a, np.ndarray) and np.any(a == 0.0) for a in args):
                out.reshape(-1)[0] = np.nan
            return out

        return planted


@pytest.mark.parametrize("name", ["norm_of_sqrt_of_squares", "arccos_at_one"])
@pytest.mark.parametrize("always", [True, False], ids=["always", "at_a_zero_input"])
def test_a_nan_the_nudge_does_not_remove_stays_wrong(tmp_path, always, name):
    text, value = VALUE_ZEROS[name]
    if not always:  # (a NaN planted where an input holds a 0: give it one)
        value = np.array([0.0, *value[1:]])
    _, module, case, _ = _case(tmp_path, text, value)
    plan = Plan("grad", (("v", "name"),), False, (0,))
    try:
        outcome = run_check(case, plan, _Planted(always))
    finally:
        unload(module)
    assert outcome.verdict == "wrong", outcome


class _Doubled:
    """tangentish, with every gradient doubled (a NaN stays NaN; a finite value is off)."""

    TangentishError = tangentish.TangentishError

    def grad(self, fn, wrt=0):
        gradient = tangentish.grad(fn, wrt=wrt)
        return lambda *args, **kwargs: 2.0 * np.asarray(gradient(*args, **kwargs))


def test_a_nan_over_a_wrong_number_stays_wrong(tmp_path):
    """The nudge removes the NaN of ``cbrt(0.5 v**3)`` at ``v[0] = 0`` and leaves a wrong
    number: the program nudged by ``RESOLVED`` shows it wrong too (not only the slope the
    singular point hides), and the verdict stays ``wrong``."""
    text = "def f(v):\n    return np.sum(np.cbrt(0.5 * v * v * v)) + np.sum(v)\n"
    _, module, case, _ = _case(tmp_path, text, np.array([0.0, 0.5, -1.2]))
    plan = Plan("grad", (("v", "name"),), False, (0,))
    try:
        assert run_check(case, plan, tangentish).verdict == "nan-value-zero"
        outcome = run_check(case, plan, _Doubled())
    finally:
        unload(module)
    assert outcome.verdict == "wrong", outcome


# name: (the function's body at x = [0.0, 0.8, 1.3], whether its singular element 0 is nudged:
# read by f, and dependent on x)
NUDGED = {
    "norm": ("return np.linalg.norm(np.sqrt(x * x))", True),
    "scaled": ("return np.sum(np.sqrt(x * x) * np.arange(1.0, 4.0))", True),
    "slice": ("return np.sum(np.sqrt(x)[1:])", False),
    "where": ("return np.sum(np.where(x > 0.5, np.sqrt(x), 0.0))", False),
    "fmax": ("return np.sum(np.fmax(np.sqrt(x), 0.25))", False),
    "equality_mask": ("r = np.sqrt(x)\n    return np.sum(np.where(r == 0.0, 0.0, r ** 3))", False),
    "branch": ("r = np.sqrt(x)\n    return float(r[1]) if r[0] == 0.0 else float(r[0])", False),
    "var_of_equal_values": ("return np.var(np.sqrt(x[:1] * x[:1]) * np.ones(3))", True),
    "other_call_read": ("t = 0.0\n    for k in range(2):\n        r = np.sqrt(x + k)\n"
                        "        t = t + (np.sum(r[1:]) if k == 0 else np.sum(r))\n    return t", False),
    # (read and singular at both calls: one nudge serves both, value_zero._one_nudge)
    "called_twice": ("t = 0.0\n    for k in range(2):\n        t = t + np.linalg.norm(np.sqrt(x * x))\n"
                     "    return t", True),
    "unread_then_read": ("t = 0.0\n    for k in range(2):\n        r = np.sqrt(x * x)\n"
                         "        t = t + (np.sum(r[1:]) if k == 0 else np.linalg.norm(r))\n"
                         "    return t", False),
    "constant_zero": ("return np.sum(np.sqrt(np.concatenate((x * x, [-1.0, 0.0])))[:3])", True),
    "times_zero": ("return np.linalg.norm(np.sqrt(x * 0.0)) + np.sum(x)", True),
    "not_yet_written": ("g = np.zeros(3)\n    y = np.linalg.norm(np.sqrt(g)) * np.sum(x)\n"
                        "    g[1] = x[1]\n    return y + np.sum(g)", False),
    "selected_constant": ("return np.linalg.norm(np.sqrt(np.where(x > 5.0, x, 0.0))) + np.sum(x)",
                          False),
    # (the NaN meets a comparison: its result handed back, the branch stays the one taken)
    "read_then_compared": ("r = np.linalg.norm(np.sqrt(x * x))\n"
                           "    return r * 2.0 if r > 0.5 else r", True),
    # (a tie at the point, x[0] <= 0.0: the step one way leaves the path, back the other way
    # keeps it; np.nansum drops the NaN; fuzz seed 4946, program 33)
    "tie_one_way": ("s = np.nansum(x) - 2.1\n    r = np.sqrt(s * s)\n"
                    "    return r * 2.0 if x[0] <= 0.0 else r", True),
    # (np.fmin drops a NaN: it picks by the comparison handed back; fuzz seed 4946, program 33)
    "fmin_selected": ("a = np.fmin(x, 5.0)\n    return np.linalg.norm(np.sqrt(a - a))", True),
    "fmin_unselected": ("a = np.fmin(x, -5.0)\n    return np.linalg.norm(np.sqrt(a - a)) + np.sum(x)",
                        False),
    "compared_only": ("r = np.sqrt(x * x)\n    return np.sum(x) if r[0] < 0.5 else 0.0", False),
    # (an order's permutation is handed back: a NaN stays where its value was ordered, not last;
    # fuzz seed 7431, program 6; the unread ones were nudged before, as if read)
    "sorted_first": ("return np.sort(np.sqrt(x * x))[0] + np.sum(x)", True),
    "sorted_unread": ("return np.sum(np.sort(np.sqrt(x * x))[1:])", False),
    "partitioned_first": ("return np.partition(np.sqrt(x * x), 1, axis=0)[0] + np.sum(x)", True),
    "argsorted_unread": ("r = np.sqrt(x * x)\n    return np.sum(r[np.argsort(r)][1:])", False),
    "list_sorted_in_place": ("r = list(np.sqrt(x * x))\n    r.sort(reverse=True)\n"
                             "    return r[-1] + np.sum(x)", True),
    "part_sorted_in_place": ("r = np.sqrt(x * x)[::-1]\n    r[1:].sort()\n"
                             "    return np.sum(r[::2]) + np.sum(x)", False),
    "python_sorted_unread": ("return sum(sorted(np.sqrt(x * x))[1:])", False),
}


@pytest.mark.parametrize("name", NUDGED)
def test_a_singular_element_is_nudged_only_where_read_and_varying(tmp_path, name):
    """Read: a NaN put there reaches ``f``; varying: it moves with ``x``, or a NaN in ``x``
    reaches it; each on the path and with every comparison as it was."""
    body, expected = NUDGED[name]
    x = np.array([0.0, 0.8, 1.3])
    text, sites = value_zero.instrument(HEAD + f"def f(x):\n    {body}\n", "_FZ_SITE", compare=True)
    recorder = value_zero.Recorder()
    module = value_zero._load(text, tmp_path, f"reads_{name}",
                              {"_FZ_SITE": recorder.site, "_FZ_CMP": recorder.compare,
                               "_FZ_CHAIN": recorder.chain, "_FZ_PICK": recorder.pick,
                               "_FZ_CAST": recorder.cast, "_FZ_POW": recorder.power,
                               "_FZ_ORDER": recorder.order})
    read = value_zero.read_singular(module, recorder, [x], [0], sites)
    found = bool(read) and bool(read[0][0].reshape(-1)[0] != 0.0)
    assert found is expected, read


def _one(*values):
    return np.array(values, dtype=bool)


@pytest.mark.parametrize("calls, masks, expected, dead", [
    ([[1.0, 1.0], [0.0, 2.0]], {1: _one(1, 0)}, _one(1, 0), set()),  # (the first call's 1.0 stays 1.0)
    ([[0.0, 1.0], [0.0, 2.0]], {0: _one(1, 0), 1: _one(1, 0)}, _one(1, 0), set()),
    ([[0.0, 1.0], [0.0, 2.0]], {1: _one(1, 0)}, None, set()),  # (the first call's 0 is not read)
    ([[1e-210, 1.0], [0.0, 2.0]], {1: _one(1, 0)}, None, set()),  # (the nudge would move 1e-210)
    ([[1.0], [0.0, 2.0]], {1: _one(1, 0)}, None, set()),  # (shapes differ)
    ([[0.0, 1.0], [0.0, 2.0]], {1: _one(1, 0)}, _one(1, 0), {0}),  # (the first call unread)
    ([[1e-210, 1.0], [0.0, 2.0]], {1: _one(1, 0)}, _one(1, 0), {0}),
])
def test_one_nudge_for_every_call_of_a_site(calls, masks, expected, dead):
    found = value_zero._one_nudge([np.array(u) for u in calls], masks, Site("sqrt"), dead)
    assert (found is None) if expected is None else np.array_equal(found[0] != 0.0, expected), found


# kind: (its partial in closed form, a point where it is differentiable)
PARTIALS = {
    "sqrt": (lambda u: 0.5 / np.sqrt(u), 0.5),
    "cbrt": (lambda u: 1.0 / (3.0 * np.cbrt(u) ** 2), 0.5),
    "arcsin": (lambda u: 1.0 / np.sqrt(1.0 - u * u), 0.5),
    "arccos": (lambda u: -1.0 / np.sqrt(1.0 - u * u), -0.5),
    "arctanh": (lambda u: 1.0 / (1.0 - u * u), 0.5),
    "arccosh": (lambda u: 1.0 / np.sqrt(u * u - 1.0), 2.0),
    "power": (lambda u: 0.5 / np.sqrt(u), 0.5),  # (u ** 0.5)
}


@pytest.mark.parametrize("kind", sorted(PARTIALS))
def test_the_singular_points_and_their_nudges(kind):
    """Each point of the table (fuzz/sites.py ``SINGULAR``) has an infinite partial; its nudge
    moves the point into the domain, where the partial is finite (a value zero times it is 0)
    and the fix gives the value back; a point where the function is differentiable is not
    singular and never nudged (a NaN there stays wrong)."""
    partial, regular = PARTIALS[kind]
    site = Site(kind, 0.5 if kind == "power" else None)
    points = np.array([point for point, _ in SINGULAR[kind]])
    with np.errstate(all="ignore"):
        assert np.all(np.isinf(partial(points)))
        assert not np.isinf(partial(regular))
    u = np.array([*points, regular])
    assert site.singular(u).tolist() == [True] * len(points) + [False]
    nudge = site.nudge(u)
    assert nudge[-1] == 0.0 and np.all(points + nudge[:-1] != points)
    with np.errstate(all="ignore"):
        assert np.all(np.isfinite(partial(points + nudge[:-1])))
        assert np.all(0.0 * partial(points + nudge[:-1]) == 0.0)
        fix = site.value(points) - site.value(points + nudge[:-1])
        assert np.array_equal(site.value(points + nudge[:-1]) + fix, site.value(points))


def test_a_nan_hidden_by_a_tie_is_invalid_in_every_mode(tmp_path):
    """A value zero's NaN (``cbrt(v0 - v0)``) in the parameter that also meets a tie
    (``np.median`` of ``v[1:] * v[0]`` at ``v[0] = 0``: tangentish splits among the tied, the
    finite differences see the median): once nudged, the check cannot judge (fuzz/ties.py), and
    neither can the check with the NaN (fuzz seed 5201, program 70 was ``wrong`` in the modes
    differentiating that parameter, ``nan-value-zero`` in the others)."""
    text = "def f(v):\n    return np.median(v[1:] * v[0]) + np.cbrt(v[0] - v[0])\n"
    _, module, case, _ = _case(tmp_path, text, np.array([0.0, 0.3, -0.8, 1.1]))
    try:
        outcomes = [run_check(case, Plan(mode, (("v", "name"),), False, (0,)), tangentish)
                    for mode in ("grad", "vjp", "jvp", "value_and_grad")]
    finally:
        unload(module)
    assert {o.verdict for o in outcomes} == {"invalid"}, outcomes
    assert all("order statistic" in o.detail for o in outcomes), outcomes
