"""The README stays true: its API table is the functions' own signatures, its two commands make and
use a virtual environment (and CI runs exactly the test command), and its command-line examples
run as written."""

from __future__ import annotations

import ast
import contextlib
import inspect
import io
import json
import re
import shlex
from pathlib import Path

import pytest

import tangentish
from tangentish import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end >= 0 else None]


def fenced(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def table_signatures() -> dict[str, str]:
    rows = re.findall(r"^\| `tangentish\.(\w+)\((.*?)\)` \|", section("API"), flags=re.M)
    return dict(rows)


def documented(text: str) -> list[tuple[str, str, object]]:
    """``f, wrt=0, *, mode="rev"`` → [(name, kind, default)], parsed as Python."""
    node = ast.parse(f"def _({text}): pass").body[0].args
    found = [(a.arg, "positional", None) for a in node.args]
    for arg, default in zip(node.args[len(node.args) - len(node.defaults):], node.defaults,
                            strict=True):
        index = [n for n, _, _ in found].index(arg.arg)
        found[index] = (arg.arg, "positional", ast.literal_eval(default))
    if node.vararg is not None:
        found.append((node.vararg.arg, "*args", None))
    for arg, default in zip(node.kwonlyargs, node.kw_defaults, strict=True):
        found.append((arg.arg, "keyword", None if default is None else ast.literal_eval(default)))
    return found


def actual(fn) -> list[tuple[str, str, object]]:
    kinds = {inspect.Parameter.VAR_POSITIONAL: "*args", inspect.Parameter.KEYWORD_ONLY: "keyword"}
    return [(p.name, kinds.get(p.kind, "positional"),
             None if p.default is inspect.Parameter.empty else p.default)
            for p in inspect.signature(fn).parameters.values()]


def test_the_api_table_lists_every_transform_with_its_own_signature():
    rows = table_signatures()
    assert set(rows) >= {"grad", "value_and_grad", "source", "show", "jvp", "vjp", "jacobian",
                         "hessian", "hvp", "stop_gradient", "check_grads"}
    for name, text in rows.items():
        assert documented(text) == actual(getattr(tangentish, name)), name


def test_the_public_transforms_have_type_hints():
    assert (ROOT / "tangentish" / "py.typed").is_file()
    for name in ("grad", "value_and_grad", "source", "show", "jvp", "vjp", "jacobian", "hessian",
                 "hvp"):
        fn = inspect.unwrap(getattr(tangentish, name))
        hints = fn.__annotations__
        assert "return" in hints and set(inspect.signature(fn).parameters) <= set(hints), \
            name


def test_the_two_commands_make_and_use_a_virtual_environment_and_ci_runs_the_second():
    top = README[:README.index("\n## ")]
    example, tests = (block.strip() for block in fenced(top, "bash"))
    venv = "python3 -m venv .venv && . .venv/bin/activate && "
    assert example == venv + "pip install -e . && python examples/quickstart.py"
    assert tests == venv + 'pip install -e ".[test]" && python -m pytest -q -n auto'
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in ci  # a line of its own, exactly as written


def command_lines() -> list[str]:
    block = next(b for b in fenced(README, "bash") if "tangentish check examples/" in b)
    return [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.strip()]


@pytest.mark.parametrize("line", command_lines())
def test_every_command_line_example_runs_as_written(line, tmp_path, monkeypatch):
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)  # the repository's root, as far as the examples can tell
    argv = shlex.split(line)
    assert argv[0] == "tangentish"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(argv[1:])
    assert status == 0, err.getvalue()
    if argv[1] == "check":
        reproduce = out.getvalue().splitlines()[-1].removeprefix("Reproduce: ")
        assert shlex.split(reproduce)[:3] == argv[:3]


def test_the_spec_shown_is_the_example_file():
    shown = json.loads(next(b for b in fenced(README, "json") if '"wrt": "w,b"' in b))
    assert shown == json.loads((ROOT / "examples" / "loss_spec.json").read_text())
