"""How long grading takes, against the floor of merely starting the sandbox; cold and warm.

Cold: for a NumPy exercise and a pandas exercise (the curriculum's when they exist,
otherwise the grader tests' fixtures) this times ``grader.grade(exercise, solution,
seed=<new>)`` and, in the same run and interleaved with it, the floor: the same
bubblewrap sandbox running ``python -c "import numpy"`` (or pandas) and nothing else.
Target: ratio 1.5 or less.

Warm (``grader.pool``): for NumPy, NumPy + pandas and NumPy + pandas + scikit-learn
exercises, the same grade through a pool of warm sandboxes, at a moderate rate (a
submission at most every ``BENCH_WARM_INTERVAL`` seconds, 0.5, and only once the pool
has refilled, so each grade finds one waiting), over the cold floor of the same library
set (sandbox + the imports a warm sandbox does), measured interleaved while the pool is
full and idle, so neither is slowed by a refill. Targets: pandas and scikit-learn 0.25,
NumPy 0.5. A grade still pays what a pool cannot remove: drawing the hidden cases with
the reference solution (trusted side, per new seed), writing the file, the learner's
own work and judging.

Burst: ``BENCH_BURST`` pandas submissions graded back to back in one process (one
worker), with the pool of the settings (one waiting per set by default) and with none.
A pool hides start-up only while it has sandboxes waiting; every submission still costs
its imports' CPU once (in the refill), so on a busy machine the burst rate stays near
the cold one. It prints each figure and ends with one JSON line.
"""

import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import grader  # noqa: E402
from grader import bwrap, config, pool, sandbox, warm  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "21"))
WARM_RUNS = int(os.environ.get("BENCH_WARM_RUNS", "11"))
WARM_INTERVAL = float(os.environ.get("BENCH_WARM_INTERVAL", "0.5"))
BURST = int(os.environ.get("BENCH_BURST", "12"))
CANDIDATES = {
    "numpy": ["standardise-features", "scale-array"],
    "pandas": ["revenue-by-region", "region-totals"],
    "sklearn": ["pca-components-for-variance", "onehot-scale-pipeline"],
}
# The pool's library set each benchmark's exercise must use exactly.
LIBRARY_SETS = {
    "numpy": frozenset({"numpy"}),
    "pandas": frozenset({"numpy", "pandas"}),
    "sklearn": frozenset({"numpy", "pandas", "sklearn"}),
}


def find(library):
    found = grader.discover_exercises(ROOT / "content")
    found.update(
        {k: v for k, v in grader.discover_exercises(ROOT / "tests/grader/exercises").items()}
    )
    for slug in CANDIDATES[library]:
        if slug in found:
            exercise = grader.load_exercise(found[slug])
            if frozenset(exercise.libraries) == LIBRARY_SETS[library]:
                return exercise
    raise SystemExit(f"no {library} exercise found")


def floor_command(libraries):
    """The grading sandbox's own command line, running only the imports a warm one does."""
    code = Path(tempfile.mkdtemp()) / "submission.py"
    code.write_text("")
    uid = 0 if os.geteuid() == 0 else None
    argv = sandbox.bwrap_command(bwrap.find().path, str(code), sorted(libraries), 20, uid)
    python = argv.index("--", argv.index("--chdir")) + 1
    # The runner's one-thread BLAS setting, so the floor does no more work than grading.
    imports = ", ".join(warm.warm_imports(libraries))
    script = (
        "import os, sys; os.environ['OPENBLAS_NUM_THREADS'] = '1'; "
        f"sys.path.append('{sandbox.BOX_SITE}'); import {imports}"
    )
    return argv[: python + 1] + ["-I", "-S", "-B", "-c", script]


def timed(fn):
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def summary(samples):
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return {"median": round(statistics.median(ordered), 4), "p90": round(p90, 4)}


def grader_once(exercise, failures=None):
    """One grade of the reference solution; a verdict other than passed (a time limit hit
    on a saturated machine) is counted in ``failures`` when given, else it stops the run."""

    def grade_once():
        # As the site grades: every submission draws its hidden cases from a new seed.
        outcome = grader.grade(exercise, exercise.solution, seed=secrets.randbits(63))
        if outcome["status"] != "passed":
            if failures is None:
                raise AssertionError(outcome)
            failures.append(outcome["error"] or outcome["status"])

    return grade_once


def floor_runner(libraries):
    argv = floor_command(libraries)

    def floor_once():
        subprocess.run(argv, env={}, check=True, capture_output=True)

    return floor_once


def bench(library):
    exercise = find(library)
    grade_once, floor_once = grader_once(exercise), floor_runner(LIBRARY_SETS[library])

    grade_once(), floor_once()  # warm the page cache and the per-process caches
    grading, floor = [], []
    for _ in range(RUNS):
        grading.append(timed(grade_once))
        floor.append(timed(floor_once))
    g, f = summary(grading), summary(floor)
    ratio = round(g["median"] / f["median"], 3)
    print(
        f"{library:6} {exercise.slug:24} grade median {g['median'] * 1000:6.1f} ms  "
        f"p90 {g['p90'] * 1000:6.1f} ms | floor (sandbox + import {library}) median "
        f"{f['median'] * 1000:6.1f} ms  p90 {f['p90'] * 1000:6.1f} ms | ratio {ratio:.2f}"
    )
    return {"exercise": exercise.slug, "grade": g, "floor": f, "ratio": ratio}


