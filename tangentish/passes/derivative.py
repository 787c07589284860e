'''The function a transformation builds, before it is turned into text (:class:`Derivative`).

Reverse and forward mode build one, the optimizer and the tape rewrite its body, split mode cuts it
in two, and :mod:`generate` prints it.  By hand:

    >>> import gast
    >>> from tangentish.syntax import build
    >>> from tangentish.syntax.naming import Namer
    >>> from tangentish.passes.generate import generate
    >>> signature = gast.parse("def g(x): pass").body[0].args
    >>> body = [build.assign("x_bar", build.binop(build.constant(2.0), "*", build.name("x"))),
    ...         build.return_(build.name("x_bar"))]
    >>> derivative = Derivative("grad_g", signature, body, Namer({"x", "x_bar"}))
    >>> print(generate(derivative, "Gradient of g(x) = x ** 2."), end="")
    def grad_g(x):
        """Gradient of g(x) = x ** 2."""
        x_bar = 2.0 * x
        return x_bar
'''

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import gast

from ..syntax.naming import Namer
from ..syntax.resolve import DEFAULT, Machinery


@dataclass
class Derivative:
    """A generated function: its name, signature and body, and what the later passes need."""

    name: str
    args: gast.arguments
    body: list[gast.stmt]
    namer: Namer
    protected: set[str] = field(default_factory=set)  # names the optimizer must keep
    saves: dict[int, gast.stmt] = field(default_factory=dict)  # in-place updates, see tape.py
    callees: Any = None  # the helpers' derivatives it calls (calls.Callees)
    extras: dict[str, object] = field(default_factory=dict)  # rule modules' names (template.py)
    docstring: str = ""
    machinery: Machinery = DEFAULT  # the aliases of np, math and _rt in the generated code
    tape: str | None = None  # the tape's name, once tape.py has materialized one
    sharing: dict[str, frozenset[str]] = field(default_factory=dict)  # see aliases.py
    primal_of: dict[str, str] = field(default_factory=dict)  # derivative variable → its value

    def shares(self, name: str) -> frozenset[str]:
        """``name`` and the names that may share its memory (one object, views)."""
        return self.sharing.get(name, frozenset({name}))
