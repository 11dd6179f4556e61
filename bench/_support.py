"""What the benchmarks share: a throwaway PostgreSQL database, percentiles, and the
gunicorn and Celery processes they start (and always stop)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent

# A PostgreSQL server where the benchmarks may create and drop a database of their own.
ADMIN_URL = os.environ.get(
    "BENCH_DATABASE_ADMIN_URL", "postgres://postgres:postgres@127.0.0.1:5432/postgres"
)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank, as the benchmarks report it."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def database_create(prefix: str) -> tuple[str, str]:
    """Create an empty database; return its name and DATABASE_URL. Raises if the server
    cannot be reached (within three seconds)."""
    import psycopg2

    name = f"{prefix}_{os.getpid()}"
    conn = psycopg2.connect(ADMIN_URL, connect_timeout=3)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    return name, urlunparse(urlparse(ADMIN_URL)._replace(path=f"/{name}"))


def database_drop(name: str) -> None:
    import psycopg2

    conn = psycopg2.connect(ADMIN_URL)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


# -- processes the benchmarks start: gunicorn and Celery workers ----------------------


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def gunicorn_start(
    *, env: dict, port: int, workers: int, log: Path, threads: int = 1
) -> subprocess.Popen:
    """gunicorn serving the site on 127.0.0.1:port; returns once it answers /healthz."""
    worker_class = ["--worker-class", "sync"] if threads == 1 else ["--threads", str(threads)]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), *worker_class,
         "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    for _ in range(150):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return server
        except urllib.error.HTTPError:
            return server  # it answered (503 means a dependency is down, not gunicorn)
        except OSError:
            time.sleep(0.2)
    process_stop(server)
    raise SystemExit(f"gunicorn did not answer:\n{log.read_text()}")


def celery_worker_start(
    *, env: dict, concurrency: int, name: str, log: Path, timeout: float = 60, include: str = ""
) -> subprocess.Popen:
    """A real Celery worker on the grading and default queues; returns once it is ready.

    The prefork pool, as in production: the solo and threads pools enforce no time limits.
    The benchmarks and the real-worker tests (tests/courseware/test_worker.py) share it.
    ``include`` names extra task modules to load (comma-separated), e.g. a baseline task.
    """
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "grading,default",
         "--concurrency", str(concurrency), "--pool", "prefork",
         "--without-gossip", "--without-mingle",
         "--without-heartbeat", "-l", "info", "-n", f"{name}@localhost",
         *(["--include", include] if include else [])],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + timeout
    while " ready." not in log.read_text():
        if worker.poll() is not None or time.monotonic() > deadline:
            process_stop(worker)
            raise RuntimeError("worker did not start:\n" + log.read_text())
        time.sleep(0.1)
    return worker


def process_stop(process: subprocess.Popen | None, *, timeout: float = 20) -> None:
    """Stop a process started here, and its children (it leads its own session)."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)
