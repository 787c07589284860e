"""passes/common.py: a pure expression computed again reads the value computed first; and the
exact sign folds of optimize.py (``-(-x * y)`` is ``x * y``).

Source in, source out for what decides (a rebinding or an in-place change between, a loop's
boundary, an if's branches, returned values, the move of ``t = E`` up to where ``E`` was first
computed); the goldens hold no pure expression twice in one statement list; and over the
control-flow zoo in every mode, the derivatives with the pass and the folds give bit for bit what
they give without them.
"""

from __future__ import annotations

import ast
import copy
import pathlib
import textwrap

import gast
import numpy as np
import pytest
from test_control_flow import CASES
from test_versions import assert_same_without

import tangentish
from tangentish import ir
from tangentish.cache import CACHE
from tangentish.passes import common, common_names, optimize
from tangentish.passes.dataflow import statements
from tangentish.passes.derivative import Derivative
from tangentish.syntax.naming import Namer
from tangentish.syntax.printer import expression_text, function_text

GOLDEN = pathlib.Path(__file__).parent / "golden"


def shared(source: str, protected: tuple[str, ...] = ()) -> str:
    node = gast.parse(textwrap.dedent(source)).body[0]
    fn = Derivative(node.name, node.args, node.body, Namer(set()), set(protected))
    common.share_common(fn)
    return function_text(node)


def same(source: str) -> str:
    return textwrap.dedent(source).lstrip("\n")


def test_a_value_computed_again_reads_the_first():
    assert shared("""
        def f(x, g):
            y = np.sin(x)
            s = np.sum(x ** 2)
            a = g * np.sin(x) + np.sum(x ** 2)
            return a + s + y
        """) == same("""
        def f(x, g):
            y = np.sin(x)
            s = np.sum(x ** 2)
            a = g * y + s
            return a + s + y
        """)


def test_nothing_is_shared_across_a_rebinding_an_in_place_change_or_a_loops_boundary():
    source = """
        def f(x, g, n):
            y = x * g
            x = x + 1.0
            z = x * g
            w = np.cos(z)
            z[0] = 2.0
            v = np.cos(z)
            u = np.tan(v)
            for i in range(n):
                t = np.tan(v)
            return y + z + v + w + t + u
        """
    assert shared(source) == same(source)


def test_an_if_sees_what_comes_before_it_and_nothing_after_it_sees_its_branches():
    assert shared("""
        def f(x, c):
            y = np.exp(x)
            if c:
                z = np.exp(x) * 2.0
                w = np.log(x)
            else:
                z = np.log(x)
            v = np.log(x)
            return y + z + v
        """) == same("""
        def f(x, c):
            y = np.exp(x)
            if c:
                z = y * 2.0
                w = np.log(x)
            else:
                z = np.log(x)
            v = np.log(x)
            return y + z + v
        """)


def test_a_returned_value_or_one_changed_in_place_is_never_one_array_with_another():
    source = """
        def f(a, c, g):
            a_bar = g * c
            b_bar = g * c
            p = a * c
            q = a * c
            q[0] = 1.0
            r = p * 2.0
            s = r
            t = p * 2.0
            s[1] = 0.0
            u = np.exp(a)
            v = np.exp(a)
            w = [u, v]
            return a_bar, b_bar, p, t, w
        """
    assert shared(source, protected=("a_bar", "b_bar")) == same(source)


def test_a_temporary_moves_up_to_where_its_expression_was_first_computed():
    assert shared("""
        def f(y, y_dot, g):
            y_dot_1 = y_dot * (1.0 - y * y)
            out = np.sum(y)
            t = y * y
            u = g * t
            return y_dot_1 + u + out
        """) == same("""
        def f(y, y_dot, g):
            t = y * y
            y_dot_1 = y_dot * (1.0 - t)
            out = np.sum(y)
            u = g * t
            return y_dot_1 + u + out
        """)


