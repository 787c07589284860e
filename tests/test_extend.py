"""User-written rules: registration checks, round trips through both modes, template globals,
linear maps, functions without source, and the shortcuts (elementwise, linear with an adjoint)."""

import inspect
import math
import os
import re
import subprocess
import sys

import gast
import numpy as np
import pytest
from helpers import numeric_grad

import tangentish
import tangentish.registry
from tangentish import RuleDefinitionError
from tangentish.extend import adjoint, d, elementwise, linear, rule


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softplus(x):
    return np.log1p(np.exp(x))


@rule(softplus)
class Softplus:
    def adjoint(y, x):
        d[x] = d[y] * sigmoid(x)

    def tangent(y, x):
        d[y] = d[x] * sigmoid(x)


# A ufunc without Python source: only a rule can differentiate it.
square_ufunc = np.frompyfunc(lambda v: v * v, 1, 1)


@rule(square_ufunc)
class Square:
    def adjoint(y, x):
        d[x] = d[y] * 2.0 * x

    def tangent(y, x):
        d[y] = d[x] * 2.0 * x


def roll_one(x, k):
    return np.roll(x, k)


def unroll_one(g, k):
    return np.roll(g, -k)


linear(roll_one, transpose=unroll_one)


def uses_rules(x):
    rolled = roll_one(x, 1)
    return np.sum(softplus(x) * rolled) + np.sum(np.asarray(square_ufunc(x), dtype=float))


X = np.array([-1.2, 0.3, 0.8, 2.0])


def test_custom_rules_reverse_against_finite_differences():
    np.testing.assert_allclose(tangentish.grad(uses_rules)(X), numeric_grad(uses_rules, (X,), 0),
                               rtol=1e-6, atol=1e-8)


def test_custom_rules_forward_matches_reverse():
    v = np.array([0.5, -1.0, 2.0, 0.25])
    _, derivative = tangentish.jvp(uses_rules)(X, x_dot=v)
    assert derivative == pytest.approx(float(tangentish.grad(uses_rules)(X) @ v))


def test_custom_rule_with_check_grads():
    report = tangentish.check_grads(uses_rules, (X,), modes=("rev", "fwd"), seed=3)
    assert report.ok


def test_template_globals_are_passed_not_copied_into_user_code():
    source = tangentish.source(uses_rules)
    assert "sigmoid(x)" in source
    assert "unroll_one(" in source


def test_missing_tangent_is_rejected_at_registration():
    def f(x):
        return x

    with pytest.raises(RuleDefinitionError) as info:
        @rule(f)
        class OnlyAdjoint:
            def adjoint(y, x):
                d[x] = d[y]
    assert "no tangent" in str(info.value)


def test_wrong_placeholders_are_rejected_at_registration():
    def f(x, scale):
        return x * scale

    with pytest.raises(RuleDefinitionError) as info:
        @adjoint(f)
        def f_adjoint(y, x, factor):
            d[x] = d[y] * factor
    assert "factor" in str(info.value) and "scale" in str(info.value)

    with pytest.raises(RuleDefinitionError):
        @adjoint(f)
        def f_adjoint_bad_d(y, x, scale):
            d[x] = d[y] * d[z]  # noqa: F821

    with pytest.raises(RuleDefinitionError):
        @rule(f)
        class Mismatched:
            def adjoint(y, x, scale):
                d[x] = d[y] * scale

            def tangent(y, x):
                d[y] = d[x]


def cube(x):
    return x ** 3


def scaled_cube(x, scale):
    return scale * x ** 3


@rule(cube)
class Cube:  # the names both halves read, stated once in the guard
    def guard(y, x):
        slope = 3.0 * x * x  # noqa: F841  (read by the halves)

    def adjoint(y, x):
        d[x] = d[y] * slope  # noqa: F821  (the guard's)

    def tangent(y, x):
        d[y] = d[x] * slope  # noqa: F821


