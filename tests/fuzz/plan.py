"""What one check does, fixed before it runs: the mode, ``wrt`` (as parameter names with the form
each is written in: index, negative index or name), the second ``wrt`` of grad-of-grad, and the seed
of its directions and cotangents.  A plan outlives shrinking: removing other parameters re-renders
the indices, so the shrunk program is checked exactly the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .program import Program

MODES = ("grad", "value_and_grad", "jvp", "vjp", "hvp", "hessian", "gradgrad", "float32", "nested")
FORMS = ("index", "negative", "name")


@dataclass(frozen=True)
class Plan:
    mode: str
    wrt: tuple[tuple[str, str], ...]  # (parameter name, form)
    many: bool  # wrt is a tuple (even of one)
    seed: tuple[int, ...]
    second: tuple[str, str] | None = None  # gradgrad and nested: the outer transform's wrt

    def render(self, program: Program) -> Any:
        """``wrt`` as the API takes it, for this program's parameter list."""
        items = [render_item(program, name, form) for name, form in self.wrt]
        return tuple(items) if self.many else items[0]

    def names(self) -> list[str]:
        return [name for name, _ in self.wrt] + ([self.second[0]] if self.second else [])

    def rng(self) -> np.random.Generator:
        return np.random.default_rng(list(self.seed))


def render_item(program: Program, name: str, form: str) -> int | str:
    position = program.position(name)
    if form == "index":
        return position
    if form == "negative":
        return position - len(program.params)
    return name


def draw_plan(program: Program, mode: str, seed: tuple[int, ...]) -> Plan | None:
    """A random plan for ``mode`` (``None``: the mode does not apply, e.g. grad-of-grad without a
    float parameter)."""
    rng = np.random.default_rng(list(seed))
    floats = [p.name for p in program.float_params]
    if not floats:
        return None

    def form(allow_negative: bool = True) -> str:
        return str(rng.choice(FORMS if allow_negative else FORMS[::2]))

    if mode in ("grad", "value_and_grad", "jvp", "vjp", "float32"):
        many = bool(rng.random() < 0.35)
        count = int(rng.integers(1, len(floats) + 1)) if many else 1
        chosen = [floats[i] for i in sorted(rng.choice(len(floats), size=count, replace=False))]
        rng.shuffle(chosen)
        return Plan(mode, tuple((n, form()) for n in chosen), many, seed)
    if mode == "gradgrad":
        scalars = [p.name for p in program.float_params if p.kind == "float"]
        if not scalars:
            return None
        inner = str(rng.choice(scalars))
        outer = str(rng.choice(floats))
        # the derivative has a keyword-only seed parameter: name or index its arguments (not a
        # negative index, whose meaning for a signature with keyword-only parameters is debatable)
        return Plan(mode, ((inner, form()),), False, seed, second=(outer, form(False)))
    if mode == "nested":  # (modes_nested: a transform of grad(f, wrt=inner) with respect to outer)
        inner, outer = str(rng.choice(floats)), str(rng.choice(floats))
        return Plan(mode, ((inner, form(False)),), False, seed, second=(outer, form(False)))
    return Plan(mode, ((str(rng.choice(floats)), form()),), False, seed)
