"""Benchmark: the grading pipeline end to end, and how soon the page shows a result.

Starts a real Celery worker (two pool processes) and a gunicorn web server (threaded
workers, as the live results need) on a throwaway PostgreSQL database and Redis, submits
honest solutions through the site's own submission service, and measures, one
submission at a time and interleaved with a no-op Celery task:

- submit -> stored: from the service call to the worker's announcement that the result
  is stored (``courseware.live``, heard on Redis), and its overhead: that minus the
  grading time the worker recorded;
- the no-op task's round trip through the same Redis and worker (send -> pool process
  -> announcement heard), the least any queued work costs; the pipeline's overhead is
  reported as a ratio of it (``pipeline.ratio_to_celery_roundtrip``);
- stored -> visible: from the moment the worker stored the result (``finished_at``) to
  the moment the page's own request for news (``?shown=``, as ``exercise.js`` sends it)
  has the result fragment (``visible.p50_ms``).

In the same run it times the grader alone (no queue, no database) on the same code, and
a burst of N submissions drained by the two worker processes. Prints the figures; the
last line is JSON.

Environment: BENCH_DATABASE_ADMIN_URL (a PostgreSQL server where a database may be
created; default postgres://postgres:postgres@127.0.0.1:5432/postgres), REDIS_URL
(default redis://127.0.0.1:6379/8), BENCH_N (default 30), BENCH_EXERCISE (a slug),
BENCH_GAP_SECONDS (default 1.0): the pause before each one-at-a-time round.

The rounds are paced, as ``bench/grading.py`` paces its warm runs, so that each
submission meets a full pool of warm sandboxes: back to back, the refill that the
previous submission set off (a fresh interpreter importing the exercise's libraries,
hundreds of milliseconds of CPU) would still be running beside the next one, and on a
small machine the figures would measure that refill rather than the pipeline. The burst
below measures throughput with no pause at all.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._support import (  # noqa: E402
    celery_worker_start,
    database_create,
    database_drop,
    free_port,
    gunicorn_start,
    percentile,
    process_stop,
)

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/8"
N = int(os.environ.get("BENCH_N", "30"))
GAP_SECONDS = float(os.environ.get("BENCH_GAP_SECONDS", "1.0"))
PREFERRED = [os.environ.get("BENCH_EXERCISE", ""), "standardise-features", "revenue-by-region"]


def summary(values_ms: list[float]) -> dict:
    return {
        "p50_ms": round(percentile(values_ms, 50), 1),
        "p90_ms": round(percentile(values_ms, 90), 1),
        "p99_ms": round(percentile(values_ms, 99), 1),
        "mean_ms": round(statistics.fmean(values_ms), 1),
    }


STATUS = re.compile(r'id="submission-result"[^>]*data-status="(\w+)"', re.S)


def page_waits_for_result(*, port: int, path: str, cookie: str, finished: set[str]) -> float:
    """Ask for news as exercise.js does, from "queued" until a finished status comes
    back; return when (wall clock) the page had the finished fragment."""
    shown = "queued"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        while True:
            conn.request(
                "GET",
                f"{path}?shown={shown}",
                headers={"Cookie": f"sessionid={cookie}", "HX-Request": "true"},
            )
            response = conn.getresponse()
            body = response.read().decode()
            if response.status == 204:
                continue
            if response.status != 200:
                raise RuntimeError(f"status {response.status} for {path}: {body[:200]}")
            match = STATUS.search(body)
            if match is None:
                raise RuntimeError(f"no result in the fragment for {path}")
            if match.group(1) in finished:
                return time.time()
            shown = match.group(1)
    finally:
        conn.close()


class Announcements:
    """Everything announced on the live channels of this run, heard on one Redis
    connection, with the moment each arrived."""

    def __init__(self, url: str, pattern: str) -> None:
        import redis

        self._pubsub = redis.Redis.from_url(url).pubsub()
        self._pubsub.psubscribe(pattern)
        assert self._pubsub.get_message(timeout=5)["type"] == "psubscribe"

    def wait_for(self, channel: str, accept: set[str], timeout: float = 600) -> float:
        """Block until ``channel`` announces one of ``accept``; return perf_counter then."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self._pubsub.get_message(timeout=1)
            if message is None or message["type"] != "pmessage":
                continue
            if message["channel"].decode() == channel and message["data"].decode() in accept:
                return time.perf_counter()
        raise RuntimeError(f"nothing announced on {channel} in time")

    def close(self) -> None:
        self._pubsub.close()


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
    worker = server = None
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
    server_log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
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
            env=os.environ.copy(),
            concurrency=2,
            name=f"bench-{os.getpid()}",
            log=Path(log.name),
            include="bench._celery_noop",
        )
        port = free_port()
        # Threaded workers: a process that serves one request at a time never waits.
        server = gunicorn_start(
            env=os.environ.copy(), port=port, workers=1, threads=4, log=Path(server_log.name)
        )
        from django.test import Client

        from bench._celery_noop import noop_roundtrip
        from courseware import live

        browser = Client()
        browser.force_login(learner)
        cookie = browser.cookies["sessionid"].value
        finished = {str(status) for status in Submission.FINISHED}
        heard = Announcements(REDIS_URL, f"{live._prefix()}:*")

        def noop_once(i: int) -> float:
            channel = f"{live._prefix()}:bench-noop:{os.getpid()}:{i}"
            started = time.perf_counter()
            noop_roundtrip.apply_async(args=[channel], queue="grading")
            return (heard.wait_for(channel, {"done"}) - started) * 1000

        # Consecutive, disjoint steps of one submission: their sum is submit -> heard.
        breakdown = {
            "submit_call": [],
            "queued_to_worker": [],
            "worker_beyond_grading": [],
            "stored_to_heard": [],
        }

        def submission_once() -> tuple[float, float, float]:
            """(submit -> stored, its overhead beyond grading, stored -> visible), in ms."""
            outcome = {}
            wall = time.time()
            started = time.perf_counter()
            submission = services.submission_create(user=learner, exercise=exercise, code=solution)
            submit_call = (time.perf_counter() - started) * 1000

            def page():
                outcome["visible_at"] = page_waits_for_result(
                    port=port,
                    path=f"{exercise.get_absolute_url()}submissions/{submission.pk}/",
                    cookie=cookie,
                    finished=finished,
                )

            reader = threading.Thread(target=page)
            reader.start()
            stored = (heard.wait_for(live.channel_name(submission.pk), finished) - started) * 1000
            reader.join(120)
            row = Submission.objects.get(pk=submission.pk)
            assert row.status == "passed", (row.status, row.error)
            visible = (outcome["visible_at"] - row.finished_at.timestamp()) * 1000
            # Where the time beyond grading goes, by the worker's own timestamps: the
            # submit call (stored, committed, sent), the queue up to the worker's
            # "running" mark, the worker's own steps beyond grading up to the result's
            # save, and from there to the announcement heard (commit, progress, publish).
            to_worker = (row.started_at.timestamp() - wall) * 1000
            in_worker = (row.finished_at - row.started_at).total_seconds() * 1000
            breakdown["submit_call"].append(submit_call)
            breakdown["queued_to_worker"].append(to_worker - submit_call)
            breakdown["worker_beyond_grading"].append(in_worker - row.grading_ms)
            breakdown["stored_to_heard"].append(stored - to_worker - in_worker)
            return stored, stored - row.grading_ms, visible

        # Warm-up: the pool processes load the exercise's cases, gunicorn its code.
        for i in range(2):
            time.sleep(GAP_SECONDS)
            noop_once(-1 - i)
            submission_once()
        for values in breakdown.values():
            values.clear()

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

        # One at a time, the no-op round trip and a submission in turn.
        latency, overhead, visible, roundtrip = [], [], [], []
        for i in range(N):
            time.sleep(GAP_SECONDS)
            roundtrip.append(noop_once(i))
            stored, beyond_grading, shown = submission_once()
            latency.append(stored)
            overhead.append(beyond_grading)
            visible.append(shown)
        heard.close()

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
        celery = summary(roundtrip)
        beyond = summary(overhead)
        pipeline["overhead_beyond_grading_p50_ms"] = beyond["p50_ms"]
        pipeline["ratio_to_celery_roundtrip"] = round(beyond["p50_ms"] / celery["p50_ms"], 2)
        figures = {
            "benchmark": "pipeline",
            "exercise": slug,
            "n": N,
            "pipeline": pipeline,
            "celery_roundtrip": celery,
            "visible": summary(visible),
            "pipeline_breakdown_p50_ms": {
                name: round(percentile(values, 50), 1) for name, values in breakdown.items()
            },
            "grader_alone": floor,
            "overhead_ratio_p50": round(pipeline["p50_ms"] / floor["p50_ms"], 2),
            "overhead_ms_p50": round(pipeline["p50_ms"] - floor["p50_ms"], 1),
            "burst_graded_per_second": round(N / burst_seconds, 2),
            "worker_processes": 2,
            "gap_seconds": GAP_SECONDS,
        }
        print(f"exercise: {slug}  n={N}")
        print(
            f"pipeline (submit -> stored result): p50 {pipeline['p50_ms']} ms  "
            f"p90 {pipeline['p90_ms']} ms  p99 {pipeline['p99_ms']} ms"
        )
        print(
            f"  beyond grading time:              p50 {beyond['p50_ms']} ms  "
            f"p90 {beyond['p90_ms']} ms  p99 {beyond['p99_ms']} ms"
        )
        print(
            f"no-op Celery task round trip:       p50 {celery['p50_ms']} ms  "
            f"p90 {celery['p90_ms']} ms  p99 {celery['p99_ms']} ms"
        )
        print(f"  pipeline overhead / round trip (p50): {pipeline['ratio_to_celery_roundtrip']}x")
        parts = figures["pipeline_breakdown_p50_ms"]
        print(
            f"  where it goes (p50): the submit call {parts['submit_call']} ms, "
            f"queued -> worker {parts['queued_to_worker']} ms, "
            f"worker beyond grading {parts['worker_beyond_grading']} ms, "
            f"stored -> announced {parts['stored_to_heard']} ms"
        )
        shown = figures["visible"]
        print(
            f"stored -> visible on the page:      p50 {shown['p50_ms']} ms  "
            f"p90 {shown['p90_ms']} ms  p99 {shown['p99_ms']} ms"
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
        process_stop(server)
        process_stop(worker)
        from django.db import connections

        connections.close_all()
        database_drop(db_name)
        os.unlink(log.name)
        os.unlink(server_log.name)


if __name__ == "__main__":
    main()