def test_a_selection_weight_inside_the_runtime_s_product_is_shared():
    """``_rt.chosen`` and ``_rt.divided`` make new arrays and change nothing: a weight computed
    inside one (a tangent's) and again as ``w = E`` (an adjoint's) is computed once (relu_norm's
    hvp computed ``_rt.pick_first(x, 0.0)`` twice)."""
    assert shared("""
        def f(x, x_dot, g):
            h_dot = _rt.chosen(x_dot, _rt.pick_first(x, 0.0))
            q = _rt.divided(np.any(h_dot != 0), g, x)
            w = _rt.pick_first(x, 0.0)
            return _rt.chosen(g, w) + h_dot + q
        """) == same("""
        def f(x, x_dot, g):
            w = _rt.pick_first(x, 0.0)
            h_dot = _rt.chosen(x_dot, w)
            q = _rt.divided(np.any(h_dot != 0), g, x)
            return _rt.chosen(g, w) + h_dot + q
        """)


def test_a_value_computed_inside_two_statements_gets_a_name_of_its_own():
    """No ``w = E`` to move up (relu_norm's jvp computed ``_rt.pick_first(x, 0.0)`` inside two
    expressions, its hvp ``np.any(pick_first_rt != 0)`` inside three): ``E`` gets a name just
    before the first, once nothing else is shared; a later ``w = E`` reads it."""
    assert shared("""
        def f(x, x_dot, g):
            h_dot = _rt.chosen(x_dot, _rt.pick_first(x, 0.0))
            q = _rt.divided(np.any(_rt.pick_first(x, 0.0) != 0), g, x_dot != 0)
            r = np.where(x_dot != 0, q, 0.0)
            return h_dot + q + r
        """) == same("""
        def f(x, x_dot, g):
            pick_first_rt = _rt.pick_first(x, 0.0)
            h_dot = _rt.chosen(x_dot, pick_first_rt)
            x_dot_nonzero = x_dot != 0
            q = _rt.divided(np.any(pick_first_rt != 0), g, x_dot_nonzero)
            r = np.where(x_dot_nonzero, q, 0.0)
            return h_dot + q + r
        """)


def test_no_name_for_a_value_computed_only_sometimes_or_seen_through_a_view():
    source = """
        def f(x, c, g):
            a = np.exp(x) if c else g
            b = np.transpose(np.sin(x)) + 1.0
            d = g * np.exp(x) * np.sin(x)
            return a + b + d
        """
    assert shared(source) == same(source)


def test_views_and_array_attributes_of_numpy_values_change_nothing():
    """``np.transpose(v)`` between two computations of ``E`` changes nothing (reductions' hvp
    computed ``_rt.ties(...)`` twice around one); ``x.T`` of a name holding what NumPy made is
    read once, of a parameter (any object: a property may do anything) each time."""
    assert shared("""
        def f(x, a, g):
            y = np.sum(_rt.chosen(g, _rt.ties(x, a)))
            y_T = np.transpose(y)
            w = _rt.ties(x, a)
            m = np.reshape(a, (2, 2))
            m_T = m.T
            u = m.T @ g + x.T @ g
            v = x.T @ w
            return y_T + w + u + v + m_T
        """) == same("""
        def f(x, a, g):
            w = _rt.ties(x, a)
            y = np.sum(_rt.chosen(g, w))
            y_T = np.transpose(y)
            m = np.reshape(a, (2, 2))
            m_T = m.T
            u = m_T @ g + x.T @ g
            v = x.T @ w
            return y_T + w + u + v + m_T
        """)


def test_numpy_values_are_names_every_binding_of_which_numpy_made():
    body = gast.parse(textwrap.dedent("""
        a = np.sin(x)
        if c:
            b = a.T
            d = f(a)
        else:
            b = np.linalg.norm(a) * 2.0
        for i in range(3):
            e = a[i] + a.sum()
        y, z = np.shape(a)
        w = x
        """)).body
    assert common_names.numpy_values(body, "np", "math") == {"a", "b", "e"}


def test_no_sharing_where_the_first_use_may_be_a_view_or_past_a_call_that_may_write():
    source = """
        def f(y, g, x):
            a = _rt.unbroadcast(y * y, x)
            t = y * y
            b = np.exp(g)
            np.copyto(g, x)
            c = np.exp(g)
            return a + t + b + c
        """
    assert shared(source) == same(source)


