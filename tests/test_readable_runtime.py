"""Generated code says in Python and NumPy what they say directly (issue 10: a reader of generated
code needs only a small runtime).  Each case: the construct no longer calls the runtime helper
it used to, and the derivative still matches central finite differences."""

from __future__ import annotations

import ast
import inspect
import pathlib
import re
import sys
import textwrap

import numpy as np
from helpers import numeric_grad, numeric_jacobian, specialized_calls

import tangentish
from tangentish import runtime

BENCHMARKS = str(pathlib.Path(__file__).resolve().parent.parent / "benchmarks")
sys.path.insert(0, BENCHMARKS)
import runtime_calls  # noqa: E402  (the script that counts them)

sys.path.remove(BENCHMARKS)


def rows_then_stack(x):
    rows = []
    for i in range(x.shape[0]):
        rows.append(np.sin(x[i]) * (i + 1.0))
    rows.append(x[0] * x[-1])
    return np.sum(np.stack(rows) ** 2)


def appended_then_popped(x):
    parts = [x[0]]
    total = 0.0
    for i in range(1, x.shape[0]):
        parts.append(np.cos(parts[-1]) * x[i])
        total = total + parts.pop() * x[i - 1]
        parts.append(x[i] ** 2)
    return total + np.sum(np.stack(parts))


def test_a_tangent_list_is_appended_to_in_place():
    """``rows_dot.append(v_dot)``, as the primal's ``rows.append(v)``: not
    ``rows_dot = _rt.appended(rows_dot, v_dot)`` (the same list, extended in place)."""
    x = np.random.default_rng(3).standard_normal(4)
    v = np.linspace(1.0, -0.5, 4)
    for fn in (rows_then_stack, appended_then_popped):
        derivative = tangentish.jvp(fn)
        assert "_rt.appended" not in derivative.source
        assert "rows_dot.append(" in derivative.source or "parts_dot.append(" in derivative.source
        value, tangent = derivative(x, x_dot=v)
        np.testing.assert_allclose(value, fn(x), rtol=1e-12)
        np.testing.assert_allclose(tangent, numeric_jacobian(fn, (x,), 0) @ v, rtol=1e-6,
                                   atol=1e-8)


def test_the_tape_s_tangent_is_appended_to_in_place():
    """hvp (the jvp of a gradient that pushes onto a tape): ``_tape_dot.append(...)``."""
    x = np.random.default_rng(4).standard_normal(4)
    v = np.linspace(1.0, -0.5, 4)
    for fn in (rows_then_stack, appended_then_popped):
        derivative = tangentish.hvp(fn)
        assert "_rt.appended" not in derivative.source
        assert "_tape_dot.append(" in derivative.source
        gradient = tangentish.grad(fn)
        expected = numeric_jacobian(gradient, (x,), 0) @ v
        np.testing.assert_allclose(derivative(x, v), expected, rtol=1e-5, atol=1e-7)
        np.testing.assert_allclose(gradient(x), numeric_grad(fn, (x,)), rtol=1e-6, atol=1e-8)


HELPER_LINES = 15  # (code lines of a helper's body, its docstring, comments and blank lines aside)


def _body_lines(function) -> int:
    lines = inspect.getsource(function).splitlines()
    node = ast.parse(textwrap.dedent("\n".join(lines))).body[0]
    body = node.body[1:] if ast.get_docstring(node) is not None else node.body
    first, last = body[0].lineno, body[-1].end_lineno
    return sum(1 for line in lines[first - 1:last]
               if line.strip() and not line.strip().startswith("#"))


def test_every_helper_the_goldens_call_is_documented_and_a_few_lines():
    """A reader of generated code looks each one up: a docstring, and a body that fits in a
    glance (refusals and rarer forms go to private functions of the family)."""
    called = runtime_calls.in_goldens()
    long = {}
    for name in called:
        helper = getattr(runtime, name)
        if not inspect.isfunction(helper):  # (a constant: _rt.UNBOUND)
            continue
        assert inspect.getdoc(helper), name
        if _body_lines(helper) > HELPER_LINES:
            long[name] = _body_lines(helper)
    assert not long, f"helpers longer than {HELPER_LINES} lines: {long}"


REPR_NAMED = {"Like", "NO_DERIVATIVE", "UNBOUND", "UNPROBED"}  # (values whose reprs name them)


def _named_by_the_transform() -> set[str]:
    """Names the rules and passes can put in generated code: ``_rt.NAME`` in a template or a
    pass, a rule keyed on ``runtime.NAME`` (a helper differentiated again), or a string a pass
    builds a call from (``f"{rt}.snapshot"``); docstrings aside."""
    found: set[str] = set()
    package = pathlib.Path(tangentish.__file__).parent
    for path in package.rglob("*.py"):
        if "runtime" in path.relative_to(package).parts:
            continue
        tree = ast.parse(path.read_text())
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
                      and ast.get_docstring(node) is not None}
        in_rules = "rules" in path.relative_to(package).parts
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and (
                    node.value.id == "_rt" or node.value.id == "runtime" and in_rules):
                found.add(node.attr)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    id(node) not in docstrings:
                found.update(re.findall(r"\w+", node.value))
    return found


def test_the_public_runtime_is_what_generated_code_can_name():
    """A name only the runtime's own modules or the passes use (a class of the families, a table
    of the passes) is not a public runtime name: ``_rt``'s names are those a reader meets."""
    public = set(runtime.__all__)
    assert public - _named_by_the_transform() - REPR_NAMED == set()
    assert public >= runtime._COMMON


