"""Evidence for the derivative cache: hit, bind and build times, threads, memory release.

    python benchmarks/bench_cache.py [--distinct N] [--closures N]

Prints (1) the time of a cache hit, of binding another closure of the same code, and of a full
transform; (2) threads x calls on shared functions, with the compiled objects per key; (3) live
functions, transforms, linecache entries and traced memory after N dropped closures and N dropped
functions of distinct code, each in its own namespace (the derivative's globals reach it).
"""

from __future__ import annotations

import argparse
import gc
import inspect
import linecache
import os
import sys
import tempfile
import threading
import time
import timeit
import tracemalloc
import weakref

import numpy as np

import tangentish
from tangentish import loader, source_files
from tangentish.cache import CACHE


def logistic(w, x, y):
    p = 1.0 / (1.0 + np.exp(-(x @ w)))
    return -np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))


def scaled(k):
    def f(x):
        return k * np.sum(np.sin(x) * x)
    return f


def _best(fn, number: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=7)) / number


def bench_times() -> None:
    print("== times ==")
    tangentish.grad(logistic)
    hit = _best(lambda: tangentish.grad(logistic), 5000)
    print(f"cache hit (logistic):               {hit * 1e6:8.2f} us")
    tangentish.grad(scaled(1.0))
    start, count = time.perf_counter(), 500
    for k in range(count):
        tangentish.grad(scaled(float(k)))
    print(f"another closure of the same code:   {(time.perf_counter() - start) / count * 1e6:8.2f} us")
    times = []
    for _ in range(5):
        CACHE.clear()
        start = time.perf_counter()
        tangentish.grad(logistic)
        times.append(time.perf_counter() - start)
    print(f"transform (logistic, cleared):      {min(times) * 1e3:8.2f} ms")


def bench_threads(threads: int = 16, calls: int = 50) -> None:
    print("== threads ==")
    functions = [logistic, scaled(2.0), scaled(3.0)]
    CACHE.clear()
    barrier = threading.Barrier(threads)
    results: list = []

    def work(index: int) -> None:
        barrier.wait()
        for call in range(calls):
            fn = functions[(index + call) % len(functions)]
            mode = (tangentish.grad, tangentish.value_and_grad)[call % 2]
            results.append((fn, mode, mode(fn)))

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    per_key: dict = {}
    for fn, mode, df in results:
        per_key.setdefault((fn.__code__, mode.__name__), set()).add(inspect.unwrap(df).__code__)
    counts = sorted(len(found) for found in per_key.values())
    print(f"{threads} threads x {calls} calls = {len(results)} calls on {len(functions)} functions "
          f"x 2 modes: compiled objects per key {counts}; transforms built "
          f"{CACHE.stats.misses}, closures bound to a shared one {CACHE.stats.shared}")


def _release(label: str, make, count: int) -> None:
    CACHE.clear()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    alive, start = [], time.perf_counter()
    for index in range(count):
        fn = make(index)
        tangentish.grad(fn)
        alive.append(weakref.ref(fn))
        del fn
    elapsed = time.perf_counter() - start
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    ours = sum(1 for name in linecache.cache if "tangentish" in name or "grad_f_wrt" in name)
    print(f"{label:<34} {count:>6}: {elapsed:6.2f} s, alive after gc {sum(r() is not None for r in alive)}, "
          f"transforms {len(CACHE)}, linecache entries {ours}, registered {len(loader._USERS)}, "
          f"memory +{(after - before) / 1e6:.2f} MB")


def bench_memory(closures: int, distinct: int) -> None:
    print("== memory: functions dropped after grad(f) ==")
    _release("closures of one factory", lambda k: scaled(float(k)), closures)
    folder = tempfile.mkdtemp()

    def own_namespace(k):
        path = os.path.join(folder, f"distinct_{k}.py")
        with open(path, "w") as handle:
            handle.write(f"import numpy as np\ndef f(x):\n    return {k}.0 * np.sum(x * x)\n")
        namespace: dict = {}
        with open(path) as handle:
            exec(compile(handle.read(), path, "exec"), namespace)
        return namespace["f"]

    _release("distinct code, own namespaces", own_namespace, distinct)
    directory = source_files.directory()
    if directory:
        files = [n for n in os.listdir(directory) if n.endswith(".py")]
        print(f"source files in {directory}: {len(files)} (bound {source_files.MAX_FILES})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--closures", type=int, default=10_000)
    parser.add_argument("--distinct", type=int, default=300)
    options = parser.parse_args(argv)
    bench_times()
    bench_threads()
    bench_memory(options.closures, options.distinct)
    return 0


if __name__ == "__main__":
    sys.exit(main())