def _rounds(source: str, checked: frozenset[str] = frozenset()) -> str:
    """:func:`shared` in rounds until nothing changes, as the optimizer runs it."""
    node = gast.parse(textwrap.dedent(source)).body[0]
    fn = Derivative(node.name, node.args, node.body, Namer(set()))
    fn.checked = checked
    while common.share_common(fn):
        pass
    return function_text(node)


_MASKS = """
    def f(x, n, g, *, x_dot):
        a = x_dot[1:]
        m = np.any(_rt.read_mask(g, x_dot[1:] != 0))
        u = np.logical_or(m, x_dot[1:] != 0)
        e = np.eye(n) * g
        w = _rt.divided(g != 0, g, x)
        v = _rt.divided(_rt.unbroadcast(g != 0, x), w, x)
        h = 1.0 - np.eye(n)
        return a + m + u + e + v + h
    """


_SHARED = """
    eye_n = np.eye(n)
    e = eye_n * g
    g_nonzero = g != 0
    w = _rt.divided(g_nonzero, g, x)
    v = _rt.divided(_rt.unbroadcast(g_nonzero, x), w, x)
    h = 1.0 - eye_n
    return a + m + u + e + v + h
"""


@pytest.mark.parametrize("checked, masks", [
    (frozenset({"x_dot"}), """
    a_nonzero = a != 0
    m = np.any(_rt.read_mask(g, a_nonzero))
    u = np.logical_or(m, a_nonzero)"""),
    (frozenset(), """
    m = np.any(_rt.read_mask(g, x_dot[1:] != 0))
    u = np.logical_or(m, x_dot[1:] != 0)""")], ids=["direction", "any"])
def test_masks_identities_and_a_caller_s_direction_are_computed_once(checked, masks):
    """A mask read through the runtime's pure calls into a new value (``g != 0`` under
    ``_rt.unbroadcast`` under ``_rt.divided``; ``_rt.read_mask`` under ``np.any``) gets a name,
    ``np.eye`` is pure, and items of a caller's direction (``x_dot``: the API checked it holds a
    float or a floating array) are NumPy's: lj's and springs' hvp computed each mask 3 times."""
    assert _rounds(_MASKS, checked) == \
        f"def f(x, n, g, *, x_dot):\n    a = x_dot[1:]{masks}{_SHARED}"


_WRITES = """
    def f(x, g):
        a = x[:-1]
        b = _rt.unindex({held}, x, slice(None, -1))
        c = x[:-1]
        {written}[1:] += c * 2.0
        return {returned}
    """


@pytest.mark.parametrize("held, written, returned, shared", [
    ("g * a", "b", "b", True), ("a", "b", "b", False), ("g * a", "x", "a", False)])
def test_an_item_write_changes_its_array_and_what_shares_it_only(held, written, returned, shared):
    """``b[1:] += c * 2.0`` changes ``b``, not ``c``; ``_rt.unindex(g, x, i)`` may hold ``g``,
    never ``x`` (read for its layout, shape_reads.RESULT_FROM): rosen's derivatives computed
    ``x[:-1]`` twice.  Where ``b`` may hold ``a``, or ``x`` itself is written, ``c`` stays."""
    source = _WRITES.format(held=held, written=written, returned=returned)
    expected = source.replace("c = x[:-1]", "c = a") if shared else source
    assert _rounds(source, frozenset({"x"})) == same(expected)


def test_an_array_numpy_makes_shares_nothing_and_a_function_is_no_value():
    """``out = np.zeros(n)`` holds no argument, ``len`` and ``np`` are no values a result holds,
    and ``out[0] = v`` changes ``out`` only: the fill_loop goldens read ``x[i]`` twice (``out``
    linked through ``n`` and ``len(x)`` to ``x`` and to its items)."""
    source = """
        def f(x, g):
            n = len(x)
            out = np.zeros(n)
            a = x[1:]
            c = x[1:]
            out[0] = np.sum(a * c)
            return out
        """
    assert _rounds(source, frozenset({"x"})) == same(source.replace("c = x[1:]", "c = a"))


