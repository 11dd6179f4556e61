"""Benchmark: site search on the shipped curriculum, per query, on SQLite and PostgreSQL.

Loads the curriculum and the launch posts (CONTENT_DIR, default content/) into a
temporary SQLite file and, when DATABASE_URL points to a PostgreSQL server, into a
throwaway database created on that server (and dropped afterwards; the database
DATABASE_URL names is never touched). Then, for each realistic query below, it times
``search.selectors.search_results`` (the capped count and one page of ranked,
highlighted results) and the whole /search/ response through Django's test client
(template included), after one warm-up call each, BENCH_SEARCH_ROUNDS times (default 30),
interleaving the queries so a busy machine slows them alike. It prints each query's
result count and median, then the median and p95 over every timing per backend. The
last line is JSON.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._support import percentile  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "30"))
# What learners of these two programmes would type: single terms, pairs, phrases, code
# names, a typo that finds nothing, an exclusion and a very common word.
QUERIES = [
    "cross validation",
    "data leakage",
    '"data leakage"',
    "overfitting",
    "hyperparameter tuning",
    "grid search",
    "precision recall",
    "roc auc",
    "standardise features",
    "broadcasting",
    "pandas groupby",
    "fit_transform",
    "early stopping",
    "quantisation",
    "bias fairness",
    "model monitoring drift",
    "feature engineering pipeline",
    "confusion matrix",
    "career machine learning engineer",
    "gradient descent learning rate",
    "tuning -grid",
    "precision or recall",
    "regularisaton",
    "model",
]

MEASURE = r"""
import django, json, statistics, sys, time
django.setup()
from django.test import Client
from search.models import Document
from search.selectors import search_results

queries, rounds = json.loads(sys.argv[1]), int(sys.argv[2])
client = Client(HTTP_HOST="localhost")
timings = {q: {"selector": [], "page": []} for q in queries}
totals = {}
for q in queries:  # warm up: connection, plans, templates
    totals[q] = search_results(query=q).total
    client.get("/search/", {"q": q})
for _ in range(rounds):
    for q in queries:
        start = time.perf_counter()
        search_results(query=q)
        middle = time.perf_counter()
        response = client.get("/search/", {"q": q})
        end = time.perf_counter()
        assert response.status_code == 200
        timings[q]["selector"].append((middle - start) * 1000)
        timings[q]["page"].append((end - middle) * 1000)
print(json.dumps({"documents": Document.objects.count(), "totals": totals, "timings": timings}))
"""


def run(*args: str, env: dict, capture: bool = False) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, check=True, text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )  # fmt: skip
    return done.stdout or ""


def measure(database_url: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "OMP_NUM_THREADS": "1",
        "ALLOWED_HOSTS": "localhost",
    }
    env.pop("REDIS_URL", None)
    run("manage.py", "migrate", "--noinput", env=env)
    run("manage.py", "sync_content", env=env)
    run("manage.py", "load_blog_posts", env=env)
    out = run("-c", MEASURE, json.dumps(QUERIES), str(ROUNDS), env=env, capture=True)
    return json.loads(out.strip().splitlines()[-1])


def postgres_throwaway(url: str):
    """(name, url) of a new database on DATABASE_URL's server, or None without one."""
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    import psycopg2

    name = f"coursesite_bench_search_{os.getpid()}"
    conn = psycopg2.connect(url, connect_timeout=3)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    return name, urlunparse(urlparse(url)._replace(path=f"/{name}"))


def postgres_drop(url: str, name: str) -> None:
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


def report(engine: str, data: dict) -> dict:
    print(f"\n{engine}: {data['documents']} documents, {ROUNDS} rounds per query")
    print(f"  {'query':<36} {'results':>7} {'selector ms':>12} {'page ms':>9}")
    every = {"selector": [], "page": []}
    for query in QUERIES:
        t = data["timings"][query]
        every["selector"] += t["selector"]
        every["page"] += t["page"]
        print(
            f"  {query:<36} {data['totals'][query]:>7} "
            f"{statistics.median(t['selector']):>12.2f} {statistics.median(t['page']):>9.2f}"
        )
    summary = {"documents": data["documents"], "queries": len(QUERIES), "rounds": ROUNDS}
    for kind, values in every.items():
        summary[f"{kind}_median_ms"] = round(statistics.median(values), 3)
        summary[f"{kind}_p95_ms"] = round(percentile(values, 95), 3)
    print(
        f"  all queries: selector median {summary['selector_median_ms']:.2f} ms, "
        f"p95 {summary['selector_p95_ms']:.2f} ms; whole page median "
        f"{summary['page_median_ms']:.2f} ms, p95 {summary['page_p95_ms']:.2f} ms"
    )
    return summary


def main() -> None:
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        results["sqlite"] = report("SQLite (FTS5)", measure(f"sqlite:///{Path(tmp) / 'b.db'}"))
    server_url = os.environ.get("DATABASE_URL", "")
    try:
        throwaway = postgres_throwaway(server_url)
    except Exception as exc:  # noqa: BLE001 (any failure: report and go on)
        print(f"\nPostgreSQL at DATABASE_URL unavailable ({exc.__class__.__name__}); skipped")
        throwaway = None
    if throwaway is None and not server_url.startswith("postgres"):
        print("\nDATABASE_URL does not point to PostgreSQL; only SQLite was measured")
    if throwaway is not None:
        name, url = throwaway
        try:
            results["postgresql"] = report("PostgreSQL (tsvector, GIN)", measure(url))
        finally:
            postgres_drop(server_url, name)
    print(json.dumps({"benchmark": "search", **results}))


if __name__ == "__main__":
    main()
