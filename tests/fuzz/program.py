"""A generated program: its text, its parameters, the features it uses; loading it as a module from a
real file (tangentish reads source with ``inspect``) and drawing inputs for it.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ENTRY = "f"  # the function under test in every program
_SERIAL = itertools.count()


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # "float" (a Python float), "array" (float64), "int" (fixed, never differentiated)
    shape: tuple[int, ...] = ()
    value: int | None = None


@dataclass(frozen=True)
class Program:
    text: str
    params: tuple[Param, ...]
    features: tuple[str, ...] = ()
    seed: int = 0
    index: int = 0
    origin: str = field(default="", compare=False)  # where it came from (for messages)

    @property
    def float_params(self) -> list[Param]:
        return [p for p in self.params if p.kind != "int"]

    def position(self, name: str) -> int:
        return [p.name for p in self.params].index(name)

    def replace(self, **changes: Any) -> Program:
        values = {k: getattr(self, k) for k in ("text", "params", "features", "seed", "index", "origin")}
        values.update(changes)
        return Program(**values)


def load(program: Program, directory: Path, stem: str) -> types.ModuleType:
    """Write the program to ``directory/<stem>_<serial>.py`` (a new file every time, so no cache can
    serve stale text) and import it as a module registered in ``sys.modules``."""
    name = f"{stem}_{next(_SERIAL)}"
    path = directory / f"{name}.py"
    path.write_text(program.text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def unload(module: types.ModuleType) -> None:
    sys.modules.pop(module.__name__, None)
    with contextlib.suppress(OSError):
        Path(module.__file__).unlink()


ZERO_CHANCE = 0.3
"""How often an input is, or holds, an exact 0.0: the special point where a derivative written
in a singular form (``k * x ** (k - 1)`` for ``k = 0``) gives NaN where the true one is finite."""


def draw_inputs(program: Program, rng: np.random.Generator) -> list[Any]:
    """Float64 inputs in [-1.5, 1.5] (Python floats for float parameters), ints at their values;
    sometimes (:data:`ZERO_CHANCE`) a float is 0.0 or an array holds one 0.0."""
    inputs: list[Any] = []
    for p in program.params:
        if p.kind == "int":
            inputs.append(int(p.value))
        elif p.kind == "float":
            value = float(rng.uniform(-1.5, 1.5))
            inputs.append(0.0 if rng.random() < ZERO_CHANCE else value)
        else:
            array = rng.uniform(-1.5, 1.5, size=p.shape).astype(np.float64)
            if array.size and rng.random() < ZERO_CHANCE:  # (the first item half the time:
                # where x ** np.arange(n) raises x to the power 0)
                array.flat[0 if rng.random() < 0.5 else int(rng.integers(array.size))] = 0.0
            inputs.append(array)
    return inputs


def copy_inputs(inputs: list[Any]) -> list[Any]:
    return [v.copy() if isinstance(v, np.ndarray) else v for v in inputs]


def same_inputs(before: list[Any], after: list[Any]) -> str | None:
    """``None`` when ``after`` equals ``before`` bit for bit, else a description of the change."""
    for i, (b, a) in enumerate(zip(before, after, strict=True)):
        if isinstance(b, np.ndarray):
            if not isinstance(a, np.ndarray) or a.shape != b.shape or a.dtype != b.dtype or \
                    not np.array_equal(a, b, equal_nan=True):
                return f"argument {i} was changed in place"
        elif type(a) is not type(b) or a != b:
            return f"argument {i} was replaced"
    return None