def test_a_value_first_computed_under_a_view_is_named_where_it_is_computed_next():
    assert _rounds("""
        def f(x, g):
            a = _rt.unbroadcast(np.sin(g), x)
            b = np.exp(np.sin(g))
            c = np.cos(np.sin(g)) * _rt.unbroadcast(np.sin(g), x)
            return a + b + c
        """) == same("""
        def f(x, g):
            a = _rt.unbroadcast(np.sin(g), x)
            sin_g = np.sin(g)
            b = np.exp(sin_g)
            c = np.cos(sin_g) * a
            return a + b + c
        """)


@pytest.mark.parametrize("before, after", [
    ("-(-a * b)", "a * b"), ("-(-a * b / c * d)", "a * b / c * d"), ("-(-a / b)", "a / b"),
    ("a + -b * c", "a - b * c"), ("a - -b * c", "a + b * c"), ("a - -b", "a + b"),
    ("-(a * -b)", "-(a * -b)"), ("-(-a + b)", "-(-a + b)"), ("a * -b", "a * -b"),
])
def test_the_sign_folds_are_exact_and_only_where_exact(before, after):
    folder = optimize._Folder()
    node = folder.visit(gast.parse(before).body[0].value)
    assert ast.unparse(gast.gast_to_ast(node)) == after
    rng = np.random.default_rng(7)
    values = {n: rng.standard_normal(64) * 10.0 ** rng.integers(-300, 300, 64) for n in "abcd"}
    values["a"][:4] = [0.0, -0.0, np.inf, -np.inf]
    with np.errstate(all="ignore"):
        np.testing.assert_array_equal(eval(before, values), eval(after, values))


def _block_repeats(tree: ast.AST) -> list[str]:
    """Pure expressions (operators, NumPy ufuncs and ``math``) written twice in one statement
    list with no statement between that binds a name they read."""
    found = []
    for node in ast.walk(tree):
        for field in ("body", "orelse"):
            seen: dict[str, set[str]] = {}
            for stmt in getattr(node, field, []) if isinstance(node, ast.stmt | ast.Module) else []:
                if isinstance(stmt, ast.Assign | ast.Expr | ast.Return) and stmt.value is not None:
                    for expr in ast.walk(stmt.value):
                        if _pure(expr):
                            text = ast.unparse(expr)
                            if text in seen:
                                found.append(text)
                            seen[text] = {n.id for n in ast.walk(expr) if isinstance(n, ast.Name)}
                bound = {n.id for t in getattr(stmt, "targets", []) for n in ast.walk(t)
                         if isinstance(n, ast.Name)}
                if not isinstance(stmt, ast.Assign) or not all(
                        isinstance(t, ast.Name) for t in stmt.targets):
                    seen.clear()  # (an in-place change or a compound statement: the pass stops)
                seen = {t: names for t, names in seen.items() if not names & bound}
    return found


_RUNTIME = {"pick_first", "ties", "chosen", "divided", "unbroadcast", "unreduce"}  # (pure)


def _pure(expr: ast.AST) -> bool:
    if isinstance(expr, ast.BinOp | ast.Compare):
        return True
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and \
            isinstance(expr.func.value, ast.Name) and expr.func.value.id in ("np", "math", "_rt"):
        module, name = expr.func.value.id, expr.func.attr
        return module == "math" or module == "_rt" and name in _RUNTIME or module == "np" and (
            isinstance(getattr(np, name, None), np.ufunc) or name in ("any", "sum", "mean"))
    return False


def test_the_goldens_compute_no_pure_expression_twice_in_a_statement_list():
    repeats = {path.relative_to(GOLDEN).as_posix(): found
               for path in sorted(GOLDEN.glob("*/*.py"))
               if (found := _block_repeats(ast.parse(path.read_text())))}
    assert repeats == {}


