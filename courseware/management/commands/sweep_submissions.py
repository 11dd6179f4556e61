"""Queue again submissions stuck in queued or running (the periodic sweep, by hand)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from courseware.services import submission_sweep


class Command(BaseCommand):
    help = (
        "Queue again every submission that stayed queued or running too long. Celery beat "
        "runs this every minute; run it by hand after a broker outage."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queued-older-than",
            type=float,
            default=None,
            metavar="SECONDS",
            help="Re-queue submissions queued longer than this (default: settings).",
        )
        parser.add_argument(
            "--running-older-than",
            type=float,
            default=None,
            metavar="SECONDS",
            help="Re-queue submissions running longer than this (default: settings).",
        )

    def handle(self, *args, queued_older_than, running_older_than, **options):
        ids = submission_sweep(
            queued_older_than=None
            if queued_older_than is None
            else timedelta(seconds=queued_older_than),
            running_older_than=None
            if running_older_than is None
            else timedelta(seconds=running_older_than),
        )
        self.stdout.write(f"Re-queued {len(ids)} submission(s)" + (f": {ids}" if ids else "."))
