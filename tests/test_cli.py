"""The command line (``tangentish.cli``): show, check, export, rules, errors and exit statuses.

Most tests call ``main([...])`` in-process; one runs ``python -m tangentish`` and the export round
trip imports the exported module in an isolated interpreter where tangentish is not importable.
"""

from __future__ import annotations

import ast
import json
import os
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import tangentish
from tangentish import cli

REPO = Path(__file__).resolve().parent.parent

MODEL = '''
"""Functions for the command-line tests."""
import numpy as np
from cli_sibling_consts import SCALE, shift

OFFSET = 0.25


def helper(a, b):
    return np.tanh(a) * b + OFFSET


def loss(w, x, b):
    z = helper(x @ w, b)
    return np.sum(z ** 2) * SCALE + np.max(w) + shift(np.sum(w))
'''

SIBLING = '''
SCALE = 1.5
FACTOR = 2.0


def shift(v):
    return v * FACTOR
'''

WRONG_RULE = '''
import numpy as np
from tangentish.extend import d, rule


def cube(x):
    return x ** 3


@rule(cube)
class WrongCube:
    def adjoint(y, x):
        d[x] = d[y] * 2.0 * x * x  # wrong on purpose: the derivative is 3 x**2

    def tangent(y, x):
        d[y] = d[x] * 2.0 * x * x


def energy(x):
    return np.sum(cube(x))
'''


@pytest.fixture
def model(tmp_path: Path) -> Path:
    """``model.py`` (importing its sibling ``cli_sibling_consts.py``) in a fresh directory; the
    modules imported from there are forgotten afterwards."""
    (tmp_path / "cli_sibling_consts.py").write_text(SIBLING)
    path = tmp_path / "model.py"
    path.write_text(MODEL)
    path_before = list(sys.path)
    yield path
    assert sys.path == path_before  # loading a file leaves sys.path as it was
    for name, module in list(sys.modules.items()):
        if str(getattr(module, "__file__", "") or "").startswith(str(tmp_path)):
            del sys.modules[name]


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def sample(seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.standard_normal(3), rng.standard_normal((4, 3)), rng.standard_normal(4)


# -- show -----------------------------------------------------------------------------------------


def test_show_prints_the_gradient_source(model, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    status, out, err = run(capsys, "show", f"{model}:loss")
    assert status == 0 and err == ""
    assert out.startswith("def grad_loss_wrt_w(w, x, b, *, out_bar=1.0):")
    assert "# derivative of the helper shift(), called above" in out  # (another module's)
    assert "# adjoint of: return np.tanh(a) * b + OFFSET  [model.py:" in out  # (inlined)
    assert "\x1b[" not in out


@pytest.mark.parametrize(("wrt", "header", "returned"), [
    ("b", "def grad_loss_wrt_b(", "return b_bar"),
    ("w,b", "def grad_loss_wrt_w_b(", "return w_bar, b_bar"),
    ("0,-1", "def grad_loss_wrt_w_b(", "return w_bar, b_bar"),
    ("x,", "def grad_loss_wrt_x(", "return x_bar,"),
])
def test_show_wrt_names_indices_and_tuples(model, capsys, wrt, header, returned):
    status, out, _ = run(capsys, "show", f"{model}:loss", "--wrt", wrt)
    assert status == 0
    assert out.startswith(header) and f"    {returned}\n" in out


def test_show_modes(model, capsys):
    status, out, _ = run(capsys, "show", f"{model}:loss", "--mode", "jvp")
    assert status == 0 and out.startswith("def jvp_loss_wrt_w(w, x, b, *, w_dot):")
    status, out, _ = run(capsys, "show", f"{model}:loss", "--mode", "value_and_grad")
    assert status == 0 and out.startswith("def value_and_grad_loss_wrt_w(")


def test_show_a_module_target(model, capsys, monkeypatch):
    monkeypatch.syspath_prepend(str(model.parent))
    status, out, _ = run(capsys, "show", "model:helper", "--wrt", "a")
    assert status == 0 and out.startswith("def grad_helper_wrt_a(a, b, *, out_bar=1.0):")


def test_show_colours_only_a_terminal_without_no_color(model, capsys, monkeypatch):
    pytest.importorskip("pygments")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert "\x1b[" in run(capsys, "show", f"{model}:loss")[1]
    assert "\x1b[" not in run(capsys, "show", f"{model}:loss", "--no-color")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run(capsys, "show", f"{model}:loss")[1]


# -- check ----------------------------------------------------------------------------------------


def test_check_passes_with_json_arguments(model, capsys):
    w, x, b = sample()
    arguments = json.dumps([w.tolist(), x.tolist(), b.tolist()])
    status, out, _ = run(capsys, "check", f"{model}:loss", "--args", arguments, "--wrt", "w,b")
    assert status == 0
    assert out.startswith("Gradient check of loss passed (seed=0)")


def test_check_with_shapes_and_a_spec_file(model, capsys, tmp_path):
    status, out, _ = run(capsys, "check", f"{model}:loss", "--shapes", "[[3], [4, 3], [4]]",
                         "--seed", "3", "--modes", "rev")
    assert status == 0 and "passed (seed=3)" in out
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"args": [[0.5, -1.0, 2.0], [[1, 2, 3]], [0.5]], "wrt": ["x"],
                                "seed": 7}))
    status, out, _ = run(capsys, "check", f"{model}:loss", "--spec", str(spec))
    assert status == 0 and "passed (seed=7)" in out
    assert "Reproduce: tangentish check" in out and "--wrt x, --seed 7" in out