def test_the_repeat_counter_sees_a_repeat():
    assert _block_repeats(ast.parse("y = np.sin(x)\nz = 2 * np.sin(x)\nx = z\nw = np.sin(x)")) \
        == ["np.sin(x)"]


def _without_the_pass(monkeypatch):
    monkeypatch.setattr(optimize, "share_common", lambda fn, walks=None: False)
    monkeypatch.setattr(optimize, "signed", lambda node: False)  # (passes/signs.py's folds)
    monkeypatch.setattr(optimize, "into_number", lambda term: None)


@pytest.mark.parametrize("fn, args, wrt", CASES, ids=[
    f"{fn.__name__}-{i}" for i, (fn, _, _) in enumerate(CASES)])
def test_every_mode_gives_bit_for_bit_what_it_gives_without_the_pass(fn, args, wrt, monkeypatch):
    assert_same_without(fn, args, wrt, lambda: _without_the_pass(monkeypatch))


class _EverythingRepeats(common.Repeats):
    """:class:`common.Repeats` as if every expression were written twice: the pass looks at all."""

    def __init__(self, body):
        super().__init__(body)
        self.keys = {0}

    def holds(self, stmt):
        return True

    def repeats(self, node):
        return True


def test_the_cheap_looks_skip_only_what_would_not_change(monkeypatch):
    """Over every golden function and mode, the text the passes give looking at every statement
    and expression (and folding after every substitution) is the golden file: the text they give
    with the cheap look for repeated keys and with the folds after substitution only where
    something was substituted (``test_golden.py`` checks that; the golden text is read, not
    built again here: half of this test's 5.5 CPU-s)."""
    from test_golden import CASES as GOLDEN_CASES
    from test_golden import IGNORE_LINES, _path, generated, matches

    monkeypatch.setattr(common, "Repeats", _EverythingRepeats)
    fold = optimize.fold_constants
    monkeypatch.setattr(optimize, "fold_constants", lambda fn, walks=None, only=None: fold(
        fn, walks))
    CACHE.clear()
    try:
        changed = [f"{mode}-{fn.__name__}" for mode, fn, wrt in GOLDEN_CASES
                   if not matches(generated(fn, wrt, mode), _path(mode, fn).read_text(),
                                  lines=not IGNORE_LINES)]
    finally:
        CACHE.clear()
    assert changed == [], "looking at everything changes these (or their golden is stale)"


def test_repeats_are_keyed_by_text_and_by_the_versions_of_the_names_read():
    body = gast.parse(textwrap.dedent("""
        a = np.sin(x) + g * y
        if c:
            x = a
            b = np.sin(x)
        else:
            b = g * y + np.sin(x)
        d = np.sin(x) * np.cos(x)
        e = np.cos(x) - 1.0 * x
        h = 1 * x + 2.0 * x
        k = NAN * x
        """)).body
    body[-1].value.left = gast.Constant(value=float("nan"), kind=None)
    found = common.Repeats(body)
    texts = [expression_text(node) for node in found.repeated]
    assert texts == ["np.sin(x)", "g * y", "g * y", "np.sin(x)", "np.cos(x)", "np.cos(x)",
                     "1.0 * x", "1 * x"]  # (1 and 1.0 hash alike: a key only says "look")
    assert [found.holds(s) for s in statements(body)] == [
        True, False, False, False, True, True, True, True, False]
    body.append(copy.deepcopy(body[-1]))
    assert common.Repeats(body).holds(body[-1])  # (NaN is written the same each time)


