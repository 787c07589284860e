"""Which generated statement first goes wrong, for derivatives tangentish generated.

Runs the generated forward-mode function (``tangentish.jvp``) once along a seeded direction and
records the final value of every variable; runs it again at ``x + h u`` and ``x - h u``.  For each
statement ``v = ...`` that has a tangent ``v_dot``, in the order the function computes them, the
central difference of ``v`` must match ``v_dot``.  The first one that does not (beyond an error
estimate from two step sizes) is the first wrong statement: its rule is the suspect.

Inside loops the recorded values are those of the last iteration, so the comparison still holds
for the statement that computed them.
"""

from __future__ import annotations

import inspect
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np

from .problem import Problem


@dataclass
class WrongStatement:
    line: int
    primal: str
    tangent: str
    error: float

    def describe(self) -> str:
        return (f"first wrong statement (forward mode, generated line {self.line}): "
                f"`{self.tangent}` disagrees with finite differences of `{self.primal}` "
                f"(relative error {self.error:.2e}); check the rule of that operation")


def _final_locals(function: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Call ``function`` and return its frame's variables at the moment it returns."""
    code = inspect.unwrap(function).__code__
    captured: dict[str, Any] = {}

    def tracer(frame, event, arg):
        if frame.f_code is not code:
            return None
        if event == "return":
            captured.update(frame.f_locals)
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        function(*args, **kwargs)
    finally:
        sys.settrace(previous)
    return captured


def _statement_lines(function: Any) -> list[tuple[int, str, str]]:
    """``(line, target, text)`` of the assignments of the generated function, in order."""
    import ast

    source = getattr(function, "own_source", None) or inspect.getsource(function)
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            found.append((node.lineno, node.targets[0].id, ast.unparse(node)))
    return sorted(found)


def first_wrong_statement(problem: Problem, seed: int) -> WrongStatement | None:
    """Localise a failing tangentish derivative to a generated statement (or ``None``)."""
    import tangentish

    wrt = problem.positions[0] if problem.single else problem.positions
    forward = tangentish.jvp(problem.f, wrt=wrt)
    generated = inspect.unwrap(forward)
    rng = np.random.default_rng(seed)
    names = [spec.name for spec in problem.specs]
    base = [np.asarray(problem.args[p], dtype=np.float64) for p in problem.positions]
    directions = [rng.standard_normal(b.shape) for b in base]
    tangents = {f"{n}_dot": u if b.shape else float(u)
                for n, u, b in zip(names, directions, base, strict=True)}

    def run(scale: float) -> dict[str, Any]:
        args = list(problem.args)
        for position, b, u in zip(problem.positions, base, directions, strict=True):
            moved = b + scale * u
            args[position] = moved if b.shape else float(moved)
        return _final_locals(forward, *args, **tangents)

    scale = max(1.0, max(float(np.max(np.abs(b))) if b.size else 0.0 for b in base))
    h = 1e-5 * scale
    centre, plus, minus = run(0.0), run(h), run(-h)
    plus2, minus2 = run(h / 2), run(-h / 2)
    statements = {target: (line, text) for line, target, text in _statement_lines(generated)}
    for line, target, text in _statement_lines(generated):
        tangent = f"{target}_dot"
        if tangent not in centre or not _numeric(centre.get(target)):
            continue
        try:
            coarse = (np.asarray(plus[target]) - np.asarray(minus[target])) / (2 * h)
            fine = (np.asarray(plus2[target]) - np.asarray(minus2[target])) / h
            claimed = np.asarray(centre[tangent], dtype=np.float64)
            error = float(np.max(np.abs(claimed - fine)))
        except (KeyError, TypeError, ValueError):
            continue
        allowed = 10 * float(np.max(np.abs(fine - coarse))) + 1e-7 * (
            1.0 + float(np.max(np.abs(fine))))
        if error > allowed:
            size = 1.0 + float(np.max(np.abs(fine)))
            tangent_line = statements.get(tangent, (line, tangent))
            return WrongStatement(tangent_line[0], text, tangent_line[1], error / size)
    return None


def _numeric(value: Any) -> bool:
    try:
        return np.issubdtype(np.asarray(value).dtype, np.floating)
    except (TypeError, ValueError):
        return False
