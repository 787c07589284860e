"""Source text → live function, reading the user's module globals live and never writing them.

The text is compiled inside a factory whose parameters are the machinery aliases (``np``, ``math``,
``_rt``) and the user's closure variables, so the generated function sees those as closure cells and
everything else through the user's own module globals: a global reassigned later is seen, and
nothing is added to the user's namespace.  The factory is never run: its inner code object is
bound with ``types.FunctionType`` directly.

Compiled once, bound many times: :func:`unbind` separates a generated function from the user's
function it was built for (keeping its compiled code and tangentish's own cells, noting which cells
and defaults are the user's), and :func:`bind` makes a new function object from it for another
function of the same code (another closure made by the same factory), with that function's globals,
cells and defaults.

The text is registered in :mod:`linecache` (released when the last function using it dies) and
compiled under the name of a private file (see :mod:`tangentish.source_files`: per-user directory,
atomic creation, verified before reuse, bounded in number), written when an error escaping generated
code passes the call wrappers (:func:`tangentish.provenance.locate`), because CPython's default
traceback printer reads source lines from disk.  So ``inspect.getsource``, ``pdb``, IDEs and every
traceback show the generated lines.  The file is never executed: the code always comes from the
text in memory.
"""

from __future__ import annotations

import _thread
import linecache
import sys
import types
import weakref
from typing import Any

from .provenance import MAPS, LineMap
from .source_files import planned, safe_stem, sha256_hex, unplanned
from .syntax.factory_text import inner_code, tree_code
from .syntax.source import SHOWN

_LINECACHE_FILE = linecache.checkcache.__code__.co_filename
_USERS: dict[str, int] = {}  # linecache entries → how many live generated functions show them
_USERS_LOCK = _thread.allocate_lock()  # (threading's Lock; importing threading costs a first grad())
_PENDING: list[str] = []  # released while the lock was taken; drained by its holder
_GENERATED: weakref.WeakSet = weakref.WeakSet()


def _filename(name: str, text: str) -> str:
    path = planned(name, text)  # (written when a traceback through it is shown: locate())
    if path is not None:
        return path
    digest = sha256_hex(text.encode("utf-8"))[:16]
    return f"<tangentish {safe_stem(name)} {digest}>"


def _show(function: types.FunctionType, text: str | None = None,
          lines: LineMap | None = None) -> None:
    """Register ``function``'s text with linecache, and its line map (:mod:`.provenance`), for as
    long as a function shows them."""
    filename = function.__code__.co_filename
    with _USERS_LOCK:
        if text is not None:
            shown = text.splitlines(True)
            linecache.cache[filename] = (len(text), None, shown, filename)
            SHOWN[filename] = shown
        if lines is not None:
            MAPS[filename] = lines
        _USERS[filename] = _USERS.get(filename, 0) + 1
        _drain()
    weakref.finalize(function, _release, filename)
    _GENERATED.add(function)


def is_generated(function: object) -> bool:
    """Whether ``function`` is a derivative tangentish made (being differentiated again)."""
    try:
        return function in _GENERATED
    except TypeError:  # (not weakly referable)
        return False


def _release(filename: str) -> None:
    """Called when a generated function dies (possibly inside the garbage collector, while this
    thread holds the lock, or while :mod:`linecache` itself walks its entries): queue, and drain
    if the lock is free and linecache is not on the stack."""
    _PENDING.append(filename)
    if _in_linecache(sys._getframe(1)):
        # (Python 3.11's linecache.checkcache lists the entries, then reads each by key: a
        # collection inside that loop deleting one raised KeyError there, in a traceback or an
        # inspect call; the next load drains the queue)
        return
    if _USERS_LOCK.acquire(blocking=False):
        try:
            _drain()
        finally:
            _USERS_LOCK.release()


def _in_linecache(frame: types.FrameType | None) -> bool:
    while frame is not None:
        if frame.f_code.co_filename == _LINECACHE_FILE:
            return True
        frame = frame.f_back
    return False


def _drain() -> None:
    while _PENDING:
        filename = _PENDING.pop()
        left = _USERS.get(filename, 0) - 1
        if left > 0:
            _USERS[filename] = left
            continue
        _USERS.pop(filename, None)
        unplanned(filename)
        MAPS.pop(filename, None)
        SHOWN.pop(filename, None)
        entry = linecache.cache.get(filename)
        if entry is not None and entry[1] is None:  # ours (no mtime), not a file read since
            del linecache.cache[filename]


def load(text: str, name: str, globals_: dict[str, Any], cells: dict[str, Any],
         defaults: tuple | None, kwdefaults: dict[str, Any] | None,
         code: types.CodeType | None = None, lines: LineMap | None = None
         ) -> types.FunctionType:
    """Compile ``text`` (one ``def name``) and bind it to ``globals_`` and closure ``cells``;
    ``lines`` says which user line each of its lines comes from (see :mod:`.provenance`).

    ``cells`` maps free names to values or to existing ``types.CellType`` objects (kept live).
    ``code``, when given, is what compiling ``text`` gave an earlier process (read back by the
    persistent cache): it is bound instead, under this process's file name for the text.
    """
    filename = _filename(name, text)
    if code is None:
        names = sorted(cells)
        code = inner_code(text, name, filename, names) or tree_code(text, name, filename, names)
    elif code.co_filename != filename:
        code = _refiled(code, filename)
    closure = tuple(_cell(cells[n]) for n in code.co_freevars)
    fn = types.FunctionType(code, globals_, name, defaults, closure)
    fn.__kwdefaults__ = kwdefaults
    fn.__qualname__ = name
    _show(fn, text, lines)
    return fn


