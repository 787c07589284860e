"""Work the front end shares or skips instead of repeating: what one pass found and another reads
must be what the reader would have found by walking itself; a shortcut must answer as the long way."""

import gast
import numpy as np
import pytest
from zoo import ZOO

import tangentish
from tangentish.passes.desugar import desugar
from tangentish.passes.lowering import Lowering, _names
from tangentish.syntax import build
from tangentish.syntax.parse import parse_function


@pytest.mark.parametrize("fn", [fn for fn, _ in ZOO], ids=[fn.__name__ for fn, _ in ZOO])
def test_names_left_by_desugaring_are_the_walked_ones(fn):
    info = parse_function(fn)
    desugar(info)
    if info.names is None:  # it rewrote a return, loop or comprehension: normalization walks
        return
    node, body, taken, assigned = info.names
    assert node is info.node and body is info.node.body
    assert (taken, assigned) == _names(info.node)


def early_return(x):
    if np.sum(x) > 0:
        return x * 2.0
    return x


def test_no_names_left_after_a_rewrite():
    info = parse_function(early_return)
    desugar(info)
    assert info.names is None


def straight(x):
    y = x * 2.0
    return y


def test_a_replaced_body_is_walked_again():
    info = parse_function(straight)
    desugar(info)
    assert info.names is not None
    extra = gast.copy_location(build.assign("fresh_name", build.name("x")), info.node.body[0])
    info.node.body = [extra, *info.node.body]  # (a later pass replacing the statements)
    lowering = Lowering(info)
    assert "fresh_name" in lowering.locals and "fresh_name" in lowering.source_names
    assert info.names is None  # read once


def test_read_once():
    info = parse_function(straight)
    desugar(info)
    Lowering(info)
    assert info.names is None


def uses_its_names(x):
    total = x * 1.5
    np_ = total + 1.0  # a name next to the machinery alias
    return np.sum(np_ * total)


def test_gradient_with_names_handed_over():
    x = np.array([0.3, -1.2, 2.0])
    gradient = tangentish.grad(uses_its_names)(x)
    step = 1e-6
    expected = [(uses_its_names(x + step * e) - uses_its_names(x - step * e)) / (2 * step)
                for e in np.eye(3)]
    np.testing.assert_allclose(gradient, expected, rtol=1e-6)


def _nested(x):
    def inner(y):
        return y * 2.0

    return inner(x) + (lambda z: z)(x)


def test_same_code_answers_as_fingerprints_do():
    from tangentish.syntax.source import fingerprint, same_code

    here = compile("\n" * 40 + "def g(x):\n    return x + 1\n", "t.py", "exec")
    there = compile("\n" * 50 + "def g(x):\n    return x + 1\n", "t.py", "exec")
    other = compile("\n" * 40 + "def g(x):\n    return x + 2\n", "t.py", "exec")
    moved = compile("\n" * 40 + "def g(x):\n\n    return x + 1\n", "t.py", "exec")
    codes = [c for m in (here, there, other, moved) for c in m.co_consts
             if hasattr(c, "co_code")] + [_nested.__code__, test_read_once.__code__]
    for one in codes:
        for two in codes:
            assert same_code(one, two) == (fingerprint(one) == fingerprint(two))
    assert same_code(codes[0], codes[1]) and not same_code(codes[0], codes[2])
    assert not same_code(codes[0], codes[3])
