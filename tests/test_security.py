"""Hostile strings never become code: file names, source lines, qualified names, function names and
defaults reach generated code only as quoted literals or one-line comments.  Each case checks the
generated text parses to exactly the expected statements and the gradient matches a closed form."""

from __future__ import annotations

import ast

import numpy as np
import pytest

import tangentish

PAYLOAD = "\n    x_bar = 1000.0  #"  # a statement, if a line break got through


def _from_file(tmp_path, filename: str, text: str, name: str = "f"):
    path = tmp_path / filename
    path.write_text(text, encoding="utf-8")
    namespace: dict = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace[name]


def _statements(source: str) -> list[str]:
    """The generated function's statements (docstring left out), as text."""
    body = ast.parse(source).body[0].body
    return [ast.unparse(s) for s in body[1:]]


def _comments(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if line.strip().startswith("#")]


@pytest.mark.parametrize("separator", ["\n", "\r", "\u2028", "\u2029", "\x85", "\x0c", "\x1e"])
def test_a_file_name_with_a_line_break_and_code_stays_in_its_comment(tmp_path, separator):
    f = _from_file(tmp_path, f"evil{separator}    x_bar = 1000.0 #.py",
                   "def f(x):\n    y = x * x\n    return y * x\n")
    df = tangentish.grad(f)
    assert df(2.0) == 12.0  # 3 x^2
    assert not any("x_bar = 1000.0" in s for s in _statements(df.source))
    comments = _comments(df.source)
    assert len(comments) == 2
    assert all("[evil" in c and c[-6:] in (".py:2]", ".py:3]") for c in comments)
    assert df.source.splitlines() == df.source.split("\n")[:-1]  # no other line breaks at all


def test_a_source_line_with_separators_and_bidi_controls_is_escaped_in_its_comment(tmp_path):
    f = _from_file(tmp_path, "tricky.py",
                   "def f(x):\n    y = x * x  # note \u2028    x_bar = 7.0 \u202e\x0b end\n"
                   "    return y * x\n")
    df = tangentish.grad(f)
    assert df(2.0) == 12.0
    assert not any(s == "x_bar = 7.0" for s in _statements(df.source))
    assert "# adjoint of: y = x * x  # note \\u2028    x_bar = 7.0 \\u202e\\x0b end  [tricky.py:2]" \
        in df.source
    assert df.source.isascii() or all(c.isprintable() or c == "\n" for c in df.source)


def test_a_hostile_qualname_and_name_stay_quoted(tmp_path):
    f = _from_file(tmp_path, "names.py", "def f(x):\n    return x * x * x\n")
    f.__qualname__ = 'f"""\nimport os\nos._exit(3)\n"""\u2028'
    f.__name__ = "f\nimport os"
    for df in (tangentish.grad(f), tangentish.value_and_grad(f), tangentish.jvp(f)):
        tree = ast.parse(df.source)
        definition = tree.body[0]
        assert definition.name.isidentifier() and "\n" not in definition.name
        assert not any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(tree))
        assert "import os" in ast.get_docstring(definition)  # as text inside the docstring
    assert tangentish.grad(f)(2.0) == 12.0


def test_hostile_default_values_are_bound_not_written(tmp_path):
    f = _from_file(tmp_path, "defaults.py",
                   "def f(x, label='a', k=2.0):\n    return k * x * x\n")
    f.__defaults__ = ("\"\"\"\nimport os\nos._exit(3)\n", 3.0)
    df = tangentish.grad(f)
    assert df(1.0) == 6.0  # the new default k=3.0 is used
    assert "os._exit" not in df.source


def test_vjp_and_helpers_carry_sanitized_comments_too(tmp_path):
    f = _from_file(tmp_path, "two\nlines.py",
                   "import numpy as np\n"
                   "def helper(x):\n    return np.sin(x)\n"
                   "def f(x):\n    return helper(x) * x\n")
    value, pullback = tangentish.vjp(f)(0.5)
    assert pullback(1.0) == pytest.approx(np.cos(0.5) * 0.5 + np.sin(0.5), rel=1e-12)
    for text in (pullback.source, tangentish.grad(f).source):
        assert all("two\\nlines.py" in c for c in _comments(text) if "[" in c)
        ast.parse(text.split("\n\n# derivative of the helper")[0])
