"""No warnings from tangentish under ``python -W error``, and nothing that Python 3.14 removes.

One interpreter process (this test's Python: CI runs the suite on 3.10-3.13) imports tangentish with
every warning an error, after deleting from ``ast`` the node classes 3.14 removes (``ast.Num``,
``ast.Str``...: deprecated since 3.8, and whose access warns on 3.12+), then differentiates,
checks, prints generated code, runs the command line and a pytest session with the plugin.
astor, whose import touches those names, must never be imported.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MODEL = """
import numpy as np


def loss(w, x):
    return np.sum(np.tanh(x @ w) ** 2) + np.mean(-0.4 * w) ** 2
"""

TEST = """
import numpy as np
from model import loss


def test_loss(check_grads):
    check_grads(loss, (np.ones(3), np.ones((2, 3))), wrt=(0, 1))
"""

PROBE = """
import ast
import contextlib
import io
import sys

removed = ("Num", "Str", "Bytes", "NameConstant", "Ellipsis", "Index", "ExtSlice", "Suite",
           "Param", "AugLoad", "AugStore")
for name in removed:
    if name in vars(ast):
        delattr(ast, name)  # as on Python 3.14 (on 3.12+ they warn, an error here)

import numpy as np
import pytest

import tangentish
from model import loss

w, x = np.ones(3), np.arange(6.0).reshape(2, 3)
tangentish.grad(loss, wrt=(0, 1))(w, x)
tangentish.jvp(loss, (w, x), (w, x))
tangentish.vjp(loss, w, x)[1](1.0)
tangentish.hessian(loss)(w, x)
tangentish.check_grads(loss, (w, x), order=2)
tangentish.source(loss, mode="vjp")
tangentish.grad(tangentish.grad(lambda t: t ** 3))(2.0)
from tangentish import cli
with contextlib.redirect_stdout(io.StringIO()):
    assert cli.main(["show", "model.py:loss", "--mode", "jvp"]) == 0
    assert cli.main(["check", "model.py:loss", "--shapes", "[[3], [2, 3]]"]) == 0
    assert cli.main(["export", "model.py:loss", "-o", "loss_grad.py"]) == 0
    tangentish.show(loss, color=True)
assert pytest.main(["-q", "-W", "error", "-p", "no:cacheprovider", "test_model.py"]) == 0
assert "astor" not in sys.modules, "astor was imported"
print("clean")
"""


def test_no_warning_and_no_name_python_3_14_removes(tmp_path):
    (tmp_path / "model.py").write_text(textwrap.dedent(MODEL))
    (tmp_path / "test_model.py").write_text(textwrap.dedent(TEST))
    (tmp_path / "probe.py").write_text(textwrap.dedent(PROBE))
    result = subprocess.run([sys.executable, "-W", "error", "probe.py"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("clean") and "warning" not in result.stderr.lower()


def test_the_package_names_none_of_the_removed_ast_classes():
    removed = {"Num", "Str", "Bytes", "NameConstant", "Ellipsis", "Index", "ExtSlice"}
    for path in (ROOT / "tangentish").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for name in removed:
            assert f"ast.{name}(" not in text and f"ast.{name})" not in text, (path, name)
        assert "import astor" not in text and "from astor" not in text, path