@rule(scaled_cube)
class ScaledCube(Cube):  # Cube's halves after this guard, which takes one more parameter
    def guard(y, x, scale):
        slope = 3.0 * scale * x * x  # noqa: F841


def test_a_guard_runs_before_both_halves_and_a_subclass_takes_the_halves():
    def f(x):
        return np.sum(cube(x) + scaled_cube(x, 0.5) * x)

    np.testing.assert_allclose(tangentish.grad(f)(X), numeric_grad(f, (X,), 0), rtol=1e-6)
    v = np.array([0.5, -1.0, 2.0, 0.25])
    assert tangentish.jvp(f)(X, x_dot=v)[1] == pytest.approx(float(numeric_grad(f, (X,), 0) @ v))
    with pytest.raises(RuleDefinitionError, match="a guard checks and names"):
        @rule(cube)
        class WritesInGuard(Cube):
            def guard(y, x):
                d[x] = d[y]
    with pytest.raises(RuleDefinitionError, match=r"its guard takes \['y', 'scale'\]"):
        @rule(scaled_cube)
        class OtherParameters(Cube):
            def guard(y, scale):
                slope = 3.0 * scale  # noqa: F841


def test_unknown_template_global_is_a_clear_error():
    def g(x):
        return x

    @adjoint(g)
    def g_adjoint(y, x):
        d[x] = d[y] * not_defined_anywhere(x)  # noqa: F821

    def uses_g(x):
        return g(x) * 2.0

    with pytest.raises(RuleDefinitionError) as info:
        tangentish.grad(uses_g)
    assert "not_defined_anywhere" in str(info.value)


@pytest.fixture
def own_lgamma_rule():
    """The built-in rule of math.lgamma back after the test (its replacement, a finite difference,
    made every later second derivative through lgamma in the process inexact)."""
    registry = tangentish.registry.REGISTRY
    slots = [("adjoint", math.lgamma), ("tangent", math.lgamma)]
    saved = {slot: registry.lookup(*slot) for slot in slots}  # (provided, if not yet)
    users = set(registry.users)
    yield
    for slot, entry in saved.items():
        registry.entries.pop(slot, None) if entry is None else registry.entries.update({slot: entry})
    registry.users = users
    registry._bump(math.lgamma)


def test_rule_for_builtin_math_function_without_source(own_lgamma_rule):
    def f(x):
        return math.lgamma(x)

    @rule(math.lgamma)
    class LogGamma:
        def adjoint(y, x):
            d[x] = d[y] * digamma(x)

        def tangent(y, x):
            d[y] = d[x] * digamma(x)

    assert tangentish.grad(f)(3.0) == pytest.approx(digamma(3.0))


def digamma(x):
    """Digamma by a central difference of lgamma (good enough for this test's rule)."""
    h = 1e-5
    return (math.lgamma(x + h) - math.lgamma(x - h)) / (2 * h)


# -- shortcuts: the math stated once, both modes generated ----------------------------------------

def smooth_step(x):
    return x * x * (3.0 - 2.0 * x)


def scaled_hypot(a, b):
    return np.sqrt(a * a + b * b)


def flip(x, axis=0):
    return np.flip(x, axis=axis)


def trilinear_form(u, m, v):
    return u @ m @ v


elementwise(smooth_step, lambda y, x: 6.0 * x * (1.0 - x))
elementwise(scaled_hypot, lambda y, a, b: a / y, lambda y, a, b: b / y)
linear(flip, lambda y, x, axis=0: np.flip(d[y], axis=axis))
linear(trilinear_form, lambda r, u, m, v: {u: d[r] * (m @ v), m: d[r] * np.outer(u, v),
                                           v: d[r] * (u @ m)})


def uses_shortcuts(x, w):
    s = smooth_step(x) * w
    h = scaled_hypot(x, w)
    return np.sum(flip(s) * h) + trilinear_form(x, np.outer(w, x), w)


