"""The search index: one row per thing a search can find.

A row is a *document*: one section of a module (split at its h2/h3 headings at sync
time), one exercise or one blog post, with the plain text a reader sees and the URL a
result links to. Rows are written only by ``search.services``, when ``sync_content``
applies the curriculum and when a post is saved; they are derived data and can be
rebuilt at any time (``manage.py search_reindex``).

The full-text index itself lives in the database, beside the rows, and the database
keeps it in step with them (``migrations/0001_initial.py``): on PostgreSQL a stored
generated ``tsvector`` column with a GIN index, on SQLite an FTS5 table kept by
triggers. Neither is a model field, so the ORM never writes them.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone


class DocumentQuerySet(models.QuerySet):
    def public(self, *, now: datetime | None = None):
        """What visitors may find: curriculum rows, and posts whose time has come."""
        return self.filter(Q(publish_at__isnull=True) | Q(publish_at__lte=now or timezone.now()))


class Document(models.Model):
    class Kind(models.TextChoices):
        SECTION = "section", "Lesson"
        EXERCISE = "exercise", "Exercise"
        POST = "post", "Blog post"

    # "section:<module id>#<anchor>", "exercise:<id>" or "post:<id>": what a sync matches on.
    key = models.CharField(max_length=250, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The source row; deleting it deletes its documents.
    module = models.ForeignKey(
        "courseware.Module", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    exercise = models.ForeignKey(
        "courseware.Exercise", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(
        "blog.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=300)
    # Where it sits, for the result: "Course › Module › Heading" or "Blog".
    breadcrumb = models.CharField(max_length=600)
    url = models.CharField(max_length=500)
    body = models.TextField()
    # Its order within its module (sections) or course (exercises), for ties.
    position = models.PositiveIntegerField(default=0)
    # None: public while it is indexed (the live curriculum). A time: public from then
    # (a scheduled post appears by itself, as it does on the blog). Drafts are not indexed.
    publish_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        db_table = "search_document"
        ordering = ["kind", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="section",
                        module__isnull=False,
                        exercise__isnull=True,
                        post__isnull=True,
                    )
                    | Q(
                        kind="exercise",
                        exercise__isnull=False,
                        module__isnull=True,
                        post__isnull=True,
                    )
                    | Q(kind="post", post__isnull=False, module__isnull=True, exercise__isnull=True)
                ),
                name="search_document_one_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self) -> str:
        return self.url
