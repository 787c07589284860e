"""Compiling a generated function from its text gives exactly the code the factory tree gives."""

from __future__ import annotations

import sys

import pytest
from zoo import ZOO

import tangentish
from tangentish import loader, pipeline
from tangentish.syntax import factory_text

READS_THE_TABLE = sys.version_info >= (3, 11)  # before 3.11 there is no column table to move

_HAND_WRITTEN = [
    ("def f(x):\n    return x * k\n", ["k"]),
    ("def f(x, *, out_bar=1.0):\n    \"\"\"Doc.\"\"\"\n    y = [v * k for v in (x, 2.0)]\n"
     "    z = (lambda t: t + k)(x)" + " + x" * 60 + "\n    return (z +\n            y[0])\n",
     ["k"]),
    ("def f(x):\n\n    # a comment\n    if x > 0:\n        x = x ** 2\n    return {'a': x}['a']\n",
     []),
    ("def f(x):\n" + "".join(f"    v{i} = x * {i}.0\n" for i in range(300)) + "    return v299\n",
     []),
]


def _same(text: str, cells: list[str]) -> None:
    fast = factory_text.inner_code(text, "f", "<test>", cells)
    if not READS_THE_TABLE:  # the loader builds the tree instead
        assert fast is None
        return
    tree = factory_text.tree_code(text, "f", "<test>", cells)
    assert fast == tree
    assert list(fast.co_positions()) == list(tree.co_positions())
    assert list(fast.co_lines()) == list(tree.co_lines())


@pytest.mark.parametrize("text, cells", _HAND_WRITTEN)
def test_hand_written_texts_compile_the_same_both_ways(text, cells):
    _same(text, cells)


@pytest.mark.parametrize("fn, wrt", ZOO, ids=[fn.__name__ for fn, _ in ZOO])
def test_generated_derivatives_compile_the_same_both_ways(fn, wrt):
    for mode in ("grad", "jvp"):
        getattr(tangentish, mode)(fn, wrt=wrt)  # (the rules it needs are loaded)
        record = pipeline.differentiate(fn, pipeline.Options(wrt=wrt, mode=mode))
        code = record.function.__code__
        _same(record.text.replace(f"def {code.co_name}(", "def f(", 1), list(code.co_freevars))


@pytest.mark.parametrize("text, result", [
    ("def f(x):\n    s = '''a\nb'''\n    return s\n", "a\nb"),
    ('def f(x):\n    """Doc."""\n    s = """Two\n    lines."""\n    return s\n', "Two\n    lines."),
    ("def f(x):\n    s = 'a\\\nb'\n    return s\n", "ab"),
    ("def f(x):\n    s = ('a'\n'b')\n    return s\n", "ab"),  # (a line at column 0)
])
def test_a_string_spanning_lines_compiles_the_same_both_ways(text, result):
    _same(text, [])  # (the body is compiled as written: only the def line is indented)
    assert loader.load(text, "f", {}, {}, None, None)(1.0) == result


def test_a_docstring_spanning_lines_is_the_functions_own():
    text = 'def f(x):\n    """Two\n    lines."""\n    return x\n'
    _same(text, [])
    namespace: dict = {}
    exec(compile(text, "<test>", "exec"), namespace)  # (Python 3.13 strips a docstring's indent)
    assert loader.load(text, "f", {}, {}, None, None).__doc__ == namespace["f"].__doc__


@pytest.mark.parametrize("text", [
    "@staticmethod\ndef f(x, s=0):\n    return x\n",  # (no decorator is generated: the tree path)
    "def f(x, s='''a\nb'''):\n    return x\n",  # (nor a def line that goes on)
])
def test_a_first_line_other_than_a_whole_def_takes_the_tree_path(text):
    assert factory_text.inner_code(text, "f", "<test>", []) is None
    assert loader.load(text, "f", {}, {}, None, None)(1.0, 0) == 1.0


def test_a_parameter_read_by_a_lambda_compiles_the_same_both_ways():
    _same("def f(x, *, out_bar=1.0):\n    g = lambda t: t * x * k\n    return g(x)\n", ["k"])
