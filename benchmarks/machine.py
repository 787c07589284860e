"""The benchmark's process settings and the description of the machine it ran on.

:func:`prepare_environment` runs before NumPy (or any peer) is imported: one BLAS/OpenMP thread
through the environment variables, XLA on one CPU thread, and, unless asked to keep them,
``OPENBLAS_CORETYPE``/``OPENBLAS_L2_SIZE`` removed together for this process (set on some machines
for older OpenBLAS builds, they slow a current NumPy).  :func:`limit_threads` adds threadpoolctl's
limit when it is installed.  :func:`describe` returns what RESULTS.md records.
"""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
import sys
from pathlib import Path

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                    "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")
CORETYPE_VARIABLES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
ROOT = Path(__file__).resolve().parent.parent


def prepare_environment(keep_openblas_coretype: bool) -> str:
    """Set this process's (and its children's) thread and BLAS variables; returns what it did to
    OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE."""
    if "numpy" in sys.modules:
        raise RuntimeError("prepare_environment() must run before numpy is imported")
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"
    os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") +
                               " --xla_cpu_multi_thread_eigen=false").strip()
    os.environ.setdefault("JAX_PLATFORMS", "cpu")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    present = {name: os.environ[name] for name in CORETYPE_VARIABLES if name in os.environ}
    text = ", ".join(f"{k}={v}" for k, v in present.items())
    if keep_openblas_coretype:
        return f"kept ({text or 'none set'})"
    for name in present:
        del os.environ[name]
    return f"unset for this run (were: {text})" if present else "not set"


def limit_threads() -> str:
    """Limit BLAS/OpenMP pools to one thread with threadpoolctl when it is there; returns a note."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return "threadpoolctl not installed: one thread through the environment variables only"
    import numpy  # noqa: F401  (load the BLAS so the limit reaches it)

    threadpool_limits(1)
    return "threadpoolctl: every pool limited to 1 thread"


def blas_description() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        import numpy

        try:
            blas = numpy.show_config(mode="dicts")["Build Dependencies"]["blas"]
        except (TypeError, KeyError):
            blas = {}
        return (f"{blas.get('name', '?')} {blas.get('version', '')} "
                "(install threadpoolctl to see the kernel)")
    pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
    return "; ".join(f"{p['internal_api']} {p.get('version')} kernel {p.get('architecture')}, "
                     f"{p['num_threads']} thread(s)" for p in pools) or "no BLAS pool found"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _git_commit() -> str:
    try:
        result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                                capture_output=True, timeout=10, check=False)
    except OSError:
        return "?"
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           text=True, capture_output=True, timeout=10, check=False).stdout.strip()
    return result.stdout.strip() + (" (with uncommitted changes)" if dirty else "")


def describe(coretype_note: str, thread_note: str, peer_versions: dict[str, str]) -> dict:
    import numpy

    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    threads = ", ".join(f"{k}={os.environ.get(k)}" for k in THREAD_VARIABLES[:3])
    return {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpu": f"{cpu_model()}, {cores} cores ({usable} usable), {platform.machine()}",
        "system": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "numpy": numpy.__version__,
        "blas": blas_description(),
        "threads": f"{threads}; {thread_note}",
        "OPENBLAS_CORETYPE/L2_SIZE": coretype_note,
        "tangentish": f"commit {_git_commit()}",
        "peers": ", ".join(f"{k} {v}" for k, v in peer_versions.items()),
        "load average at start": load_average(),
    }


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (other users of the machine show up here)."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