def test_a_spec_file_takes_wrt_as_the_command_line_writes_it(model, capsys, tmp_path):
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"shapes": [[3], [4, 3], [4]], "wrt": "w,b", "seed": 2}))
    status, out, _ = run(capsys, "check", f"{model}:loss", "--spec", str(spec))
    assert status == 0 and "passed (seed=2)" in out and "--wrt w,b --seed 2" in out
    spec.write_text(json.dumps({"shapes": [[3]], "wrt": "w b"}))
    status, _, err = run(capsys, "check", f"{model}:loss", "--spec", str(spec))
    assert status == 2 and "wrt 'w b' is not a parameter index, name or comma list" in err


def test_the_reproduction_line_runs_as_printed(tmp_path, capsys, monkeypatch):
    path = tmp_path / "wrong_rule.py"
    path.write_text(WRONG_RULE)
    monkeypatch.chdir(tmp_path)
    for inputs in (["--shapes", "[[4]]", "--seed", "5"], ["--args", "[[0.5, 1.5, -2.0]]"]):
        status, out, _ = run(capsys, "check", "wrong_rule.py:energy", *inputs)
        assert status == 1 and "args" not in out.replace("--args", "")  # no unseen `args`
        line = out.splitlines()[-1]
        assert line.startswith("Reproduce: tangentish check wrong_rule.py:energy")
        argv = shlex.split(line.removeprefix("Reproduce: tangentish "))
        again = run(capsys, *argv)
        assert again == (1, out, "")  # the same arguments: drawn again from the seed, or shown


def test_check_fails_on_a_wrong_rule(tmp_path, capsys):
    path = tmp_path / "wrong_rule.py"
    path.write_text(WRONG_RULE)
    status, out, _ = run(capsys, "check", f"{path}:energy", "--args", "[[0.5, 1.5, -2.0]]")
    assert status == 1
    assert out.startswith("Gradient check of energy failed")
    assert "disagrees with finite differences" in out


def test_check_needs_inputs_and_valid_json(model, capsys):
    status, _, err = run(capsys, "check", f"{model}:loss")
    assert status == 2 and "check needs inputs" in err
    status, _, err = run(capsys, "check", f"{model}:loss", "--args", "[1.0,")
    assert status == 2 and "--args is not valid JSON" in err


# -- errors -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("target", "message"), [
    ("missing_file.py:f", "no such file: missing_file.py"),
    ("{model}:nope", "has no function 'nope'"),
    ("{model}", "bad target"),
    ("no_such_module_for_cli_tests:f", "no module named 'no_such_module_for_cli_tests'"),
])
def test_bad_targets_exit_2_with_one_message(model, capsys, target, message):
    status, out, err = run(capsys, "show", target.format(model=model))
    assert status == 2 and out == ""
    assert err.startswith("tangentish: error: ") and message in err
    assert "Traceback" not in err


