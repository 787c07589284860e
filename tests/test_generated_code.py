"""Generated code is debuggable and free of noise.  (That it is byte-identical across processes
is test_golden.py's: every mode of the zoo, transformed again in a process of another hash seed.)"""

import inspect
import sys
import traceback

import numpy as np
from zoo import ZOO

import tangentish


def log_of(x):
    y = np.log(x)
    return np.sum(y * 2.0)


def test_traceback_points_at_the_generated_line():
    df = tangentish.grad(log_of)
    with np.errstate(all="raise"):
        try:
            df(np.array([0.0, 1.0]))
        except FloatingPointError:
            text = traceback.format_exc()
        else:  # pragma: no cover - the division by zero must raise
            raise AssertionError("expected a FloatingPointError")
    assert "grad_log_of_wrt_x" in text
    assert "np.log(x)" in text  # (in `out = np.sum(np.log(x) * 2.0)`: y is read once)
    assert "^^^" in text or sys.version_info < (3, 11)  # carets under the failing part: 3.11+


def test_getsource_and_source_file():
    df = tangentish.grad(log_of)
    assert inspect.getsource(df) == df.source
    path = inspect.getsourcefile(inspect.unwrap(df))
    with open(path) as handle:
        assert handle.read() == df.source


def test_no_noise_in_optimized_code():
    for fn, wrt in ZOO:
        text = tangentish.source(fn, wrt=wrt)
        assert "+ 0" not in text and "* 1)" not in text and "** 1" not in text
        assert "import" not in text
        for line in text.splitlines()[2:]:
            assert not line.strip().startswith("__comment")


def test_every_source_statement_has_a_provenance_comment():
    text = tangentish.source(log_of)
    assert "# adjoint of: return np.sum(y * 2.0)  [test_generated_code.py:" in text
    assert "# adjoint of: y = np.log(x)  [test_generated_code.py:" in text


def test_no_dead_statements():
    import ast

    for fn, wrt in ZOO:
        tree = ast.parse(tangentish.source(fn, wrt=wrt))
        body = tree.body[0].body
        loads = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)
                 and isinstance(n.ctx, ast.Load)}
        for stmt in body:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
                assert stmt.targets[0].id in loads, (fn.__name__, ast.unparse(stmt))


def _square(v):
    return v * v


def _cube(v):
    return v * v * v


def squares_and_cubes(x):
    return np.sum(np.tanh(x) + _square(x) + _cube(x))


def test_no_term_is_added_twice():
    """``v = v + E`` twice in a row (comments between) becomes ``v = v + 2 * E``: over the zoo,
    no accumulation line repeats the one before it, and the folded gradient is right."""
    import re

    from helpers import assert_grad_close, numeric_grad

    accumulation = re.compile(r"^\s*(\w+) = \1 \+ ")
    for fn, wrt in [*ZOO, (squares_and_cubes, 0)]:
        lines = [line for line in tangentish.source(fn, wrt=wrt).splitlines()
                 if not line.strip().startswith("#")]
        for before, line in zip(lines, lines[1:], strict=False):
            assert not (accumulation.match(line) and line == before), (fn.__name__, line)
    assert "x_bar = x_bar + 2 * (" in tangentish.source(squares_and_cubes)
    x = np.array([0.3, -0.7, 1.2])
    assert_grad_close(tangentish.grad(squares_and_cubes)(x), numeric_grad(squares_and_cubes, (x,)))


def _same_product_twice(text: str) -> list[str]:
    """The sums in ``text`` that add one product twice (``a * b + b * a``, any order of the
    factors, as terms of one chain of ``+``)."""
    import ast

    def key(node):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            return "*".join(sorted(ast.unparse(f) for f in (node.left, node.right)))
        return None

    def terms(node, found):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            terms(node.left, found)
            terms(node.right, found)
        else:
            found.append(key(node))
        return found

    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            keys = [k for k in terms(node, []) if k is not None]
            if len(set(keys)) < len(keys):
                found.append(ast.unparse(node))
    return found


def test_no_product_is_added_to_itself():
    """The tangent of ``h * h`` is ``h_dot * h + h * h_dot``: one product, doubled
    (``2 * (h_dot * h)``, the same number).  Over the zoo in every mode, no sum adds a product
    twice; the folded tangents are right."""
    from helpers import numeric_grad

    for fn, wrt in ZOO:
        first = wrt[0] if isinstance(wrt, tuple) else wrt
        texts = [tangentish.source(fn, wrt=wrt, mode=mode) for mode in ("grad", "jvp", "vjp")]
        texts.append(tangentish.hvp(fn, wrt=first).source)
        for text in texts:
            assert _same_product_twice(text) == [], fn.__name__

    def cube_sum(x):
        h = x * x
        return np.sum(h * h * x)

    source = tangentish.source(cube_sum, mode="jvp")
    assert "h_dot * h + h * h_dot" not in source and "2 * (h_dot * h)" in source
    x, v = np.array([0.3, -0.7, 1.2]), np.array([1.0, 0.5, -2.0])
    _, tangent = tangentish.jvp(cube_sum)(x, x_dot=v)
    np.testing.assert_allclose(tangent, numeric_grad(cube_sum, (x,)) @ v, rtol=1e-6)
