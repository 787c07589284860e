"""Saved regressions: a shrunk failing program with everything needed to run its check again.

A file ``regressions/<mode>_<verdict>_<crc>.py`` is the program (readable, importable: tangentish
reads ``f`` from it) followed by ``FUZZ_CASE``: the parameters, the inputs (``repr`` of float64
round-trips exactly), the plan (mode, ``wrt`` and the seed of directions and cotangents) and what
was found.  ``check`` runs that check again; it must end ``ok`` (or ``refused``: a clear error is
allowed) once the bug is fixed.
"""

from __future__ import annotations

import ast
import importlib.util
import pprint
import sys
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from .checks import Outcome, prepare
from .features import LENIENT
from .modes import run_check
from .plan import Plan
from .program import Param, Program

FOLDER = Path(__file__).resolve().parent / "regressions"
_IMPORTS = ("import math", "import numpy as np", "import tangentish")


def file_text(program: Program, inputs: list[Any], plan: Plan, found: Outcome, note: str) -> str:
    body = "\n".join(line for line in program.text.splitlines() if line not in _IMPORTS).strip()
    imports = "\n\n".join(i for i, used in zip(_IMPORTS, ("math.", "np.", "tangentish."),
                                                     strict=True) if used in body)
    case = {
        "mode": plan.mode, "wrt": [list(w) for w in plan.wrt], "many": plan.many,
        "second": list(plan.second) if plan.second else None, "seed": list(plan.seed),
        "params": [[p.name, p.kind, list(p.shape), p.value] for p in program.params],
        "inputs": [v.tolist() if isinstance(v, np.ndarray) else v for v in inputs],
        "found": f"{found.verdict}: {found.detail}" + (f" at {found.where}" if found.where else ""),
    }
    lenient = sorted(LENIENT.intersection(program.features))  # (a value outside a domain that
    if lenient:  # the program leaves unused is allowed then: without it the saved point was
        case["lenient"] = lenient  # not usable, fuzz seeds 7820 program 7, 8013 program 0)
    title = f"Fuzz regression: {plan.mode} {found.verdict} ({note})."
    gap = "\n\n\n" if body.startswith("def ") else "\n\n"  # isort: two lines before a def, else one
    head = f'"""{title}\n\n{_wrap(case["found"])}\n"""\n\n' + (f"{imports}{gap}" if imports else "\n")
    return head + body + "\n\n\nFUZZ_CASE = " + _literal(case) + "\n"


def _literal(case: dict[str, Any]) -> str:
    """The case as a dict literal, one key a line (long values wrapped by pprint)."""
    lines = ["{"]
    for key, value in case.items():
        text = pprint.pformat(value, width=100 - len(key) - 8)
        lines.append(f'    "{key}": ' + text.replace("\n", "\n" + " " * (len(key) + 8)) + ",")
    return "\n".join([*lines, "}"])


def _wrap(text: str, width: int = 96) -> str:
    words, lines, line = text.replace('"""', "'''").split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def save(program: Program, inputs: list[Any], plan: Plan, found: Outcome, note: str,
         folder: Path = FOLDER) -> Path:
    text = file_text(program, inputs, plan, found, note)
    ast.parse(text)  # a saved regression is valid Python, always
    digest = zlib.crc32(program.text.encode()) & 0xFFFFFFFF
    path = folder / f"{plan.mode}_{found.verdict}_{digest:08x}.py"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load_case(path: Path) -> tuple[Program, Any, list[Any], Plan]:
    name = f"fuzz_regression_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    case = module.FUZZ_CASE
    params = tuple(Param(n, k, tuple(s), v) for n, k, s, v in case["params"])
    program = Program(path.read_text(encoding="utf-8"), params, origin=path.name,
                      features=tuple(case.get("lenient", ())))
    inputs = [np.array(v, dtype=np.float64) if p.kind == "array" else v
              for p, v in zip(params, case["inputs"], strict=True)]
    plan = Plan(case["mode"], tuple(tuple(w) for w in case["wrt"]), case["many"], tuple(case["seed"]),
                tuple(case["second"]) if case["second"] else None)
    return program, module, inputs, plan


def check(path: Path, api: Any) -> Outcome:
    """Run a saved regression's check again (``invalid`` if the reference no longer accepts it)."""
    program, module, inputs, plan = load_case(path)
    try:
        case = prepare(program, module, inputs)
    except Exception as error:  # noqa: BLE001
        return Outcome(plan.mode, "invalid", f"the saved point is not usable: {error}")
    finally:
        sys.modules.pop(module.__name__, None)
    return run_check(case, plan, api)