def _refiled(code: types.CodeType, filename: str) -> types.CodeType:
    """``code`` (nested code objects too) as compiled from ``filename``."""
    consts = tuple(_refiled(c, filename) if isinstance(c, types.CodeType) else c
                   for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


def _cell(value: Any) -> types.CellType:
    return value if isinstance(value, types.CellType) else types.CellType(value)


class Unbound:
    """A generated function without the user's function it was bound to: its compiled code, the
    cells and defaults that are tangentish's own (machinery, helpers' derivatives, seeds), and
    which ones are to come from the user's function.  Holds no user globals, cells or defaults.
    (A plain class: a frozen dataclass costs a first ``grad()`` a millisecond to make.)"""

    __slots__ = ("code", "name", "qualname", "text", "cells", "takes_defaults", "defaults",
                 "kwdefaults", "user_kwdefaults", "attributes", "functions", "lines")

    def __init__(self, code: types.CodeType, name: str, qualname: str, text: str | None,
                 cells: tuple[tuple[str, types.CellType | None], ...], takes_defaults: bool,
                 defaults: tuple | None, kwdefaults: tuple[tuple[str, Any], ...],
                 user_kwdefaults: frozenset[str], attributes: tuple[tuple[str, Any], ...],
                 functions: tuple[tuple[str, Unbound], ...] = ()):
        self.code, self.name, self.qualname = code, name, qualname
        self.text = text  # for linecache (the file on disk may have been cleaned up)
        self.cells = cells  # None: the user's cell of that name
        self.takes_defaults = takes_defaults  # ``__defaults__`` is the user's
        self.defaults = defaults  # when it is not
        self.kwdefaults = kwdefaults  # tangentish's own keyword defaults (``out_bar``)
        self.user_kwdefaults = user_kwdefaults  # keyword defaults that are the user's
        self.attributes = attributes  # ``source``, ``callees``...
        self.functions = functions  # generated functions hung on this one
        self.lines = MAPS.get(code.co_filename)  # (where its lines come from: provenance.py)


def _user_cells(user: types.FunctionType) -> dict[str, types.CellType]:
    return dict(zip(user.__code__.co_freevars, user.__closure__ or (), strict=True))


def _text(filename: str) -> str | None:
    shown = SHOWN.get(filename)  # (linecache may have been cleared since)
    if shown is not None:
        return "".join(shown)
    entry = linecache.cache.get(filename)
    return "".join(entry[2]) if entry is not None and len(entry) > 2 else None


def unbind(generated: types.FunctionType, user: types.FunctionType) -> Unbound:
    """Separate ``generated`` from ``user``, the function it was built for (call it right after
    building, while both are as built)."""
    theirs = _user_cells(user)
    cells = tuple((name, None if theirs.get(name) is cell else cell)
                  for name, cell in zip(generated.__code__.co_freevars,
                                        generated.__closure__ or (), strict=True))
    user_kw = user.__kwdefaults__ or {}
    own_kw = generated.__kwdefaults__ or {}
    from_user = frozenset(k for k, v in user_kw.items() if k in own_kw and own_kw[k] is v)
    takes = user.__defaults__ is not None and generated.__defaults__ is user.__defaults__
    functions, attributes = [], []
    for attr, value in sorted(vars(generated).items()):
        if isinstance(value, types.FunctionType) and value in _GENERATED:
            functions.append((attr, unbind(value, user)))
        else:
            attributes.append((attr, value))
    return Unbound(generated.__code__, generated.__name__, generated.__qualname__,
                   _text(generated.__code__.co_filename), cells, takes,
                   None if takes else generated.__defaults__,
                   tuple((k, v) for k, v in own_kw.items() if k not in from_user), from_user,
                   tuple(attributes), tuple(functions))


def bind(unbound: Unbound, user: types.FunctionType) -> types.FunctionType:
    """A new function running ``unbound``'s compiled code, bound to ``user`` (a function with the
    same code as the one it was built for): its globals, closure cells and defaults."""
    theirs = _user_cells(user)
    closure = tuple(theirs[name] if cell is None else cell for name, cell in unbound.cells)
    defaults = user.__defaults__ if unbound.takes_defaults else unbound.defaults
    fn = types.FunctionType(unbound.code, user.__globals__, unbound.name, defaults, closure)
    kw = dict(unbound.kwdefaults)
    kw.update({k: v for k, v in (user.__kwdefaults__ or {}).items()
               if k in unbound.user_kwdefaults})
    fn.__kwdefaults__ = kw or None
    fn.__qualname__ = unbound.qualname
    fn.__dict__.update(unbound.attributes)
    for attr, inner in unbound.functions:
        setattr(fn, attr, bind(inner, user))
    _show(fn, unbound.text, unbound.lines)
    return fn
