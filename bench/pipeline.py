"""Benchmark: the grading pipeline end to end against the grader alone.

Starts a real Celery worker (two pool processes) on a throwaway PostgreSQL database and
Redis, submits honest solutions through the site's own submission service, and times
submission -> stored result. In the same run it times the grader alone (no queue, no
database) on the same code. Prints the figures and the pipeline's overhead ratio; the
last line is JSON.

Environment: BENCH_DATABASE_ADMIN_URL (a PostgreSQL server where a database may be
created; default postgres://postgres:postgres@127.0.0.1:5432/postgres), REDIS_URL
(default redis://127.0.0.1:6379/8), BENCH_N (default 30), BENCH_EXERCISE (a slug).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._support import (  # noqa: E402
    celery_worker_start,
    database_create,
    database_drop,
    percentile,
    process_stop,
)

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/8"
N = int(os.environ.get("BENCH_N", "30"))
PREFERRED = [os.environ.get("BENCH_EXERCISE", ""), "standardise-features", "revenue-by-region"]


def summary(values_ms: list[float]) -> dict:
    return {
        "p50_ms": round(percentile(values_ms, 50), 1),
        "p90_ms": round(percentile(values_ms, 90), 1),
        "p99_ms": round(percentile(values_ms, 99), 1),
        "mean_ms": round(statistics.fmean(values_ms), 1),
    }


def main() -> None:
    db_name, database_url = database_create("coursesite_bench")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS_URL,
            "SUBMISSION_RATE_LIMIT": "100000",
            # The burst below queues N from one learner at once.
            "SUBMISSION_MAX_PENDING": "100000",
            "LOG_LEVEL": "WARNING",
        }
    )
    worker = None
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        import grader
        from config.celery_app import app
        from courseware import services
        from courseware.models import Course, Exercise, Module, Submission
        from enrollment.models import Enrollment
        from tests.factories import UserFactory

        call_command("migrate", verbosity=0)
        app.control.purge()

        found = grader.discover_exercises(settings.CONTENT_DIR)
        slug = next((s for s in PREFERRED if s and s in found), None) or sorted(found)[0]
        folder = Path(found[slug])
        exercise_spec = grader.load_exercise(folder)
        solution = (folder / "solution.py").read_text()

        course = Course.objects.create(
            slug="bench",
            title="Bench",
            summary="-",
            level="beginner",
            estimated_hours=1,
            pass_mark=50,
        )
        module = Module.objects.create(
            course=course, slug="bench", order=1, title="Bench", summary="-", estimated_minutes=1
        )
        exercise = Exercise.objects.create(
            course=course,
            module=module,
            slug=slug,
            title=slug,
            prompt_html="-",
            starter_code="",
            points=1,
            source_path=str(folder.relative_to(Path(settings.CONTENT_DIR))),
        )
        learner = UserFactory()
        Enrollment.objects.create(user=learner, course=course)

        # The grader alone, in this process: the floor the pipeline adds to.
        grader.grade(exercise_spec, solution)  # warm the case cache, as a worker would be
        alone = []
        for _ in range(N):
            started = time.perf_counter()
            result = grader.grade(exercise_spec, solution)
            alone.append((time.perf_counter() - started) * 1000)
            assert result["status"] == "passed", result

        worker = celery_worker_start(
            env=os.environ.copy(), concurrency=2, name=f"bench-{os.getpid()}", log=Path(log.name)
        )
        # One warm-up so the pool processes have loaded the exercise's cases.
        for _ in range(2):
            warm = services.submission_create(user=learner, exercise=exercise, code=solution)
            while not Submission.objects.get(pk=warm.pk).is_finished:
                time.sleep(0.01)

        def wait_all(ids, timeout=600):
            end = time.monotonic() + timeout
            while time.monotonic() < end:
                pending = Submission.objects.filter(pk__in=ids).exclude(
                    status__in=Submission.FINISHED
                )
                if not pending.exists():
                    return
                time.sleep(0.01)
            raise RuntimeError("submissions were not graded in time")

        # Latency: one submission at a time, from the service call to the stored result.
        latency = []
        for _ in range(N):
            started = time.perf_counter()
            submission = services.submission_create(user=learner, exercise=exercise, code=solution)
            wait_all([submission.pk])
            latency.append((time.perf_counter() - started) * 1000)

        # Throughput: a burst of N at once, drained by two worker processes.
        started = time.perf_counter()
        ids = [
            services.submission_create(user=learner, exercise=exercise, code=solution).pk
            for _ in range(N)
        ]
        wait_all(ids)
        burst_seconds = time.perf_counter() - started
        statuses = set(Submission.objects.filter(pk__in=ids).values_list("status", flat=True))
        assert statuses == {"passed"}, statuses

        pipeline = summary(latency)
        floor = summary(alone)
        figures = {
            "benchmark": "pipeline",
            "exercise": slug,
            "n": N,
            "pipeline": pipeline,
            "grader_alone": floor,
            "overhead_ratio_p50": round(pipeline["p50_ms"] / floor["p50_ms"], 2),
            "overhead_ms_p50": round(pipeline["p50_ms"] - floor["p50_ms"], 1),
            "burst_graded_per_second": round(N / burst_seconds, 2),
            "worker_processes": 2,
        }
        print(f"exercise: {slug}  n={N}")
        print(
            f"pipeline (submit -> stored result): p50 {pipeline['p50_ms']} ms  "
            f"p90 {pipeline['p90_ms']} ms  p99 {pipeline['p99_ms']} ms"
        )
        print(
            f"grader alone (no queue):            p50 {floor['p50_ms']} ms  "
            f"p90 {floor['p90_ms']} ms  p99 {floor['p99_ms']} ms"
        )
        print(
            f"overhead ratio (p50): {figures['overhead_ratio_p50']}x "
            f"(+{figures['overhead_ms_p50']} ms)"
        )
        print(
            f"burst of {N}: {figures['burst_graded_per_second']} graded/s with 2 worker processes"
        )
        print(json.dumps(figures))
    finally:
        process_stop(worker)
        from django.db import connections

        connections.close_all()
        database_drop(db_name)
        os.unlink(log.name)


if __name__ == "__main__":
    main()
