"""Where generated source text is written so that tracebacks can show it, safely.

CPython's default traceback printer (3.10-3.12) reads source lines from disk, not from
``linecache``, so each generated text has a file: its path is chosen when the code is compiled (the
code's ``co_filename``, :func:`planned`), and the file is written when a traceback through that code
is about to be shown (:func:`write_planned`, from :func:`tangentish.provenance.locate`, which the
call wrappers run on every error escaping generated code), or at once by :func:`source_file`.  The
files are only ever *shown*: generated code is compiled from the text in memory and never imported
or executed from disk.

- Directory: ``$TANGENTISH_SOURCE_DIR`` if set (empty: no files at all, sources stay in memory), else
  ``<tempdir>/tangentish-<uid>``.  The default directory is created with mode 0700; it must be a real
  directory (not a symlink) owned by the current user, and is made private again if it is not.  A
  configured directory must be owned by the user and not writable by group or others.  A directory
  that fails these checks is not used (a warning says why) and sources stay in memory.
- Files: ``<name>_<sha256 prefix>.py`` (content-addressed, so processes share them), mode 0600,
  written to a private temporary file (``O_EXCL|O_NOFOLLOW``) and renamed over the name, so a
  planted symlink or file is replaced, never followed or written through.  An existing file is
  reused only after checking it is a regular file of ours, not writable by others, whose content is
  the text byte for byte.
- Cleanup: at most :data:`MAX_FILES` files, as a process counts them (the files other processes
  write meanwhile are counted at its next listing); writing a new one beyond that removes the least
  recently used down to three quarters of the limit (reusing a file marks it used), and temporary
  files left by crashed writers.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import stat
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

MAX_FILES = 256
"""At most this many source files are kept in the directory (least recently used go first)."""

_COUNTED: dict[str, int] = {}
"""Source files in each folder as this process counts them: a listing at its first write there
and at each cleanup, plus the files it wrote since.  A folder is listed (and cleaned) again only
when that count passes :data:`MAX_FILES`: after a cleanup, a quarter of the limit later."""

_CHECKED: dict[tuple, tuple[str, tuple]] = {}
"""Directories that passed the check, by what chose them (the configured directory, the user id,
the temporary root's inputs): the folder and its ``lstat`` identity then (see :func:`directory`)."""

UNWRITTEN: dict[str, str] = {}
"""Files named for generated code and not written yet: path → text (see :func:`planned`)."""

_TEMP_PREFIX = ".tmp-"
_NAME = r"^[A-Za-z0-9_]{1,80}_[0-9a-f]{16}\.py$"  # (compiled at the first listing: matched
# against up to MAX_FILES names there, a pattern is cheaper than str methods)
_STEM = frozenset("_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _uid() -> int | None:
    return os.getuid() if hasattr(os, "getuid") else None


def sha256_hex(data: bytes) -> str:
    """``hashlib.sha256(data).hexdigest()``, from CPython's own SHA-256 module when it has one:
    ``hashlib`` loads OpenSSL, which costs a first ``grad()`` more than the rest of its I/O."""
    return _sha256()(data).hexdigest()


@functools.cache
def _sha256() -> Callable[[bytes], Any]:
    try:
        from _sha2 import sha256  # Python 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # Python 3.11
        except ImportError:
            from hashlib import sha256
    return sha256


@functools.cache
def _name_pattern() -> re.Pattern[str]:
    return re.compile(_NAME)


def safe_stem(name: str) -> str:
    """An ASCII file-name part for a generated function's name."""
    if not (name.isascii() and name.replace("_", "a").isalnum()):
        name = "".join(c if c in _STEM else "_" for c in name)
    return name[:80] or "generated"


def default_directory() -> str:
    user = _uid()
    suffix = str(user) if user is not None else re.sub(r"\W", "_", os.environ.get(
        "USERNAME", "user"))
    return os.path.join(_temporary_root(), f"tangentish-{suffix}")


def _temporary_root() -> str:
    """``tempfile.gettempdir()``; while ``tempfile`` is not imported (it imports ``shutil``,
    ``random``, ``bz2`` and ``lzma``: milliseconds of a first ``grad()``), the first of the
    directories it would try (``$TMPDIR``, ``$TEMP``, ``$TMP``, ``/tmp``, ``/var/tmp``,
    ``/usr/tmp``, the working directory) that is a directory this user may write to (where
    ``gettempdir`` writes a test file)."""
    module = sys.modules.get("tempfile")
    if module is None and os.name != "posix":
        import tempfile as module
    if module is not None:
        return module.gettempdir()
    candidates = [os.environ.get(name) for name in ("TMPDIR", "TEMP", "TMP")]
    for folder in [*filter(None, candidates), "/tmp", "/var/tmp", "/usr/tmp", os.getcwd()]:
        folder = os.path.abspath(folder)
        if os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK):
            return folder
    import tempfile  # (none: its error says so)

    return tempfile.gettempdir()


def directory() -> str | None:
    """The checked directory for source files, or ``None`` (keep sources in memory).

    A directory that passed :func:`_checked` is remembered with what the check read of it (its
    device, inode, type, mode and owner): while one ``lstat`` reads the same, the check would
    pass again without changing anything, so it is not made again (its ``mkdir``, ``chmod`` and
    the temporary root's probing were ~0.15 ms of each derivative).  Anything else (another
    inode, a symlink in its place, another mode or owner, no directory) checks it from scratch,
    as does a failed write (:func:`forget`)."""
    configured = os.environ.get("TANGENTISH_SOURCE_DIR")
    if configured == "":
        return None
    key = (configured, _uid(), None if configured is not None else _root_inputs())
    known = _CHECKED.get(key)
    if known is not None:
        folder, seen = known
        try:
            if _identity(os.lstat(folder)) == seen:
                return folder
        except OSError:
            pass
        _CHECKED.pop(key, None)
    folder = _checked(configured)
    if folder is not None:
        with contextlib.suppress(OSError):
            _CHECKED[key] = folder, _identity(os.lstat(folder))
    return folder


def forget() -> None:
    """Check every directory from scratch at its next use (after a write into it failed)."""
    _CHECKED.clear()


def _identity(info: os.stat_result) -> tuple:
    return info.st_dev, info.st_ino, info.st_mode, info.st_uid


def _root_inputs() -> tuple:
    """What :func:`default_directory` is computed from (``tempfile``'s choice once it is imported,
    else the environment's variables it reads first)."""
    module = sys.modules.get("tempfile")
    return (module.tempdir if module is not None else None, os.environ.get("TMPDIR"),
            os.environ.get("TEMP"), os.environ.get("TMP"))


def _checked(configured: str | None) -> str | None:
    """The directory (``configured``, else the default one) if it is safe to write to: created
    private if missing, a real directory owned by this user, private (made so, for the default
    one), else None with a warning saying why."""
    folder = configured if configured is not None else default_directory()
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        return _unusable(folder, f"it cannot be created ({exc.strerror})")
    try:
        info = os.lstat(folder)
    except OSError as exc:
        return _unusable(folder, f"it cannot be inspected ({exc.strerror})")
    if not stat.S_ISDIR(info.st_mode):
        return _unusable(folder, "it is not a directory (a symlink or a file is in its place)")
    if _uid() is not None and info.st_uid != _uid():
        return _unusable(folder, f"it belongs to user id {info.st_uid}, not to you")
    if _uid() is not None and info.st_mode & 0o077:
        if configured is not None and info.st_mode & 0o022:
            return _unusable(folder, "other users can write to it")
        if configured is None:
            try:
                os.chmod(folder, 0o700)
            except OSError as exc:
                return _unusable(folder, f"it cannot be made private ({exc.strerror})")
    return folder


def _unusable(folder: str, why: str) -> None:
    warnings.warn(f"tangentish does not write generated sources to {folder}: {why}; tracebacks "
                  "of generated code show no source lines on this interpreter (set "
                  "TANGENTISH_SOURCE_DIR to a private directory of yours)", stacklevel=5)
    return None


def _matches(path: str, data: bytes) -> bool:
    """An existing file is ours to reuse: a regular file of ours, private, with exactly ``data``."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        if _uid() is not None and (info.st_uid != _uid() or info.st_mode & 0o022):
            return False
        return handle.read(len(data) + 1) == data


def _write(folder: str, path: str, data: bytes) -> bool:
    return write_private(folder, path, data, ".py")


def write_private(folder: str, path: str, data: bytes, suffix: str = "") -> bool:
    """Write ``data`` to ``path`` atomically: into a new private temporary file of ``folder``
    (``O_EXCL|O_NOFOLLOW``, mode 0600, a random name as ``tempfile.mkstemp`` makes, without
    importing ``tempfile``: milliseconds of a first ``grad()``), renamed over ``path``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0)
    for _ in range(8):
        scratch = os.path.join(folder, f"{_TEMP_PREFIX}{os.urandom(6).hex()}{suffix}")
        try:
            fd = os.open(scratch, flags, 0o600)
            break
        except FileExistsError:
            continue
        except OSError:
            return False
    else:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(scratch, path)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(scratch)
        return False


