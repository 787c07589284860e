"""Every example runs and prints what the README promises."""

import pathlib
import subprocess
import sys

EXAMPLES = pathlib.Path(__file__).parent.parent / "examples"


def run(name):
    out = subprocess.run([sys.executable, str(EXAMPLES / name)], capture_output=True, text=True,
                         check=True, timeout=120)
    return out.stdout


def test_quickstart_prints_gradient_and_source():
    out = run("quickstart.py")
    assert "d loss / d w =" in out
    assert "def grad_loss_wrt_w(w, x, y, *, out_bar=1.0):" in out
    assert "# adjoint of:" in out
    assert "d/dx (2x^2 + 3x + 1) at 2 = 11.0" in out


def test_custom_rule_example_checks_its_gradient():
    out = run("custom_rule.py")
    assert "gradient:" in out
    assert "sigmoid(x)" in out
    assert "check_grads: ok" in out


def test_tutorial_cases():
    out = run("tutorial.py")
    assert "d/dx (2x^2 + 3x + 1) at x = 2: 11.0" in out
    assert "[[ 2.  4.  6.]\n [ 8. 10. 12.]]" in out
    assert "w = [ 1.5   -2.001  0.498]" in out
    assert "def value_and_grad_mse_wrt_w_b(w, b, x, y, *, out_bar=1.0):" in out
