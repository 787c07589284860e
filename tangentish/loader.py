"""Source text → live function, reading the user's module globals live and never writing them.

The text is compiled inside a factory whose parameters are the machinery aliases (``np``, ``math``,
``_rt``) and the user's closure variables, so the generated function sees those as closure cells and
everything else through the user's own module globals: a global reassigned later is seen, and
nothing is added to the user's namespace.  The factory is never run: its inner code object is
bound with ``types.FunctionType`` directly.

The text is registered in :mod:`linecache` and also written to a content-addressed file
(``<tmp>/tangentish-sources/<name>_<hash>.py``, or ``$TANGENTISH_SOURCE_DIR``), because CPython's
default handler for uncaught exceptions reads source lines from disk, not from linecache.  So
``inspect.getsource``, ``pdb``, IDEs and every traceback show the generated lines.  Set
``TANGENTISH_SOURCE_DIR=""`` to keep sources in memory only.
"""

from __future__ import annotations

import ast
import hashlib
import linecache
import os
import tempfile
import types
from typing import Any

_FACTORY = "__tangentish_factory__"


def _filename(name: str, text: str) -> str:
    digest = hashlib.sha256(text.encode()).hexdigest()[:10]
    folder = os.environ.get("TANGENTISH_SOURCE_DIR")
    if folder is None:
        folder = os.path.join(tempfile.gettempdir(), "tangentish-sources")
    if folder:
        path = os.path.join(folder, f"{name}_{digest}.py")
        try:
            if not os.path.exists(path):
                os.makedirs(folder, exist_ok=True)
                scratch = f"{path}.{os.getpid()}.tmp"
                with open(scratch, "w", encoding="utf-8") as handle:
                    handle.write(text)
                os.replace(scratch, path)
            return path
        except OSError:
            pass
    return f"<tangentish {name} {digest}>"


def _inner_code(module_code: types.CodeType, name: str) -> types.CodeType:
    factory = next(c for c in module_code.co_consts if isinstance(c, types.CodeType))
    return next(c for c in factory.co_consts
                if isinstance(c, types.CodeType) and c.co_name == name)


def load(text: str, name: str, globals_: dict[str, Any], cells: dict[str, Any],
         defaults: tuple | None, kwdefaults: dict[str, Any] | None) -> types.FunctionType:
    """Compile ``text`` (one ``def name``) and bind it to ``globals_`` and closure ``cells``.

    ``cells`` maps free names to values or to existing ``types.CellType`` objects (kept live).
    """
    tree = ast.parse(text)
    inner = tree.body[0]
    params = [ast.arg(arg=n) for n in sorted(cells)]
    factory = ast.FunctionDef(
        name=_FACTORY,
        args=ast.arguments(posonlyargs=[], args=params, vararg=None, kwonlyargs=[],
                           kw_defaults=[], kwarg=None, defaults=[]),
        body=[inner, ast.Return(value=ast.Name(id=name, ctx=ast.Load()))],
        decorator_list=[], returns=None, type_params=[],
    )
    module = ast.Module(body=[factory], type_ignores=[])
    ast.fix_missing_locations(module)
    filename = _filename(name, text)
    code = _inner_code(compile(module, filename, "exec"), name)
    closure = tuple(_cell(cells[n]) for n in code.co_freevars)
    fn = types.FunctionType(code, globals_, name, defaults, closure)
    fn.__kwdefaults__ = kwdefaults
    fn.__qualname__ = name
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    return fn


def _cell(value: Any) -> types.CellType:
    return value if isinstance(value, types.CellType) else types.CellType(value)