def cleanup(folder: str, limit: int | None = None, keep: str | None = None) -> int:
    """Remove the least recently used source files beyond ``limit`` (default :data:`MAX_FILES`,
    down to three quarters of it) and stale temporary files; returns how many were removed."""
    limit = MAX_FILES if limit is None else limit
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    matches = _name_pattern().match
    ours = [n for n in names if matches(n) and os.path.join(folder, n) != keep]
    scratch = [n for n in names if n.startswith(_TEMP_PREFIX)]
    removed, now = 0, time.time()
    for name in scratch:  # left by a writer that died between creating and renaming
        info = _own_file(os.path.join(folder, name))
        if info is not None and now - info.st_mtime > 60:
            removed += _remove(os.path.join(folder, name))
    if len(ours) + 1 <= limit:  # + 1: the file just written (``keep``)
        _COUNTED[folder] = len(ours) + 1
        return removed
    dated = []
    for name in ours:
        info = _own_file(os.path.join(folder, name))
        if info is not None:
            dated.append((info.st_mtime, name))
    dated.sort()
    gone = sum(_remove(os.path.join(folder, name))
               for _, name in dated[:len(dated) + 1 - max(3 * limit // 4, 1)])
    _COUNTED[folder] = len(ours) + 1 - gone
    return removed + gone


def _own_file(path: str) -> os.stat_result | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or (_uid() is not None and info.st_uid != _uid()):
        return None
    return info


def _remove(path: str) -> int:
    try:
        os.unlink(path)
        return 1
    except OSError:
        return 0


def source_file(name: str, text: str) -> str | None:
    """The path of a private file holding ``text`` (written or verified now), or ``None``."""
    folder = directory()
    if folder is None:
        return None
    data = text.encode("utf-8")
    path = _path(folder, name, data)
    return path if _stored(folder, path, data) else None


def planned(name: str, text: str) -> str | None:
    """The path :func:`source_file` would give ``text``, in the checked directory, or ``None``
    (sources kept in memory); the file is written only when something is about to read it from
    disk (:func:`write_planned`: a traceback through the code compiled under that name), not now
    (creating a file was ~7% of a transform's CPU; nearly every derivative's file went unread).
    Until then the text is kept here (the loader drops it with the last function showing it:
    :func:`unplanned`)."""
    folder = directory()
    if folder is None:
        return None
    path = _path(folder, name, text.encode("utf-8"))
    UNWRITTEN[path] = text
    if traced():  # (a debugger or coverage tool running reads the files from disk: now)
        write_planned(path)
    return path


def traced() -> bool:
    """Whether a tracer runs in this thread (``sys.settrace``: pdb, IDE debuggers, coverage) or,
    on Python 3.12+, a ``sys.monitoring`` tool is registered (debugpy, coverage's newer core)."""
    if sys.gettrace() is not None:
        return True
    monitoring = getattr(sys, "monitoring", None)
    return monitoring is not None and any(monitoring.get_tool(i) is not None for i in range(6))


def write_planned(path: str) -> bool:
    """Write the file :func:`planned` named ``path`` if it is still unwritten (as
    :func:`source_file` does: verified, or created atomically), into the directory it was planned
    in while that directory still passes its check; whether it was written now."""
    text = UNWRITTEN.pop(path, None)
    if text is None:
        return False
    folder = directory()
    if folder is None or os.path.dirname(path) != folder:
        return False
    return _stored(folder, path, text.encode("utf-8"))


def unplanned(path: str) -> None:
    """Forget the unwritten file ``path`` (no function shows its text any more)."""
    UNWRITTEN.pop(path, None)


def _path(folder: str, name: str, data: bytes) -> str:
    return os.path.join(folder, f"{safe_stem(name)}_{sha256_hex(data)[:16]}.py")


def _stored(folder: str, path: str, data: bytes) -> bool:
    """Whether ``path`` holds ``data`` now: verified and marked used, or written (and the
    folder cleaned when this process counts too many files in it)."""
    if _matches(path, data):
        with contextlib.suppress(OSError):
            os.utime(path)
        return True
    if not _write(folder, path, data):
        forget()  # (the directory is checked again at the next write)
        return False
    known = _COUNTED.get(folder)
    if known is None or known + 1 > MAX_FILES:
        cleanup(folder, keep=path)
    else:
        _COUNTED[folder] = known + 1
    return True
