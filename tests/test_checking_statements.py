"""Statement-level localisation (``tangentish.checking.statements``) reads the derivative's record.

The first wrong generated statement is found from the record's compiled code (which variable each
line stores) and text (the line), so it works when no source is on disk or in ``linecache``, and
names the statement exactly as the generated text prints it.
"""

import ast
import linecache

import numpy as np
import pytest
from zoo import ZOO

import tangentish
from tangentish.checking.statements import _statement_lines
from tangentish.extend import d, rule


def tripled_square(x):
    return x * x


@rule(tripled_square)
class ThreeInsteadOfTwo:  # wrong in both modes: d(x*x) is 2x
    def adjoint(y, x):
        d[x] = d[y] * 3.0 * x

    def tangent(y, x):
        d[y] = d[x] * 3.0 * x


def uses_wrong_rule(x, w):
    a = np.sin(x) * w
    b = tripled_square(a)
    return np.sum(b + a)


def test_the_first_wrong_statement_without_any_source_file(monkeypatch):
    """Sources in memory only, and linecache emptied: the record still has the text."""
    monkeypatch.setenv("TANGENTISH_SOURCE_DIR", "")
    x = np.array([0.4, -1.1, 0.9])
    tangentish.jvp(uses_wrong_rule, wrt=(0, 1))  # built now, with no file on disk
    linecache.clearcache()
    with pytest.raises(tangentish.GradientCheckError) as info:
        tangentish.check_grads(uses_wrong_rule, (x, 2.0), wrt=(0, 1))
    message = str(info.value)
    assert "first wrong statement (forward mode, generated line" in message
    assert "`b_dot = a_dot * 3.0 * a` disagrees with finite differences of " \
        "`b = tripled_square(a)`" in message


def test_the_line_named_is_the_generated_line():
    x = np.array([0.4, -1.1, 0.9])
    report = tangentish.check_grads(uses_wrong_rule, (x, 2.0), wrt=(0, 1),
                                    raise_on_failure=False)
    note = next(n for n in report.notes if n.startswith("first wrong statement"))
    line = int(note.split("generated line ")[1].split(")")[0])
    text = tangentish.jvp(uses_wrong_rule, wrt=(0, 1)).record.text
    assert text.splitlines()[line - 1].strip() == "b_dot = a_dot * 3.0 * a"


@pytest.mark.parametrize("fn, wrt", ZOO, ids=[fn.__name__ for fn, _ in ZOO])
def test_stores_match_the_assignments_of_the_text(fn, wrt):
    """Every ``name = ...`` of the generated text is found, at its line, from the bytecode alone
    (the text is parsed here, in the test, only to have an independent answer)."""
    record = tangentish.jvp(fn, wrt=wrt).record
    found = {(line, target) for line, target, _ in _statement_lines(record)}
    tree = ast.parse(record.text)
    assigned = {(node.lineno, node.targets[0].id) for node in ast.walk(tree)
                if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)}
    assert assigned and assigned <= found
    lines = record.text.splitlines()
    for line, target, text in _statement_lines(record):
        assert text == lines[line - 1].strip() and target in text


def summed_twice(v):
    return 2.0 * v


@rule(summed_twice)
class TangentLosesItsShape:  # the tangent is summed to a scalar: the wrong shape, not a number
    def adjoint(y, v):
        d[v] = 2.0 * d[y]

    def tangent(y, v):
        d[y] = 2.0 * np.sum(d[v])


def uses_shape_losing_rule(v):
    w = summed_twice(v)
    return np.sum(w * v)


def test_a_tangent_of_the_wrong_shape_is_named_as_such():
    """What checked mode asserts (a derivative has its value's shape), the localiser reports."""
    report = tangentish.check_grads(uses_shape_losing_rule, (np.array([0.4, -1.1, 0.9]),),
                                    raise_on_failure=False)
    assert not report.ok
    note = next(n for n in report.notes if n.startswith("first wrong statement"))
    assert "`w_dot = 2.0 * np.sum(v_dot)` has shape () where `w = summed_twice(v)` has (3,)" \
        in note
