"""What the generator knows while it writes one program: the random source, the two dimensions,
the active features, the variables in scope (with shapes and rough bounds) and the callables.

Shapes are tuples over two dimensions ``n != m``: ``()`` scalars, ``(n,)`` and ``(m,)`` vectors,
``(m, n)`` matrices (``(n, m)`` and ``(m, 1)`` appear inside expressions).  Every expression carries a
rough bound on its magnitude, so ``exp`` and powers are only applied where they stay tame.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
LIMIT = 1e4  # expressions whose bound exceeds this are not written


@dataclass
class Expr:
    text: str
    shape: tuple[int, ...]
    bound: float
    fresh: bool = True  # a new array (not a view or alias of a parameter)


@dataclass
class Var:
    name: str
    shape: tuple[int, ...]
    bound: float
    fresh: bool = False  # may be updated in place (owns its array)
    reads: int = 0


@dataclass
class Callee:
    """A helper or a closure: parameters (name, shape, default text or None, keyword-only)."""

    name: str
    params: list[tuple[str, tuple[int, ...], str | None, bool]]
    returns: list[tuple[int, ...]]  # one shape, or two for a tuple result
    bound: float = 10.0


@dataclass
class Scope:
    vars: dict[str, Var] = field(default_factory=dict)
    ints: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> (low, high)
    funcs: dict[str, Callee] = field(default_factory=dict)
    loop_depth: int = 0
    returns: list[tuple[int, ...]] = field(default_factory=lambda: [()])
    level: int = 0  # blocks nested around this one (0: the function's own body)

    def child(self, *, loop: bool = False) -> Scope:
        """A nested block: sees everything, and what it defines stays inside (Var objects are shared,
        so bounds raised by a reassignment inside are seen outside)."""
        return Scope(dict(self.vars), dict(self.ints), dict(self.funcs),
                     self.loop_depth + (1 if loop else 0), self.returns, self.level + 1)


class Ctx:
    """Generation state of one program."""

    def __init__(self, rng: random.Random, active: set[str]):
        self.rng = rng
        self.n = rng.choice((2, 3, 4))
        self.m = rng.choice(tuple(d for d in (2, 3, 4) if d != self.n))
        self.active = active
        self.used: set[str] = set()
        self.scope = Scope()
        self.helpers: list[Callee] = []
        self.globals: list[Var] = []
        self.int_params: list[tuple[str, int]] = []  # integer parameters and their (fixed) values
        self.shapes: list[tuple[int, ...]] = [()]  # the shapes the parameters have (and scalars)
        self.counter = 0
        self.integral: set[str] = set()  # names that may hold an integer array (never updated in place)
        # set by grammar.bind: the recursive entry points every production calls
        self.expr: Callable[[tuple[int, ...], int], Expr] = _unbound
        self.leaf: Callable[[tuple[int, ...]], Expr] = _unbound
        self.cond: Callable[[int], str] = _unbound

    # shapes -------------------------------------------------------------------------------------
    @property
    def N(self) -> tuple[int, ...]:
        return (self.n,)

    @property
    def MV(self) -> tuple[int, ...]:
        return (self.m,)

    @property
    def MN(self) -> tuple[int, ...]:
        return (self.m, self.n)

    # randomness ---------------------------------------------------------------------------------
    def on(self, feature: str, probability: float = 1.0) -> bool:
        return feature in self.active and self.rng.random() < probability

    def pick(self, options):
        return options[self.rng.randrange(len(options))]

    def ordered(self, weighted: list[tuple[float, object]]) -> list[object]:
        """The options in a random order, heavier ones earlier (weighted sampling without
        replacement, Efraimidis-Spirakis keys)."""
        keyed = [(self.rng.random() ** (1.0 / w), i, o) for i, (w, o) in enumerate(weighted) if w > 0]
        keyed.sort(key=lambda t: (-t[0], t[1]))
        return [o for _, _, o in keyed]

    def const(self) -> str:
        return self.pick(("0.5", "1.5", "2.0", "0.3", "0.7", "1.0", "3.0", "0.25"))

    def fresh_name(self, stem: str) -> str:
        self.counter += 1
        return f"{stem}{self.counter}"

    def reads_integral(self, text: str) -> bool:
        """Whether ``text`` reads a name that may hold an integer array: its value may be one too
        (``np.abs(k)``, ``np.array(k)``), which NumPy refuses to update in place by a float."""
        return not self.integral.isdisjoint(_NAME.findall(text))

    def has(self, shape: tuple[int, ...]) -> bool:
        return shape in self.shapes

    def read(self, var: Var) -> str:
        """Pick ``var`` to be read (unread variables are preferred elsewhere); returns its name."""
        var.reads += 1
        return var.name

    def choose_var(self, found: list[Var]) -> Var:
        """A variable from ``found``, preferring ones nothing has read yet (keeps values live)."""
        unread = [v for v in found if v.reads == 0]
        var = self.pick(unread if unread and self.rng.random() < 0.6 else found)
        var.reads += 1
        return var

    def vars_of(self, shape: tuple[int, ...]) -> list[Var]:
        found = [v for v in self.scope.vars.values() if v.shape == shape]
        if "globals" in self.active:
            found += [g for g in self.globals if g.shape == shape]
        return found


def _unbound(*args: object) -> Expr:
    raise RuntimeError("grammar.bind(ctx) was not called")


def zeros_text(shape: tuple[int, ...]) -> str:
    return f"np.zeros({shape[0]})" if len(shape) == 1 else f"np.zeros({shape})"


def ones_text(shape: tuple[int, ...]) -> str:
    return f"np.ones({shape[0]})" if len(shape) == 1 else f"np.ones({shape})"


def par(text: str) -> str:
    """Parenthesised for embedding (the final ast round trip drops the parentheses not needed)."""
    return f"({text})"