def _bench_pool(sizes: dict) -> pool.Pool:
    values = {name: 0 for name in pool.SETS} | sizes
    config.configure(**values)
    started = pool.start(pool.Pool.from_config())
    if not started.wait_full(300):
        raise SystemExit(f"the warm pool did not fill in 300 s: {started.status()}")
    return started


def _until_waiting(warm_pool, key, timeout=300.0) -> float:
    """Block until a sandbox for ``key`` waits; the seconds it took (the refill)."""
    started = time.monotonic()
    name = "+".join(sorted(key))
    while warm_pool.status()[name]["waiting"] < 1:
        if time.monotonic() - started > timeout:
            raise SystemExit(f"no warm sandbox for {name} after {timeout:.0f} s")
        time.sleep(0.01)
    return time.monotonic() - started


def bench_warm(library, warm_pool):
    exercise = find(library)
    key = LIBRARY_SETS[library]
    grade_once, floor_once = grader_once(exercise), floor_runner(key)
    floor_once()  # the page cache
    grading, floor, refill = [], [], []
    handed_before = warm_pool.counts["handed_out"]
    last = time.monotonic() - WARM_INTERVAL
    for _ in range(WARM_RUNS):
        refill.append(_until_waiting(warm_pool, key))
        time.sleep(max(0.0, last + WARM_INTERVAL - time.monotonic()))
        floor.append(timed(floor_once))  # the pool is full and idle: nothing competes
        last = time.monotonic()
        grading.append(timed(grade_once))
    warm_hits = warm_pool.counts["handed_out"] - handed_before
    g, f, r = summary(grading), summary(floor), summary(refill)
    ratio = round(g["median"] / f["median"], 3)
    print(
        f"warm {library:7} {exercise.slug:27} grade median {g['median'] * 1000:6.1f} ms  "
        f"p90 {g['p90'] * 1000:6.1f} ms | cold floor median {f['median'] * 1000:6.1f} ms | "
        f"ratio {ratio:.3f} | {warm_hits}/{WARM_RUNS} warm | refill waited median "
        f"{r['median'] * 1000:.0f} ms"
    )
    return {
        "exercise": exercise.slug,
        "grade": g,
        "cold_floor": f,
        "ratio_to_cold_floor": ratio,
        "warm_hits": warm_hits,
        "runs": WARM_RUNS,
        "refill_wait": r,
    }


def bench_burst(library="pandas"):
    """Back-to-back grades in one process: with the settings' pool, then with none."""
    exercise = find(library)
    warm_failed, cold_failed = [], []
    sizes = {name: config.get(name) for name in pool.SETS}
    warm_pool = _bench_pool(sizes)
    handed_before = warm_pool.counts["handed_out"]
    grade_warm, grade_cold = grader_once(exercise, warm_failed), grader_once(exercise, cold_failed)
    warm_seconds = timed(lambda: [grade_warm() for _ in range(BURST)])
    warm_hits = warm_pool.counts["handed_out"] - handed_before
    pool.stop()
    cold_seconds = timed(lambda: [grade_cold() for _ in range(BURST)])
    figures = {
        "library": library,
        "submissions": BURST,
        "warm": round(BURST / warm_seconds, 2),
        "cold": round(BURST / cold_seconds, 2),
        "warm_hits": warm_hits,
        "not_passed": {"warm": len(warm_failed), "cold": len(cold_failed)},
        "pool_sizes": {name: value for name, value in sizes.items() if value},
    }
    print(
        f"burst   {library} x{BURST} back to back: warm pool {figures['warm']:.2f}/s "
        f"({warm_hits} found a warm sandbox), cold {figures['cold']:.2f}/s; not passed "
        f"(time limit on a saturated machine): warm {len(warm_failed)}, cold {len(cold_failed)}"
    )
    return figures


def main():
    figures = {"runs": RUNS, "numpy": bench("numpy"), "pandas": bench("pandas")}
    figures["target_ratio"] = 1.5
    defaults = {name: config.get(name) for name in pool.SETS}
    warm_pool = _bench_pool({name: max(1, value) for name, value in defaults.items()})
    try:
        figures["warm"] = {lib: bench_warm(lib, warm_pool) for lib in LIBRARY_SETS}
    finally:
        pool.stop()
    config.configure(**{name: None for name in pool.SETS})
    figures["warm"]["targets"] = {"numpy": 0.5, "pandas": 0.25, "sklearn": 0.25}
    try:
        figures["burst"] = {"submissions_per_second": bench_burst()}
    finally:
        pool.stop()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