def test_one_round_reads_through_the_copies_it_makes_and_moves_primal_code_up():
    """``w = E`` made ``w = v`` is read as ``v`` by what follows (layernorm's hvp needed a round
    per copy, and ran out of rounds); primal code never reads derivative code's value, so a
    later primal ``b = E`` moves up before derivative code computing ``E``, which reads ``b``;
    a method of an array that writes nothing (``x.mean()``, the rule of ``np.mean``) forgets
    nothing known."""
    node = gast.parse(textwrap.dedent("""
        def f(x, g):
            a = np.exp(x)
            u = x.mean()
            b = np.exp(x)
            c = b * g
            d = np.sum(a * g)
            q_dot = g * (x - np.mean(x))
            p = x - np.mean(x)
            m = np.mean(x)
            return a + c + d + q_dot + p + m + u
        """)).body[0]
    ir.note(node.body[1]).op = ir.Op(np.mean)
    ir.note(node.body[5]).adjoint = True
    fn = Derivative(node.name, node.args, node.body, Namer(set()), set())
    assert common.share_common(fn)
    assert function_text(node) == same("""
        def f(x, g):
            a = np.exp(x)
            u = x.mean()
            b = a
            c = a * g
            d = np.sum(c)
            m = np.mean(x)
            p = x - m
            q_dot = g * p
            return a + c + d + q_dot + p + m + u
        """)


def test_a_shape_and_its_items_are_read_once_even_of_an_array_changed_later():
    """``a.shape`` is a new tuple, never a view of ``a`` (an array changed in place later
    shares no memory with it); an item of a NumPy value is a pure read, shared whole."""
    assert shared("""
        def f(x, g):
            a = np.sin(x)
            s = a.shape
            n = s[0]
            b = g * n
            s_1 = a.shape
            n_1 = s_1[0]
            c = b / n_1
            a[0] = 1.0
            return a + c
        """) == same("""
        def f(x, g):
            a = np.sin(x)
            s = a.shape
            n = s[0]
            b = g * n
            s_1 = s
            n_1 = n
            c = b / n
            a[0] = 1.0
            return a + c
        """)


def _pairs(x):
    d = x[:, None] - x[None, :]
    r = np.sqrt(np.sum(d * d, axis=-1) + np.eye(x.shape[0]))
    return np.sum(r * (1.0 - np.eye(x.shape[0])))


def test_what_the_api_checked_is_read_once_and_so_are_identities():
    """The API checks a request's ``x`` (and, in jvp, ``x_dot``): a float or a floating array,
    whose ``x.shape`` and items are NumPy's (lj's derivatives read ``X.shape`` twice, its hvp
    each mask of the direction three times); ``np.eye`` is pure.  Values against central
    differences."""
    grad, jvp = tangentish.grad(_pairs), tangentish.jvp(_pairs)
    code = ["\n".join(line for line in f.source.splitlines() if not line.lstrip().startswith("#"))
            for f in (grad, jvp)]
    for text in code:
        assert text.count("x.shape") == text.count("np.eye(") == 1, text
    assert code[1].count("x_dot[") == 2 and code[1].count("!= 0") == 2, code[1]
    rng = np.random.default_rng(5)
    x, v, h = rng.normal(size=4), rng.normal(size=4), 1e-6
    expected = (_pairs(x + h * v) - _pairs(x - h * v)) / (2 * h)  # (error ~1e-10)
    np.testing.assert_allclose(jvp(x, x_dot=v)[1], expected, rtol=1e-7)
    np.testing.assert_allclose(grad(x) @ v, expected, rtol=1e-7)


def _square_written_twice(x):
    s = np.sin(x) / np.exp(x) * (np.sin(x) / np.exp(x))
    for _ in range(1):
        r = s
    return r


def test_a_value_held_by_a_name_bound_again_since_is_not_read():
    """The second ``np.sin(x) / np.exp(x)`` reads the first, and a statement that then reads
    the copies made (``x_bar = exp_x_bar * exp_x``) was learnt again as holding its value,
    though ``x_bar = x_bar + ...`` had bound ``x_bar`` since: a later ``exp_x_bar * exp_x``
    read ``x_bar``, one term counted three times (grammar seed 8938 program 3: gradient
    -0.1199 where it is -0.0809).  A statement learnt again forgets what a name bound after it
    holds, as what reads one."""
    x = -0.0363089624290347
    exact = 2.0 * np.sin(x) * (np.cos(x) - np.sin(x)) * np.exp(-2.0 * x)
    np.testing.assert_allclose(tangentish.grad(_square_written_twice)(x), exact, rtol=1e-13)