XS = np.array([0.2, -0.4, 0.9])
WS = np.array([1.5, 0.3, -0.7])


def test_shortcuts_reverse_against_finite_differences():
    grads = tangentish.grad(uses_shortcuts, wrt=(0, 1))(XS, WS)
    expected = numeric_grad(uses_shortcuts, (XS, WS), (0, 1))
    for got, want in zip(grads, expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-8)


def test_shortcuts_forward_matches_reverse():
    u, v = np.array([0.3, -1.0, 0.5]), np.array([-0.2, 0.4, 1.1])
    _, derivative = tangentish.jvp(uses_shortcuts, wrt=(0, 1))(XS, WS, x_dot=u, w_dot=v)
    gx, gw = tangentish.grad(uses_shortcuts, wrt=(0, 1))(XS, WS)
    assert derivative == pytest.approx(float(gx @ u + gw @ v), rel=1e-12)


def test_shortcut_templates_read_like_hand_written_ones():
    def f(x, y):
        return np.sum(scaled_hypot(x, y) * WS) + np.sum(smooth_step(x))

    reverse = tangentish.source(f, wrt=(0, 1))
    assert re.search(r"y_bar = _rt.unbroadcast\((\w+)_bar \* y / \1, y\)", reverse), reverse
    forward = tangentish.source(f, wrt=(0, 1), mode="jvp")
    assert re.search(r"= \(x_dot \* x \+ y_dot \* y\) / \w+\n", forward), forward
    assert "x_dot * 6.0 * x * (1.0 - x)" in forward


def test_product_shortcut_tangent_is_the_product_rule():
    source = tangentish.source(uses_trilinear, wrt=(0, 1, 2), mode="jvp")
    assert re.search(r"= (\w+)\(u_dot, m, v\) \+ \1\(u, m_dot, v\) \+ \1\(u, m, v_dot\)\n",
                     source), source


def uses_trilinear(u, m, v):
    return trilinear_form(u, m, v)


def test_twins_share_the_math_and_math_keeps_scalars_scalar():
    def f(x):
        return math.sin(x) * 2.0

    source = tangentish.source(f)
    assert "math.cos(x)" in source and "np." not in source
    assert isinstance(tangentish.grad(f)(0.3), float)
    assert tangentish.grad(f)(0.3) == pytest.approx(2.0 * math.cos(0.3))


def test_math_rules_do_not_unbroadcast():
    def f(x, y):
        return math.atan2(x, y)

    assert "_rt.unbroadcast" not in tangentish.source(f, wrt=(0, 1))


def test_shortcut_registration_errors_name_the_rule():
    def g(x, scale):
        return x * scale

    with pytest.raises(RuleDefinitionError) as info:
        elementwise(g, lambda y, x, factor: factor, lambda y, x, factor: x)
    assert "factor" in str(info.value) and "scale" in str(info.value) and "g_adjoint" in str(info.value)

    with pytest.raises(RuleDefinitionError) as info:
        elementwise(g, lambda y, x, scale: scale)  # one partial for two operands
    assert "one partial per operand" in str(info.value)

    with pytest.raises(RuleDefinitionError) as info:
        elementwise(g, lambda y, x, scale: d[y], lambda y, x, scale: x)
    assert "d[...]" in str(info.value)

    with pytest.raises(RuleDefinitionError) as info:
        elementwise(np.sin, lambda y, x1, x2: x2, lambda y, x1, x2: x1)
    assert "1 operands" in str(info.value)

    with pytest.raises(RuleDefinitionError) as info:
        linear(g, lambda y, x, scale: {x: d[y] * scale, factor: d[y]})  # noqa: F821
    assert "factor" in str(info.value)

    with pytest.raises(RuleDefinitionError) as info:
        linear(g, lambda y, x, scale: scale * x)  # the adjoint must read d[y]
    assert "must read d[y]" in str(info.value)

    with pytest.raises(RuleDefinitionError) as info:
        elementwise(g, np.cos, np.sin)
    assert "must be a lambda" in str(info.value)


