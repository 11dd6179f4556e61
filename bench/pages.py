"""Benchmark: the catalogue, a course page and a module page against a bare Django view.

Loads the curriculum (CONTENT_DIR, default content/) into a throwaway PostgreSQL
database, serves the site with gunicorn (production settings, DEBUG off, one sync
worker per CPU, Redis as the cache), and drives each URL with a concurrent HTTP load
generator (asyncio, a new connection per request, as gunicorn's sync workers close
them). The pages are read by visitors (served from the page cache) and, for the module
page, by a signed-in enrolled learner who has answered some of its questions and holds
the CSRF cookie a browser keeps after its first page (their own page, cached for them). The bare view returns a fixed string through the
same middleware; it is measured interleaved with the pages, in rounds (bare, catalogue,
course, module, module signed in, again), so a busy machine slows them alike and each
page's throughput is given as a ratio of the bare view's. The last line is JSON.

Environment: BENCH_DATABASE_ADMIN_URL (a PostgreSQL server where a database may be
created; default postgres://postgres:postgres@127.0.0.1:5432/postgres; when it cannot
be reached a temporary SQLite file is used and the output says so), BENCH_REDIS_URL
(default redis://127.0.0.1:6379/13; local memory when it cannot be reached), BENCH_SECONDS
(measured seconds per URL, default 5), BENCH_ROUNDS (default 5), BENCH_CONCURRENCY
(default 8), BENCH_WORKERS (gunicorn workers, default the CPU count).
"""

from __future__ import annotations

import asyncio
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

from bench._support import (  # noqa: E402
    database_create,
    database_drop,
    free_port,
    gunicorn_start,
    percentile,
    process_stop,
    redis_reachable,
)

SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
WARMUP = 1.0
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
SETTINGS = "bench.pagesite.settings"
PAGES = ("catalogue", "course", "module", "module_signed_in")


def create_database() -> tuple[str | None, str, str]:
    """(postgres database name or None, DATABASE_URL, engine label)."""
    try:
        name, url = database_create("coursesite_bench_pages")
    except Exception as exc:  # noqa: BLE001 (any failure means: fall back to SQLite)
        path = Path(tempfile.mkdtemp(prefix="bench-pages-")) / "bench.sqlite3"
        print(f"PostgreSQL unavailable ({exc.__class__.__name__}); using SQLite at {path}")
        return None, f"sqlite:///{path}", "sqlite"
    return name, url, "postgresql"