def test_import_errors_and_traceback(tmp_path, capsys):
    path = tmp_path / "broken.py"
    path.write_text("X = 1 / 0\n")
    status, _, err = run(capsys, "show", f"{path}:f")
    assert status == 2 and "ZeroDivisionError: division by zero" in err
    assert "Traceback" not in err and "--traceback" in err
    status, _, err = run(capsys, "show", f"{path}:f", "--traceback")
    assert status == 2 and "Traceback (most recent call last)" in err


def test_transform_errors_and_usage_errors_exit_2(model, capsys):
    status, _, err = run(capsys, "show", f"{model}:loss", "--wrt", "nope")
    assert status == 2 and "loss has no parameter 'nope'" in err
    status, _, err = run(capsys, "show", f"{model}:loss", "--wrt", "a-b")
    assert status == 2 and "is not a parameter index, name or comma list" in err
    status, _, err = run(capsys, "show", f"{model}:loss", "--mode", "sideways")
    assert status == 2 and "invalid choice" in err


@pytest.mark.parametrize("argv, message", [
    (("--seed", "-1"), "argument --seed: '-1' is not a non-negative integer"),
    (("--seed", "1.5"), "'1.5' is not a non-negative integer"),
    (("--wrt", "7"), "wrt=7 is out of range: loss has 3 positional parameters"),
    (("--wrt", "w,w"), "names the parameter 'w' twice"),
])
def test_careless_check_options_exit_2_with_one_message(model, capsys, argv, message):
    status, _, err = run(capsys, "check", f"{model}:loss", "--shapes", "[[3], [4, 3], [4]]", *argv)
    assert status == 2 and message in err
    assert "Traceback" not in err
    files = [line for line in err.splitlines() if line.strip().startswith('File "')]
    assert all(str(model) in line for line in files)  # the user's code only, never the CLI's


def test_spec_seed_and_arguments_under_wrt_are_checked(model, capsys, tmp_path):
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"shapes": [[3], [4, 3], [4]], "seed": -3}))
    status, _, err = run(capsys, "check", f"{model}:loss", "--spec", str(spec))
    assert status == 2 and "the seed must be a non-negative integer, got -3" in err
    w, x, _ = sample()
    status, _, err = run(capsys, "check", f"{model}:loss", "--wrt", "b",
                         "--args", json.dumps([w.tolist(), x.tolist(), True]))
    assert status == 2 and "cannot differentiate loss with respect to b: it is a bool" in err


def test_integer_lists_not_differentiated_stay_integers(tmp_path, capsys):
    path = tmp_path / "pick.py"
    path.write_text("import numpy as np\n\ndef pick(x, idx):\n    return np.sum(x[idx] ** 2)\n")
    status, out, err = run(capsys, "check", f"{path}:pick", "--args", "[[1.0, 2.0, 3.0], [0, 2]]")
    assert status == 0, err
    assert "passed" in out


# -- export ---------------------------------------------------------------------------------------

ISOLATED = textwrap.dedent('''
    import json, sys
    site, export_dir, user_dir, inputs = sys.argv[1:]
    sys.path += [site, export_dir, user_dir]
    try:
        import tangentish
    except ImportError:
        pass
    else:
        raise SystemExit("tangentish is importable in the isolated interpreter")
    import numpy as np
    import loss_grad, loss_jvp
    w, x, b = (np.array(v) for v in json.loads(inputs))
    w_bar, b_bar = loss_grad.grad_loss_wrt_w_b(w, x, b)
    value, derivative = loss_jvp.jvp_loss_wrt_w(w, x, b, w_dot=np.ones(3))
    try:
        loss_grad.grad_loss_wrt_w_b(w, x, b, out_bar=np.ones(2))
    except ValueError as exc:
        error = type(exc).__name__
    print(json.dumps([w_bar.tolist(), b_bar.tolist(), value, derivative, error,
                      sorted(m for m in sys.modules if m.startswith("tangentish"))]))
''')


