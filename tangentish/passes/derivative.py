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

from typing import Any

import gast

from .. import ir
from ..syntax.naming import Namer
from ..syntax.resolve import DEFAULT, Machinery


class Derivative:
    """A generated function: its name, signature and body, and what the later passes need.
    (A plain class, not a dataclass: making one costs a first ``grad()`` half a millisecond.)"""

    number_lists: dict[str, int] = {}  # lists of float64 numbers, their lengths (patterns.py)
    zeros: frozenset[str] = frozenset()  # wrt parameters no adjoint reached (reverse.py): their
    # gradient is 0 whatever the arguments, so a caller's adjoint takes nothing from them; in
    # forward mode every wrt parameter, where no tangent reaches the output (forward.py)
    quiet: tuple = ()  # the user's np.errstate blocks (syntax/quiet_blocks.py), if any
    checked: frozenset[str] = frozenset()  # parameters every call holds a float or a floating
    # array in: the API checks a request's wrt values and, in jvp, their tangents (pipeline.py;
    # none where containers are under wrt: a dict's, a dataclass's parts are not checked so)

    def __init__(self, name: str, args: gast.arguments, body: list[gast.stmt], namer: Namer,
                 protected: set[str] | None = None, *,
                 saves: dict[int, gast.stmt] | None = None, callees: Any = None,
                 extras: dict[str, object] | None = None, docstring: str = "",
                 machinery: Machinery = DEFAULT, tape: str | None = None,
                 sharing: dict[str, frozenset[str]] | None = None,
                 primal_of: dict[str, str] | None = None,
                 follows: dict[str, str] | None = None,
                 sequences: frozenset[str] | set[str] = frozenset(),
                 scalars: frozenset[str] | set[str] = frozenset(),
                 float64: dict[str, tuple[bool, ...]] | None = None, plain_seed: bool = False,
                 ranks: dict[str, int] | None = None, shaped: dict[str, str] | None = None,
                 real: frozenset[str] | None = None):
        self.name, self.args, self.body, self.namer = name, args, body, namer
        self.protected = set() if protected is None else protected  # names the optimizer keeps
        self.saves = {} if saves is None else saves  # in-place updates, see tape.py
        self.callees = callees  # the helpers' derivatives it calls (calls.Callees)
        self.extras = {} if extras is None else extras  # rule modules' names (template.py)
        self.docstring = docstring
        self.machinery = machinery  # the aliases of np, math and _rt in the generated code
        self.tape = tape  # the tape's name, once tape.py has materialized one
        self.tapes = (tape,) if tape else ()  # every tape's name (tape_kinds.py): ``tape`` first
        self.sharing = {} if sharing is None else sharing  # see aliases.py
        self.primal_of = {} if primal_of is None else primal_of  # derivative variable → value
        self.follows = {} if follows is None else follows  # value → the wrt parameter whose
        # shape and dtype it provably has (shapes.StandIns)
        self.sequences = sequences  # the function's names that may hold lists or tuples
        self.scalars = scalars  # the names its specialization facts prove scalar (pattern ())
        self.float64 = {} if float64 is None else float64  # name → pattern, of the names its
        # facts prove float64 values of that size-one pattern (dtypes.py, patterns.py)
        self.plain_seed = plain_seed  # the output is a proven float64 scalar: the seed is read
        # as given, the caller checks one given (api)
        self.ranks = {} if ranks is None else ranks  # primal name → its proven rank
        self.shaped = {} if shaped is None else shaped  # float64 name → a name of its shape
        # class (shapes.ShapeClasses): two names with one are float64 values of one shape
        self.real = real  # the primal's names proven real where some may be complex (None:
        # none may be; Activity.real): tape_kinds.py keeps the others on a tape apart
        self.carried: frozenset[str] = frozenset()  # names bound more than once whose every
        # value is proven of their class in ``shaped`` (carried_shapes)

    def quiet_apart(self, one: gast.stmt, other: gast.stmt) -> bool:
        """Whether ``one`` and ``other`` come from lines under different ``np.errstate`` blocks
        of the user's (:attr:`quiet`): an expression of one must not move into the other, whose
        generated code runs under other settings (:mod:`.quiet_runs`)."""
        return bool(self.quiet) and _under(self.quiet, one) != _under(self.quiet, other)

    def shares(self, name: str) -> frozenset[str]:
        """``name`` and the names that may share its memory (one object, views)."""
        return self.sharing.get(name, frozenset({name}))


def _under(quiet: tuple, stmt: gast.stmt) -> tuple | None:
    """The blocks of ``quiet`` whose lines hold ``stmt``'s user line (None: it has none)."""
    found = stmt.__dict__.get(ir.SLOT)
    line = None if found is None else found.origin
    return None if line is None else tuple(q for q in quiet if q.holds(line))
