"""Benchmark: the catalogue, a course page and a module page against a bare Django view.

Loads the curriculum (CONTENT_DIR, default content/) into a throwaway PostgreSQL
database, serves the site with gunicorn (production settings, DEBUG off, one sync
worker per CPU), and drives each URL with a concurrent HTTP load generator (asyncio,
a new connection per request, as gunicorn's sync workers close them). In the same run
it loads a view that returns a fixed string through the same middleware, so each page's
throughput is also given as a ratio of the bare view's. The last line is JSON.

Environment: BENCH_DATABASE_ADMIN_URL (a PostgreSQL server where a database may be
created; default postgres://postgres:postgres@127.0.0.1:5432/postgres; when it cannot
be reached a temporary SQLite file is used and the output says so), BENCH_SECONDS
(measured seconds per URL, default 5), BENCH_CONCURRENCY (default 8), BENCH_WORKERS
(gunicorn workers, default the CPU count).
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._support import database_create, database_drop, percentile  # noqa: E402

SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
WARMUP = 1.0
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
SETTINGS = "bench.pagesite.settings"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def pick_urls(env: dict) -> dict[str, str]:
    """The catalogue, the first course and the module with the longest lesson."""
    code = (
        "import django, json; django.setup();"
        "from courseware.models import Course, Module;"
        "c = Course.objects.live().order_by('order').first();"
        "m = max(Module.objects.live().filter(course=c), key=lambda m: len(m.body_html));"
        "print(json.dumps([c.get_absolute_url(), m.get_absolute_url()]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    course_url, module_url = json.loads(out.strip().splitlines()[-1])
    return {
        "bare": "/bench/bare/",
        "catalogue": "/courses/",
        "course": course_url,
        "module": module_url,
    }


async def _one(port: int, request: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    data = await reader.read()
    writer.close()
    return data


async def _load(port: int, path: str, seconds: float) -> tuple[list[float], int, int]:
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: bench-pages\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def worker():
        nonlocal errors
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                data = await _one(port, request)
            except OSError:
                errors += 1
                continue
            if data[9:12] != b"200":
                errors += 1
                continue
            latencies.append(time.perf_counter() - start)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return latencies, errors, time.perf_counter() - started


def measure(port: int, path: str) -> dict:
    asyncio.run(_load(port, path, WARMUP))
    latencies, errors, elapsed = asyncio.run(_load(port, path, SECONDS))
    if not latencies:
        raise SystemExit(f"every request to {path} failed")
    ms = [value * 1000 for value in latencies]
    return {
        "path": path,
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(ms, 50), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "mean_ms": round(statistics.fmean(ms), 2),
    }


def wait_until_up(port: int, server: subprocess.Popen, log: Path) -> None:
    for _ in range(150):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer:\n{log.read_text()}")


def main() -> None:
    db_name, database_url, engine = create_database()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)  # pages do not need the broker; the cache is local memory
    server = None
    log = Path(tempfile.mkdtemp(prefix="bench-pages-")) / "gunicorn.log"
    try:
        manage("migrate", "--noinput", "-v", "0", env=env)
        manage("sync_content", "-v", "0", env=env)
        urls = pick_urls(env)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi:application",
             "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
             "--worker-class", "sync", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_until_up(port, server, log)
        results = {name: measure(port, path) for name, path in urls.items()}
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        if db_name:
            database_drop(db_name)

    bare = results["bare"]["rps"]
    for name in ("catalogue", "course", "module"):
        results[name]["ratio_to_bare"] = round(results[name]["rps"] / bare, 3)
    print(
        f"\ngunicorn {WORKERS} sync workers, {engine}, {CONCURRENCY} concurrent clients, "
        f"{SECONDS:g} s per URL"
    )
    print(f"{'page':<10} {'path':<48} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs bare':>8}")
    for name, row in results.items():
        ratio = f"{row['ratio_to_bare']:.2f}x" if "ratio_to_bare" in row else "1.00x"
        print(
            f"{name:<10} {row['path']:<48} {row['rps']:>8.1f} {row['p50_ms']:>8.2f} "
            f"{row['p99_ms']:>8.2f} {ratio:>8}"
        )
        if row["errors"]:
            print(f"  ({row['errors']} failed requests)")
    summary = {
        "benchmark": "pages",
        "database": engine,
        "workers": WORKERS,
        "concurrency": CONCURRENCY,
        "seconds_per_url": SECONDS,
        **results,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
