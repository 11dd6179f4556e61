"""``manage.py load_blog_posts``: load the launch posts from content/blog/ (idempotent)."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from blog.launch_posts import LaunchPostsInvalid, launch_posts_load


class Command(BaseCommand):
    help = (
        "Upsert the launch posts in CONTENT_DIR/blog/*.md by slug. Existing posts keep "
        "their status and views; run it after sync_content so posts link to their course."
    )

    def handle(self, *args, **options):
        directory = Path(settings.CONTENT_DIR) / "blog"
        if not directory.is_dir():
            self.stdout.write(
                f"No {directory.name}/ folder in the content directory; nothing to load."
            )
            return
        try:
            report = launch_posts_load(directory=directory)
        except LaunchPostsInvalid as exc:
            for problem in exc.problems:
                self.stderr.write(f"blog/{problem}")
            raise CommandError(f"{exc}; the database was not changed.") from exc
        except PermissionDenied as exc:  # an author's address belongs to a non-staff account
            raise CommandError(f"{exc} The database was not changed.") from exc
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write(
            self.style.SUCCESS(
                f"Blog posts: {len(report.created)} created, {len(report.updated)} updated, "
                f"{len(report.unchanged)} unchanged."
            )
        )