def test_parameters_out_of_order_are_rejected():
    def h(x, axis=None, keepdims=False):
        return x

    with pytest.raises(RuleDefinitionError) as info:
        linear(h, lambda y, x, keepdims=False, axis=None: d[y])
    assert "out of" in str(info.value) and "order" in str(info.value)


def test_lambdas_sharing_a_line_are_told_apart():
    def k(a, b):
        return a * b

    elementwise(k, lambda z, a, b: b, lambda z, a, b: a)
    adjoint_template = tangentish.registry.REGISTRY.lookup("adjoint", k)
    text = [gast.dump(s.value.args[0]) for s in adjoint_template.body]
    assert "id='b'" in text[0] and "id='a'" in text[1]


def test_clip_keywords_follow_the_installed_numpy():
    def f(x):
        return np.sum(np.clip(x, min=0.0, max=0.5))

    x = np.array([-0.3, 0.2, 0.9])
    if "min" in inspect.signature(np.clip).parameters:  # NumPy >= 2.1
        assert np.array_equal(tangentish.grad(f)(x), [0.0, 1.0, 0.0])
    else:  # no min=/max= before NumPy 2.1: a clear error at the call, not a wrong derivative
        with pytest.raises(tangentish.UnsupportedConstructError) as info:
            tangentish.grad(f)
        assert "min=" in str(info.value)


def ramp(start, stop):
    """Five points from ``start`` to ``stop`` (vectors): ``np.linspace`` by a rule of its own."""
    return np.linspace(start, stop, 5)


@rule(ramp)
class Ramp:
    def adjoint(r, start, stop):
        d[start] = np.sum(d[r] * np.linspace(1.0, 0.0, 5)[:, None], axis=0)
        d[stop] = np.sum(d[r] * np.linspace(0.0, 1.0, 5)[:, None], axis=0)

    def tangent(r, start, stop):  # each argument's term vanishes when its operand is inactive
        d[r] = np.linspace(d[start] * 1.0, d[stop] * 1.0, 5)


def uses_ramp(a, b):
    return ramp(a * 2.0, b)


@pytest.mark.parametrize("wrt", [0, 1, (0, 1)])
def test_a_zero_inside_a_call_argument_keeps_the_arguments_shape(wrt):
    """A term of a rule's tangent that vanishes inside a call's argument is the zero of that
    argument's shape (here a vector), not of the rule's result (a 5-by-n matrix)."""
    rng = np.random.default_rng(3)
    a, b = rng.normal(size=3), rng.normal(size=3)
    wrt_list = [wrt] if isinstance(wrt, int) else list(wrt)
    tangents = {("a", "b")[i] + "_dot": rng.normal(size=3) for i in wrt_list}
    value, dot = tangentish.jvp(uses_ramp, wrt=wrt)(a, b, **tangents)
    step = 1e-6
    moved = [a.copy(), b.copy()]
    for i in wrt_list:
        moved[i] = moved[i] + step * tangents[("a", "b")[i] + "_dot"]
    expected = (uses_ramp(*moved) - value) / step
    assert np.shape(dot) == (5, 3)
    np.testing.assert_allclose(dot, expected, rtol=1e-4, atol=1e-6)


USER_FIRST = """
import sys
sys.path.insert(0, {folder!r})
import numpy as np
import tangentish
from tangentish import extend
from tangentish.registry import REGISTRY
assert "tangentish.rules" not in sys.modules  # (the built-in rules load on the first grad())
extend.elementwise(np.sin, lambda y, x: 3.0 * np.cos(x))  # not sin's derivative: a user's own
extend.non_differentiable(np.tanh)
import users_first
x = np.array([0.3, -1.2])
print(tangentish.grad(users_first.f)(x).tolist(), tangentish.jvp(users_first.f)(x, x_dot=x)[1])
print("tangentish.rules" in sys.modules)
"""


