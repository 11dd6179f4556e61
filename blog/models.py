"""Blog posts, their tags, and the one row of blog settings (the disclaimer).

Rows are written through ``blog.services`` (the admin, the launch-post loader), which
renders and sanitises the Markdown once and computes the reading time, so pages never
render Markdown per request.
"""

from __future__ import annotations

import math
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

WORDS_PER_MINUTE = 220
# Paths under /blog/ that a post's slug must not shadow.
RESERVED_SLUGS = frozenset({"feed", "preview", "tag", "tags", "page"})

# The settings row is read on every post page, so it is cached until staff save it.
SETTINGS_CACHE_KEY = "blog:settings:v1"

DEFAULT_DISCLAIMER = (
    "The views in this article are its author's own and are not necessarily those of "
    "Model Craft Academy. It is written for educational purposes only and comes with no "
    "guarantee that it is accurate, complete or current: check anything important against "
    "primary sources before you rely on it."
)


def slug_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(f"'{value}' is reserved for a blog page; choose another slug.")


def reading_minutes(word_count: int) -> int:
    """Minutes to read ``word_count`` words at an unhurried pace; never less than one."""
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('blog:post_list')}?tag={self.slug}"


class PostQuerySet(models.QuerySet):
    def published(self, *, now: datetime | None = None):
        """Visible to the public: published or scheduled, and its time has come.

        A scheduled post therefore appears by itself at ``publish_at``; no job flips it.
        """
        return self.filter(
            status__in=[Post.Status.PUBLISHED, Post.Status.SCHEDULED],
            publish_at__lte=now or timezone.now(),
        )


class Post(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        validators=[slug_not_reserved],
        help_text="The post's address under /blog/. Changing it breaks existing links.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="blog_posts",
        limit_choices_to={"is_staff": True},
        help_text="Shown with their display name (full name on the user).",
    )
    summary = models.TextField(
        max_length=400, help_text="One or two sentences for the list, the feed and link previews."
    )
    body = models.TextField(help_text="Markdown. Scripts and unsafe HTML are removed on save.")
    body_html = models.TextField(blank=True, editable=False)
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    cover_image = models.ImageField(upload_to="blog/covers/%Y/", blank=True)
    cover_alt = models.CharField(
        "cover alt text",
        max_length=200,
        blank=True,
        help_text="What the cover shows, for people who cannot see it. Required with a cover.",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="Scheduled posts appear at this time; published posts show it as their date.",
    )
    related_course = models.ForeignKey(
        "courseware.Course",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="blog_posts",
        help_text="The programme the post's call to action leads to.",
    )
    view_count = models.PositiveIntegerField("views", default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        indexes = [models.Index(fields=["status", "publish_at"], name="blog_post_visible_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(publish_at__isnull=False),
                name="blog_post_public_has_publish_at",
            ),
            models.CheckConstraint(
                condition=models.Q(cover_image="") | ~models.Q(cover_alt=""),
                name="blog_post_cover_has_alt",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("blog:post_detail", kwargs={"slug": self.slug})

    def get_preview_url(self) -> str:
        return reverse("blog:post_preview", kwargs={"pk": self.pk})

    def is_visible(self, now: datetime | None = None) -> bool:
        """The same rule as ``PostQuerySet.published``, for one loaded post."""
        return (
            self.status in (self.Status.PUBLISHED, self.Status.SCHEDULED)
            and self.publish_at is not None
            and self.publish_at <= (now or timezone.now())
        )

    @property
    def reading_time(self) -> str:
        return f"{self.reading_minutes} min read"

    def clean(self) -> None:
        if self.cover_image and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": "Describe the cover image for screen readers."})
        if self.status == self.Status.SCHEDULED and self.publish_at is None:
            raise ValidationError({"publish_at": "A scheduled post needs a publish time."})


class BlogSettings(models.Model):
    """The blog's site-wide settings: exactly one row (id 1, created by a migration),
    edited in the admin."""

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID, editable=False)
    disclaimer = models.TextField(
        default=DEFAULT_DISCLAIMER,
        help_text="Shown at the end of every post. Plain text; blank lines start new paragraphs.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "blog settings"
        verbose_name_plural = "blog settings"
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="blog_settings_singleton")
        ]

    def __str__(self) -> str:
        return "Blog settings"
