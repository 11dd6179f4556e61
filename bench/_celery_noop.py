"""The baseline `bench/pipeline.py` divides by: a Celery task that does nothing but
announce, through the site's own live channel, that it ran. Its round trip (send ->
broker -> worker pool process -> announcement heard) is what any queued work costs
before it does anything; the grading pipeline's overhead is measured against it.

Loaded into the benchmark's worker with ``celery worker --include bench._celery_noop``.
"""

from celery import shared_task


@shared_task(name="bench.noop_roundtrip", ignore_result=True)
def noop_roundtrip(channel_name: str) -> None:
    from courseware import live

    live.channel().publish(channel_name, "done")