def test_a_users_rule_registered_before_the_built_in_rules_load_is_kept(tmp_path):
    """The built-in rules load lazily: they replaced a user's rule for the same function made
    before the first grad() (a user's np.sin rule silently ignored), and a non-differentiable
    declaration.  Now the result is what registering after them gives."""
    (tmp_path / "users_first.py").write_text(
        "import numpy as np\n\n\ndef f(x):\n    return np.sum(np.sin(x) + np.tanh(x))\n")
    script = tmp_path / "main_users_first.py"  # (a rule's lambda is read from its file)
    script.write_text(USER_FIRST.format(folder=str(tmp_path)))
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            cwd=tmp_path, env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    grad_line, loaded = result.stdout.split("\n")[:2]
    x = np.array([0.3, -1.2])
    grad, tangent = grad_line.rsplit(" ", 1)[0], float(grad_line.rsplit(" ", 1)[1])
    np.testing.assert_allclose(eval(grad), 3.0 * np.cos(x))  # (tanh's part: declared constant)
    np.testing.assert_allclose(tangent, np.sum(3.0 * np.cos(x) * x))
    assert loaded == "True"


def scaled_sin(a, s):
    return s * np.sin(a)


@rule(scaled_sin)
class ScaledSinInA:  # (no d[s]: the rule says nothing of s)
    def adjoint(y, a, s):
        d[a] = d[y] * s * np.cos(a)

    def tangent(y, a, s):
        d[y] = d[a] * s * np.cos(a)


def scale_by(x, k):
    return x * k


linear(scale_by)  # (linear in x: k is a constant of the map)


def through_s(x):
    return np.sum(scaled_sin(1.5, x) + scaled_sin(x, 2.0))


def through_k(x):
    return np.sum(scale_by(x, x[0]))


def through_a_only(x):
    return np.sum(scaled_sin(x, 2.0) + scale_by(x, 3.0) ** 2)


def through_s_stopped(x):
    return np.sum(scaled_sin(x, tangentish.stop_gradient(x) + 1.0))


@pytest.mark.parametrize("fn, param", [(through_s, "s"), (through_k, "k")])
@pytest.mark.parametrize("mode", ["grad", "jvp", "hvp"])
def test_a_varying_argument_a_user_rule_gives_no_derivative_is_refused(fn, param, mode):
    # A user's rule without d[s] took s's derivative as zero: grad(through_s) returned the
    # derivative of the second term alone, silently wrong
    args = (X, np.ones(4)) if mode == "hvp" else (X,)
    kwargs = {"x_dot": np.ones(4)} if mode == "jvp" else {}
    with pytest.raises(tangentish.MissingRuleError, match=f"no derivative for its parameter "
                       f"'{param}'") as info:
        getattr(tangentish, mode)(fn)(*args, **kwargs)
    assert f"{param}" in str(info.value.hint)


def test_a_user_rule_is_used_where_what_it_leaves_out_does_not_vary():
    np.testing.assert_allclose(tangentish.grad(through_a_only)(X),
                               numeric_grad(through_a_only, (X,)), rtol=1e-6, atol=1e-8)
    assert tangentish.check_grads(through_a_only, (X,), seed=3).ok
    # s held constant by stop_gradient: the closed form with s = x + 1 fixed
    np.testing.assert_allclose(tangentish.grad(through_s_stopped)(X), (X + 1.0) * np.cos(X),
                               rtol=1e-12)


def test_messages_name_a_function_by_its_module_and_name():
    import operator

    from tangentish.rule_forms import label_of

    def script_function(x):
        return x

    script_function.__module__ = "__main__"  # (defined in a script: no "main__." prefix)
    assert label_of(script_function) == script_function.__qualname__
    assert label_of(operator.add) == "operator.add"  # (its module is `_operator`)
    assert label_of(np.sin) == "numpy.sin" and label_of(len) == "len"
