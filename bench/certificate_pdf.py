"""Benchmark: drawing a certificate PDF, and serving one the cache already holds.

Renders an unsaved certificate (a long name with Vietnamese and Polish letters) with
``enrollment.pdf``, BENCH_PDF_ROUNDS times (default 10), then reads it through
``certificate_pdf_get`` from a local-memory cache. Prints the median and worst times and
the file size; the last line is JSON. Needs no database.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.pop("REDIS_URL", None)  # the local-memory cache: the figure is the PDF's own

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from enrollment.models import Certificate  # noqa: E402
from enrollment.pdf import certificate_pdf_get, certificate_pdf_render  # noqa: E402


def _ms(action, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    rounds = int(os.environ.get("BENCH_PDF_ROUNDS", "10"))
    certificate = Certificate(
        id=uuid.uuid4(),
        learner_name="Zoë Ngụyễn Thị Minh Khai Łukasz Żółkiewski",
        course_title="Certificate in Machine Learning Model Development",
        score_percent=87,
        issued_at=timezone.now(),
    )
    url = f"https://courses.example.org/certificates/{certificate.pk}/"
    size = len(certificate_pdf_render(certificate=certificate, verify_url=url))
    drawn = _ms(lambda: certificate_pdf_render(certificate=certificate, verify_url=url), rounds)
    certificate_pdf_get(certificate=certificate, verify_url=url)
    cached = _ms(lambda: certificate_pdf_get(certificate=certificate, verify_url=url), rounds)
    figures = {
        "rounds": rounds,
        "pdf_bytes": size,
        "draw_ms_median": round(statistics.median(drawn), 1),
        "draw_ms_max": round(max(drawn), 1),
        "cached_ms_median": round(statistics.median(cached), 3),
    }
    print(f"PDF of {size:,} bytes, drawn {rounds} times")
    print(f"  drawn:  median {figures['draw_ms_median']} ms, worst {figures['draw_ms_max']} ms")
    print(f"  cached: median {figures['cached_ms_median']} ms")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