def test_export_runs_without_tangentish(model, capsys, tmp_path):
    out_dir = tmp_path / "exported"
    out_dir.mkdir()
    status, out, _ = run(capsys, "export", f"{model}:loss", "--wrt", "w,b",
                         "-o", str(out_dir / "loss_grad.py"))
    assert status == 0 and "loss_grad_runtime.py" in out
    assert run(capsys, "export", f"{model}:loss", "--mode", "jvp",
               "-o", str(out_dir / "loss_jvp.py"))[0] == 0
    text = (out_dir / "loss_grad.py").read_text()
    assert text.startswith("# loss_grad.py: the gradient of loss with respect to w, b.\n"
                           f"# Exported by tangentish {tangentish.__version__} from {model}:loss.")
    assert "import numpy as np" in text and "import loss_grad_runtime as _rt" in text
    assert "from cli_sibling_consts import FACTOR\nfrom model import OFFSET, SCALE, shift\n" \
        in text  # (helper() is inlined: its OFFSET is read, the function itself is not)
    runtime_text = (out_dir / "loss_grad_runtime.py").read_text()
    assert "class NonScalarOutputError(ValueError):" in runtime_text
    imported = {node.module if isinstance(node, ast.ImportFrom) else alias.name
                for node in ast.walk(ast.parse(runtime_text))
                if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
    assert "numpy" in imported and imported <= {"__future__", "math", "sys", "typing", "numpy"}

    w, x, b = sample(1)
    loss = cli.load_target(f"{model}:loss")
    expected = tangentish.grad(loss, wrt=("w", "b"))(w, x, b)
    value, tangent = tangentish.jvp(loss)(w, x, b, w_dot=np.ones(3))
    site = str(Path(np.__file__).resolve().parent.parent)
    inputs = json.dumps([w.tolist(), x.tolist(), b.tolist()])
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c", ISOLATED, site, str(out_dir), str(model.parent), inputs],
        capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    w_bar, b_bar, exported_value, exported_tangent, error, loaded = json.loads(result.stdout)
    np.testing.assert_allclose(w_bar, expected[0], rtol=1e-12)
    np.testing.assert_allclose(b_bar, expected[1], rtol=1e-12)
    np.testing.assert_allclose([exported_value, exported_tangent], [value, tangent], rtol=1e-12)
    assert error == "NonScalarOutputError" and loaded == []


def test_export_needs_an_importable_output_name(model, capsys, tmp_path):
    status, _, err = run(capsys, "export", f"{model}:loss", "-o", str(tmp_path / "my-grad.py"))
    assert status == 2 and "importable name" in err
    assert not (tmp_path / "my-grad.py").exists()


# -- rules ----------------------------------------------------------------------------------------


def test_rules_lists_rules_by_group(capsys):
    status, out, _ = run(capsys, "rules")
    assert status == 0
    lines = [line.split() for line in out.splitlines()]
    assert ["np.sin", "adjoint+tangent"] in lines
    assert ["math.erf", "adjoint+tangent"] in lines
    assert ["np.argmax", "non-differentiable"] in lines
    assert ["list.pop", "tangent", "only"] in lines
    assert any(line.startswith("numpy: ") for line in out.splitlines())
    # the summary counts the rows each group lists (it once counted NumPy's without np.float64)
    summary = next(line for line in out.splitlines() if line.startswith("functions with"))
    counted = dict(part.rsplit(" ", 1) for part in summary.split(": ", 1)[1].split(", "))
    groups, group = {}, None
    for line in out.splitlines():
        group = line.split(":")[0] if not line.startswith(" ") else group
        if line.startswith("  ") and line.split()[1] == "adjoint+tangent":
            groups[group] = groups.get(group, 0) + 1
    assert counted and {g: int(n) for g, n in counted.items()} == {g: groups[g] for g in counted}


def test_rules_missing_lists_what_has_no_rule(capsys):
    status, out, _ = run(capsys, "rules", "--missing")
    assert status == 0
    names = {line.strip() for line in out.splitlines() if line.startswith("  ")}
    assert {"np.histogram2d", "math.frexp"} <= {name.split(":")[0] for name in names}  # with reasons
    assert not {"np.sin", "np.argmax", "math.exp", "math.dist", "np.absolute", "np.abs"} & names


# -- entry points -----------------------------------------------------------------------------------


def test_python_dash_m_tangentish(model):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    result = subprocess.run([sys.executable, "-m", "tangentish", "show", f"{model}:loss",
                             "--wrt", "b", "--no-color"], capture_output=True, text=True,
                            cwd=model.parent, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("def grad_loss_wrt_b(w, x, b, *, out_bar=1.0):")


def test_console_script():
    assert shutil.which("tangentish"), "the console script is missing: pip install -e ."
    result = subprocess.run(["tangentish", "rules"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "np.sin" in result.stdout