def mean_in_a_loop(x):
    total = 0.0
    for i in range(3):
        z = np.sin(x * (i + 1.0))
        total = total + np.mean(z) * np.mean(z, axis=-1)[0] + np.var(z, axis=0)[1]
    return np.sum(total)


def mean_of_a_taped_record(x):
    total = 0.0
    for i in range(3):
        z = np.sin(x) * (i + 1.0)  # (read only for its shape: the tape keeps _rt.like(z))
        total = total + np.mean(z) * np.mean(z, axis=0)[1]
    return total


def mean_of_scalars_and_a_list(x):
    s = np.sum(x)
    return np.mean(s * s) + np.mean([x[0], x[1] * s]) + np.mean(x * x, axis=1)[0]


def test_a_mean_s_count_is_numpy_s_size():
    """``np.size(t)`` and ``np.shape(t)[k]`` for a mean's count, also where ``t`` is a tape's
    ``_rt.like`` record (a loop; vjp's residuals) or a Python float or a list: not
    ``_rt.reduced_size(t, axis=k)``."""
    x = np.random.default_rng(5).standard_normal((2, 3))
    assert "_rt.like(z)" in tangentish.grad(mean_of_a_taped_record).source
    for fn in (mean_in_a_loop, mean_of_a_taped_record, mean_of_scalars_and_a_list):
        expected = numeric_grad(fn, (x,))
        gradient = tangentish.grad(fn)
        _, pullback = tangentish.vjp(fn)(x)
        for source in (gradient.source, tangentish.vjp(fn).source):
            assert "_rt.reduced_size" not in source and "np.size(" in source
        for got in specialized_calls(gradient, (x,), 2):  # (generic, then specialized)
            np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(pullback(-2.0), -2.0 * expected, rtol=1e-6, atol=1e-8)
        v = np.linspace(1.0, -0.5, 6).reshape(2, 3)
        np.testing.assert_allclose(tangentish.hvp(fn)(x, v).ravel(),
                                   numeric_jacobian(gradient, (x,), 0).reshape(6, 6)
                                   @ v.ravel(), rtol=1e-5, atol=1e-7)


def size_of_a_view_after_its_base_changed(p):
    z = np.mean(p) * np.ones(4)
    view = z[::2]
    view -= view.mean()  # (z changes in place; the mean's adjoint reads np.size(view) after it)
    return np.sum(z * z) + np.sum(p * p) * np.size(view) / np.shape(view)[0]


def test_numpy_s_reads_of_a_layout_are_no_reads_of_values():
    """``np.size``/``np.shape``/``np.ndim`` of a view read after its base changed in place: no
    refusal (they read no value the change alters), in user code and in a gradient differentiated
    again (hvp, whose text reads ``np.size(view)``; fuzz seed 4977 program 36)."""
    p = np.random.default_rng(6).standard_normal(3)
    v = np.linspace(1.0, -0.5, 3)
    gradient = tangentish.grad(size_of_a_view_after_its_base_changed)
    assert "np.size(view)" in gradient.source
    np.testing.assert_allclose(gradient(p), numeric_grad(size_of_a_view_after_its_base_changed,
                                                         (p,)), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(tangentish.hvp(size_of_a_view_after_its_base_changed)(p, v),
                               numeric_jacobian(gradient, (p,), 0) @ v, rtol=1e-5, atol=1e-7)


def clipped(x):
    y = np.clip(x * 1.5, -1.0, 1.0) * x
    return np.sum(np.clip(y, None, 0.5) ** 2) + np.sum(np.clip(x, 0, 2) * x)


def clipped_by_variables(x, lo=None, hi=0.25):
    return np.sum(np.clip(x, lo, hi) * x)  # (a variable bound may be None: the helper stays)


def test_clip_passes_through_where_numpy_s_comparisons_say():
    """``np.clip(a, lo, hi)`` with literal bounds passes its cotangent or tangent where
    ``(a >= lo) & (a <= hi)`` (``a <= hi`` alone for ``lo=None``): not ``_rt.clip_inside``; in
    float32 the derivative stays float32.  Bounds that are variables keep the helper."""
    x = np.array([0.3, -2.0, 0.9, 1.7, -0.1, 0.45])
    v = np.linspace(1.0, -0.5, x.size)
    for mode in ("grad", "value_and_grad", "vjp", "jvp", "hvp"):
        source = getattr(tangentish, mode)(clipped).source
        assert "_rt.clip_inside" not in source, mode
        assert ">= -1.0" in source and "<= 0.5" in source, mode
    assert "_rt.clip_inside" in tangentish.grad(clipped_by_variables).source
    expected = numeric_grad(clipped, (x,))
    np.testing.assert_allclose(tangentish.grad(clipped)(x), expected, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(tangentish.jvp(clipped)(x, x_dot=v)[1], expected @ v, rtol=1e-6)
    _, pullback = tangentish.vjp(clipped)(x)
    np.testing.assert_allclose(pullback(-2.0), -2.0 * expected, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(tangentish.hvp(clipped)(x, v),
                               numeric_jacobian(tangentish.grad(clipped), (x,), 0) @ v,
                               rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(tangentish.grad(clipped_by_variables)(x),
                               numeric_grad(clipped_by_variables, (x,)), rtol=1e-6, atol=1e-8)
    x32 = x.astype(np.float32)
    assert tangentish.grad(clipped)(x32).dtype == np.float32
    assert tangentish.jvp(clipped)(x32, x_dot=v.astype(np.float32))[1].dtype == np.float32
    for point in (np.float32(0.4), np.float32(3.0)):  # (a scalar: its seed is float32)
        assert tangentish.grad(clipped)(point).dtype == np.float32
