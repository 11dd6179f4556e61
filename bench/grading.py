"""How long grading takes, against the floor of merely starting the sandbox.

For a NumPy exercise and a pandas exercise (the curriculum's when they exist, otherwise
the grader tests' fixtures) this times ``grader.grade(exercise, solution, seed=<new>)`` and, in the
same run and interleaved with it, the floor: the same bubblewrap sandbox running
``python -c "import numpy"`` (or pandas) and nothing else. It prints the median and p90
of each, their ratio, and ends with one JSON line. Target: ratio 1.5 or less.
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
from grader import bwrap, sandbox  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "21"))
CANDIDATES = {
    "numpy": ["standardise-features", "scale-array"],
    "pandas": ["revenue-by-region", "region-totals"],
}


def find(library):
    found = grader.discover_exercises(ROOT / "content")
    found.update(
        {k: v for k, v in grader.discover_exercises(ROOT / "tests/grader/exercises").items()}
    )
    for slug in CANDIDATES[library]:
        if slug in found:
            exercise = grader.load_exercise(found[slug])
            if library in exercise.imports:
                return exercise
    raise SystemExit(f"no {library} exercise found")


def floor_command(library):
    """The grading sandbox's own command line, running only an import."""
    code = Path(tempfile.mkdtemp()) / "submission.py"
    code.write_text("")
    uid = 0 if os.geteuid() == 0 else None
    argv = sandbox.bwrap_command(bwrap.find().path, str(code), [library], 20, uid)
    python = argv.index("--", argv.index("--chdir")) + 1
    # The runner's one-thread BLAS setting, so the floor does no more work than grading.
    script = (
        "import os, sys; os.environ['OPENBLAS_NUM_THREADS'] = '1'; "
        f"sys.path.append('{sandbox.BOX_SITE}'); import {library}"
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


def bench(library):
    exercise = find(library)
    argv = floor_command(library)

    def grade_once():
        # As the site grades: every submission draws its hidden cases from a new seed.
        outcome = grader.grade(exercise, exercise.solution, seed=secrets.randbits(63))
        assert outcome["status"] == "passed", outcome

    def floor_once():
        subprocess.run(argv, env={}, check=True, capture_output=True)

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


def main():
    figures = {"runs": RUNS, "numpy": bench("numpy"), "pandas": bench("pandas")}
    figures["target_ratio"] = 1.5
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
