"""What the benchmarks share: a throwaway PostgreSQL database and percentiles."""

from __future__ import annotations

import os
from urllib.parse import urlparse, urlunparse

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
