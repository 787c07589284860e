"""The intermediate representation every pass shares.

Statements are gast nodes.  What a pass records about a statement lives in one typed :class:`Note`,
read and written only through :func:`note` (never as ad-hoc attributes); what a pass leaves for a
later one to fill in is a statement type of its own (:class:`Comment`, :class:`Push`, :class:`Pop`,
:class:`Save`, :class:`Restore`), never a name parsed back.

    >>> import gast
    >>> stmt = gast.Pass()
    >>> note(stmt).origin = 12
    >>> note(stmt).origin, note(gast.Pass()).origin
    (12, None)
"""

from __future__ import annotations

from collections.abc import Hashable

import gast

from .syntax.tree_walk import walk


class Literal:
    """The rule key of a tuple or list display (``(a, b)``, ``[a, b]``), distinct from the builtins
    ``tuple(...)``/``list(...)``, which are calls with rules of their own."""

    def __init__(self, kind: str):
        self.kind = kind

    def __repr__(self) -> str:
        return f"<{self.kind} display>"


_NAME, _CONSTANT = gast.Name, gast.Constant

TUPLE = Literal("tuple")
LIST = Literal("list")


class Op:
    """One operation of the normalized program: the rule key and its operands as the user passed
    them.  ``key`` is ``None`` for a copy (one operand) or a constant (none).  (This module's
    classes are plain: a dataclass costs a first ``grad()`` half a millisecond to make.)"""

    def __init__(self, key: Hashable | None, args: list[gast.expr] | None = None,
                 keywords: dict[str, gast.expr] | None = None, label: str = "copy",
                 node: gast.AST | None = None, receiver: Hashable | None = None,
                 method: bool = False):
        self.key = key
        self.args = [] if args is None else args
        self.keywords = {} if keywords is None else keywords
        self.label = label
        self.node = node  # the user's expression, for error messages
        # a method of an object of the module called (``MODEL.h(x)``: ``key`` its function, the
        # object its first argument): the object's class, whose methods its derivative inlines
        self.receiver = receiver
        # ``r.m(...)`` read as an array method (``x.sum()`` as ``np.sum(x)``): its rule holds only
        # where ``r`` is an array, which a receiver that does not vary need not be (activity.py)
        self.method = method

    def __repr__(self) -> str:
        return f"Op({self.key!r}, {len(self.args)} args, {sorted(self.keywords)}, {self.label!r})"

    @property
    def is_copy(self) -> bool:
        return self.key is None

    @property
    def is_display(self) -> bool:
        return self.key is TUPLE or self.key is LIST

    def operand_names(self) -> list[str]:
        """Every name the operands mention, in ``gast.walk`` order (an operand is most often a
        name or a constant: those are answered without a walk)."""
        found: list[str] = []
        for operand in (*self.args, *self.keywords.values()):
            kind = operand.__class__
            if kind is _NAME and operand.annotation is None:
                found.append(operand.id)
            elif kind is not _CONSTANT:
                found.extend(n.id for n in walk(operand) if isinstance(n, gast.Name))
        return found


class Note:
    """Everything passes attach to one statement.  Fields are written by the pass named beside
    them and read by later ones; the rest stay at their defaults (the class's attributes)."""

    origin: int | None = None  # normalize: the user's line the statement comes from
    op: Op | None = None  # normalize: the operation an Assign or Expr performs
    updates: str | None = None  # normalize: the variable the statement changes in place
    augments: str | None = None  # normalize: `x op= v` rebinding x; the old x's array may change
    item_of: str | None = None  # normalize: `xs[i] op= v` on a list: the list the item goes back to
    in_place: bool = False  # normalize: `x[i] op= v` written `x[i] = x[i] op v` (a list's item changes)
    placeholder: bool = False  # normalize: `x = None` standing for a variable with no value yet
    blocks: tuple[int, ...] = ()  # reverse: ids of the primal blocks an If/loop holds
    counter: str | None = None  # reverse: a loop's trip counter (while loops, breaks)
    save: int | None = None  # reverse: id of an in-place update whose overwritten part is saved
    owner: int | None = None  # reverse: the primal block an adjoint statement belongs to
    contribution: str | None = None  # reverse: the primal variable whose adjoint this adds to
    keep: bool = False  # reverse/forward: the optimizer must not remove the statement
    adjoint: bool = False  # reverse/forward: derivative code (arithmetic there may be folded)
    rewinds: str | None = None  # tape: adjoint code undoing an in-place update of this variable
    summed: bool = False  # accumulate, owned: `v += e`, `v[i] += e` into an array of v's own
    copied: bool = False  # plain_indexing: `v[i] = e` into a float64 array of v's own (e's values)


_SLOT = SLOT = "_tangentish_note"  # (SLOT: for loops over many statements that read notes
# directly, ``stmt.__dict__.get(SLOT)``, without creating empty ones)


def note(stmt: gast.AST) -> Note:
    """The statement's :class:`Note` (created empty on first use)."""
    own = stmt.__dict__
    found = own.get(_SLOT)
    if found is None:
        found = own[_SLOT] = Note()
    return found


def has_op(stmt: gast.AST) -> bool:
    found = stmt.__dict__.get(_SLOT)
    return found is not None and found.op is not None


class Marker(gast.stmt):
    """A statement a later pass replaces (or, for comments, prints as such)."""

    _fields: tuple[str, ...] = ()
    _attributes: tuple[str, ...] = ()


class Comment(Marker):
    """``# text`` in the generated source."""

    _fields = ("text",)

    def __init__(self, text: str = "", **fields):
        super().__init__(text=text, **fields)


class _Block(Marker):
    _fields = ("block",)

    def __init__(self, block: int = 0, **fields):
        super().__init__(block=block, **fields)


class Push(_Block):
    """End of a primal block that runs repeatedly: the tape saves what its adjoint reads."""


class Pop(_Block):
    """Start of that block's adjoint: the values are restored from the tape."""


class Save(_Block):
    """Before an in-place update: save the part it overwrites (if the adjoint needs it)."""


class Restore(_Block):
    """After the update's adjoint: put the overwritten part back.  ``reads`` names what the
    undo will read (the item ``xs.pop()`` removed, an index), so the optimizer, which runs before
    the marker is replaced, keeps them."""

    _fields = ("block", "reads")

    def __init__(self, block: int = 0, reads: tuple[str, ...] = (), **fields):
        super().__init__(block=block, reads=reads, **fields)


def is_marker(stmt: gast.AST, kind: type = Marker) -> bool:
    return isinstance(stmt, kind)


COMPOUND = (gast.If, gast.For, gast.While)
