"""What ``tangentish.collector.paused`` does to the cyclic collector's generations, checked in a
process of its own (``python collector_checks.py CHECK FOLDER``, run by ``test_scale.py``): a
process that froze nothing and holds a small heap, so walking the generations is cheap.  Prints
``CHECK: ok``; a failed check raises."""

from __future__ import annotations

import gc
import importlib
import sys
import weakref
from pathlib import Path

from tangentish import collector


class _Cell:
    """A tracked object (the collector follows it) that may sit in a cycle."""

    def __init__(self) -> None:
        self.other = self


def _generation_of(thing: object) -> int | None:
    """The collector's generation holding ``thing`` (None: untracked or frozen)."""
    return next((g for g in range(3) if any(o is thing for o in gc.get_objects(generation=g))),
                None)


def _import_new_module(folder: Path, name: str) -> None:
    """Import a module not imported before (a pause that imports: a first transform's)."""
    (folder / f"{name}.py").write_text("TABLE = {'a': 1}\n")
    sys.path.insert(0, str(folder))
    try:
        importlib.import_module(name)
    finally:
        sys.path.remove(str(folder))


def young(folder: Path) -> None:
    """A pause that imports ends with its young objects in the oldest generation; a cycle among
    them is still freed by a full collection; a pause that imports nothing leaves them."""
    gc.enable()
    gc.collect()
    with collector.paused():
        made = [_Cell() for _ in range(3 * gc.get_threshold()[0])]
        _import_new_module(folder, "_tangentish_pause_probe")
    cycle = weakref.ref(made[0])
    assert gc.isenabled()
    assert gc.get_count()[0] < gc.get_threshold()[0]
    assert _generation_of(made[-1]) == 2
    del made
    gc.collect()
    assert cycle() is None  # (promoted, not leaked)
    with collector.paused():
        made = [_Cell() for _ in range(3 * gc.get_threshold()[0])]
    assert _generation_of(made[-1]) != 2


def frozen(folder: Path) -> None:
    """A disabled collector, and the objects a caller froze, are left alone."""
    gc.disable()  # (the caller's choice: left alone)
    with collector.paused():
        made = [_Cell() for _ in range(3 * gc.get_threshold()[0])]
        _import_new_module(folder, "_tangentish_pause_probe_2")
    assert _generation_of(made[-1]) == 0
    gc.enable()
    kept = _Cell()
    gc.freeze()  # (a caller's frozen objects: an unfreeze would release them)
    with collector.paused():
        made = [_Cell() for _ in range(3 * gc.get_threshold()[0])]
        _import_new_module(folder, "_tangentish_pause_probe_3")
    assert gc.get_freeze_count() > 0
    assert _generation_of(kept) is None  # (still frozen)


if __name__ == "__main__":
    check, folder = sys.argv[1], Path(sys.argv[2])
    {"young": young, "frozen": frozen}[check](folder)
    print(f"{check}: ok")
