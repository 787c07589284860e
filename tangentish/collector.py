"""The cyclic garbage collector paused while a transform runs.

A transform allocates tens of thousands of small AST nodes that all stay alive until it ends; the
collector, triggered by allocation counts, keeps walking them (and everything else the process
holds) for nothing: about 30% of a 1,000-statement transform in a process that keeps earlier
derivatives alive.  Nested and concurrent transforms share one pause: the first to start records
whether collection was on, the last to end restores it.  Other threads' garbage waits for the
transform to end.
"""

from __future__ import annotations

import _thread
import contextlib
import gc
from collections.abc import Iterator

_LOCK = _thread.allocate_lock()
_ACTIVE = 0
_WAS_ENABLED = False


@contextlib.contextmanager
def paused() -> Iterator[None]:
    global _ACTIVE, _WAS_ENABLED
    with _LOCK:
        if _ACTIVE == 0:
            _WAS_ENABLED = gc.isenabled()
            gc.disable()
        _ACTIVE += 1
    try:
        yield
    finally:
        with _LOCK:
            _ACTIVE -= 1
            if _ACTIVE == 0 and _WAS_ENABLED:
                gc.enable()
