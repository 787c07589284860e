"""Adjoint values bound again before anything reads them: ``n = v`` where no later read sees ``v``.

Dead code elimination (:func:`.dataflow.needed`) is flow-insensitive: a statement binding ``n`` is
kept whenever anything anywhere reads ``n``.  An adjoint bound many times keeps every binding, so a
last update nothing reads stays: in ``y = np.zeros(3); y[0] += x[0] * 2`` the adjoint gives
``y``'s array its part back (``y_bar = _rt.add_at(y_bar, y0_bar, y, 0)``, later ``y_bar[0] +=
y0_bar``) after the last read of ``y_bar``, and ``y0_bar``'s computation stays for it.  Here,
with one backward pass of liveness (:func:`.dataflow.live_after`), an assignment of derivative code
to a name that such assignments bind more than once is dropped where no statement after it (a
loop's next iteration included) reads the value it binds.

Only plain ``n = v`` assignments of derivative code (``note.adjoint``) without effects count
(``pure``, as for the rest of dead code), never a name the optimizer must keep; the tape's markers
read nothing while the optimizer runs (:class:`.ir.Push` learns its reads later), so a primal
value the tape will save could look unread: primal statements are never dropped here.  An
assignment of an in-place helper (``_rt.add_at``, ``_rt.zero_index``) is pure in this sense too:
it changes its array in place only when nothing else refers to it.

    >>> import gast
    >>> from tangentish import ir
    >>> from tangentish.syntax.printer import statement_lines
    >>> body = gast.parse('''
    ... y_bar = g * e
    ... t_bar = y_bar[1:] * 2
    ... y_bar = _rt.zero_index(y_bar, 0)
    ... y0_bar = t_bar * 3
    ... y_bar = _rt.add_at(y_bar, y0_bar, y, 0)
    ... x_bar = t_bar + 1.0''').body
    >>> for stmt in body:
    ...     ir.note(stmt).adjoint = True
    >>> dead = overwritten(body, set(), lambda stmt: True)
    >>> [statement_lines(stmt)[0] for stmt in body if id(stmt) in dead]
    ['y_bar = _rt.add_at(y_bar, y0_bar, y, 0)']

(``y0_bar`` and the ``zero_index``, read by nothing then, go in the next round of dead code
elimination, and the ``zero_index`` in the round of :func:`drop_overwritten` after it.)
"""

from __future__ import annotations

from collections.abc import Callable

import gast

from .. import ir
from .dataflow import has_effects, header_loads, live_after, statements, sweep
from .dataflow import target as target_of

_ROUNDS = 4  # (each round's removals may leave one more binding unread: an update before them)


def drop_overwritten(body: list[gast.stmt], protected: set[str],
                     pure: Callable[[gast.stmt], bool], clean: Callable[[], object]) -> None:
    """Remove what :func:`overwritten` finds, and then what only that read (``clean``: dead code
    elimination), until nothing more goes (a few rounds at most)."""
    for _ in range(_ROUNDS):
        dead = overwritten(body, protected, pure)
        if not dead:
            return
        sweep(body, {id(stmt) for stmt in statements(body)} - dead)
        clean()


def overwritten(body: list[gast.stmt], protected: set[str],
                pure: Callable[[gast.stmt], bool]) -> set[int]:
    """The ids of the assignments of derivative code whose value nothing reads (see the module
    docstring); ``protected``: names whose every binding stays."""
    bound: dict[str, int] = {}  # (bindings by such assignments: enough to find candidates)
    plain: list[tuple[gast.stmt, str]] = []
    for stmt in statements(body):
        name = target_of(stmt)
        if name is not None and name not in protected and _dropped_if_unread(stmt, pure):
            plain.append((stmt, name))
            bound[name] = bound.get(name, 0) + 1
    wanted = {id(stmt) for stmt, name in plain if bound[name] > 1}
    if not wanted:
        return set()
    live = live_after(body, wanted, _reads)
    return {id(stmt) for stmt, name in plain if id(stmt) in wanted and name not in live[id(stmt)]}


def _dropped_if_unread(stmt: gast.stmt, pure: Callable[[gast.stmt], bool]) -> bool:
    """Derivative code binding a name, with no effect of its own."""
    note = stmt.__dict__.get(ir.SLOT)
    return note is not None and note.adjoint and not note.keep and note.updates is None and \
        not has_effects(stmt, pure)


def _reads(stmt: gast.stmt) -> set[str]:
    """What a statement reads, a ``del`` of a name counted as a read of it (``del n`` of a name
    with no value raises)."""
    if isinstance(stmt, gast.Delete):
        return {t.id for t in stmt.targets if isinstance(t, gast.Name)}
    return header_loads(stmt)