def manage(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


# Run once in the site's own settings: the URLs to read, and a signed-in learner who is
# enrolled in the course and has answered some of the module's questions.
PREPARE = """
import django, json
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from courseware import services
from courseware.models import Course, Module
from enrollment.services import enrollment_create
from tests.factories import UserFactory

course = Course.objects.live().order_by("order").first()
module = max(Module.objects.live().filter(course=course), key=lambda m: len(m.body_html))
learner = UserFactory()
enrollment_create(user=learner, course=course)
questions = list(module.questions.filter(is_retired=False).order_by("order"))
for question in questions[: max(1, len(questions) // 2)]:
    services.question_answer(user=learner, question=question, selected=question.correct)
session = SessionStore()
session[SESSION_KEY] = str(learner.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = learner.get_session_auth_hash()
session.create()
# A browser keeps the CSRF cookie its first page set; a learner's cached page is keyed on it.
from django.utils.crypto import get_random_string
from string import ascii_letters, digits
print(json.dumps({
    "csrf": get_random_string(32, ascii_letters + digits),
    "course": course.get_absolute_url(),
    "module": module.get_absolute_url(),
    "session": session.session_key,
    "questions": len(questions),
}))
"""


def prepare(env: dict) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", PREPARE],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


async def _one(port: int, request: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    data = await reader.read()
    writer.close()
    return data


class Sample:
    """Everything measured for one URL, over every round."""

    def __init__(self, path: str):
        self.path = path
        self.latencies: list[float] = []
        self.errors = 0
        self.cache_hits = 0
        self.elapsed = 0.0


async def _load(port: int, request: bytes, seconds: float, sample: Sample | None) -> None:
    deadline = time.perf_counter() + seconds

    async def worker():
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                data = await _one(port, request)
            except OSError:
                if sample:
                    sample.errors += 1
                continue
            if sample is None:
                continue
            if data[9:12] != b"200":
                sample.errors += 1
                continue
            sample.latencies.append(time.perf_counter() - start)
            head = data[: data.find(b"\r\n\r\n")].lower()
            # "hit" for a visitor's page, "learner-hit" for a learner's own.
            sample.cache_hits += (
                b"x-page-cache: hit" in head or b"x-page-cache: learner-hit" in head
            )

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    if sample:
        sample.elapsed += time.perf_counter() - started


def _body_size(port: int, request: bytes) -> int:
    data = asyncio.run(_one(port, request))
    return len(data) - data.find(b"\r\n\r\n") - 4


def request_for(path: str, cookie: str = "") -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", "User-Agent: bench-pages"]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def measure(port: int, targets: dict[str, tuple[str, bytes]]) -> dict[str, dict]:
    """Warm every URL, then measure them in ROUNDS interleaved slices."""
    samples = {name: Sample(path) for name, (path, _) in targets.items()}
    for _, request in targets.values():
        asyncio.run(_load(port, request, WARMUP, None))
    for _ in range(ROUNDS):
        for name, (_, request) in targets.items():
            asyncio.run(_load(port, request, SECONDS / ROUNDS, samples[name]))
    results = {}
    for name, sample in samples.items():
        if not sample.latencies:
            raise SystemExit(f"every request to {sample.path} failed")
        ms = [value * 1000 for value in sample.latencies]
        results[name] = {
            "path": sample.path,
            "requests": len(ms),
            "errors": sample.errors,
            "rps": round(len(ms) / sample.elapsed, 1),
            "p50_ms": round(percentile(ms, 50), 2),
            "p99_ms": round(percentile(ms, 99), 2),
            "mean_ms": round(statistics.fmean(ms), 2),
            "page_cache_hits": round(sample.cache_hits / len(ms), 3),
        }
    return results


def main() -> None:
    db_name, database_url, engine = create_database()
    cache = "redis" if redis_reachable(REDIS_URL) else "local memory"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    if cache == "redis":
        # The production cache; this benchmark queues no tasks.
        env["REDIS_URL"] = REDIS_URL
    server = None
    log = Path(tempfile.mkdtemp(prefix="bench-pages-")) / "gunicorn.log"
    try:
        manage("migrate", "--noinput", "-v", "0", env=env)
        manage("sync_content", "-v", "0", env=env)
        prepared = prepare(env)
        port = free_port()
        server = gunicorn_start(env=env, port=port, workers=WORKERS, log=log)
        signed_in = f"sessionid={prepared['session']}; csrftoken={prepared['csrf']}"
        # For reading the figures, not a target: the bare view sending as many bytes as
        # the module page, so the cost of moving them (server, kernel and this client
        # share the machine) can be told apart from the cost of making the page.
        module_bytes = _body_size(port, request_for(prepared["module"]))
        sized = f"/bench/bare/{module_bytes}/"
        targets = {
            "bare": ("/bench/bare/", request_for("/bench/bare/")),
            "bare_module_sized": (sized, request_for(sized)),
            "catalogue": ("/courses/", request_for("/courses/")),
            "course": (prepared["course"], request_for(prepared["course"])),
            "module": (prepared["module"], request_for(prepared["module"])),
            "module_signed_in": (
                prepared["module"],
                request_for(prepared["module"], cookie=signed_in),
            ),
        }
        results = measure(port, targets)
    finally:
        process_stop(server)
        if db_name:
            database_drop(db_name)

    bare = results["bare"]["rps"]
    for name in (*PAGES, "bare_module_sized"):
        results[name]["ratio_to_bare"] = round(results[name]["rps"] / bare, 3)
    print(
        f"\ngunicorn {WORKERS} sync workers, {engine}, cache {cache}, {CONCURRENCY} concurrent "
        f"clients, {SECONDS:g} s per URL in {ROUNDS} interleaved rounds"
    )
    print(
        f"{'page':<17} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs bare':>8} {'cached':>7}  path"
    )
    for name, row in results.items():
        ratio = f"{row['ratio_to_bare']:.2f}x" if "ratio_to_bare" in row else "1.00x"
        print(
            f"{name:<17} {row['rps']:>8.1f} {row['p50_ms']:>8.2f} {row['p99_ms']:>8.2f} "
            f"{ratio:>8} {row['page_cache_hits']:>7.0%}  {row['path']}"
        )
        if row["errors"]:
            print(f"  ({row['errors']} failed requests)")
    summary = {
        "benchmark": "pages",
        "database": engine,
        "cache": cache,
        "workers": WORKERS,
        "concurrency": CONCURRENCY,
        "seconds_per_url": SECONDS,
        "rounds": ROUNDS,
        "signed_in_answered_questions": prepared["questions"]
        and max(1, prepared["questions"] // 2),
        **results,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
