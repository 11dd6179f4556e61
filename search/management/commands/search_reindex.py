"""``manage.py search_reindex``: bring the whole search index up to date (idempotent)."""

from django.core.management.base import BaseCommand

from search.services import index_rebuild


class Command(BaseCommand):
    help = (
        "Index every live lesson section, exercise and public or scheduled blog post, and "
        "drop what is retired or a draft. sync_content and post saves keep the index "
        "current; run this once after installing the search app or restoring a backup."
    )

    def handle(self, *args, **options):
        report = index_rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index: {report.created} created, {report.updated} updated, "
                f"{report.deleted} deleted."
            )
        )
