"""Load the launch posts in ``content/blog/*.md`` into the database, idempotently.

Each file is front matter (title, slug, summary, tags, related_course, author,
published) and a Markdown body. Posts are upserted by slug and saved through
``services.post_write``, so they are rendered and sanitised like posts from the admin.
A post that already exists keeps its status and view count: if staff unpublished a
launch post, loading the files again does not bring it back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.services import staff_author_get_or_create
from authoring.frontmatter import document_parse
from authoring.problems import Problems
from courseware.models import Course

from . import services
from .models import Post

REQUIRED_KEYS = ("title", "slug", "summary", "author", "published")
# Launch posts go out in the morning, UTC, on the date their front matter gives.
PUBLISH_HOUR = 8
# A post names its author ("Editorial team"), not an account. The account that signs it
# gets an address in the reserved .invalid domain: no mailbox has one, so nobody can prove
# it is theirs.
AUTHOR_EMAIL = "{}@staff.invalid"


class LaunchPostsInvalid(Exception):
    def __init__(self, problems: Problems):
        super().__init__(f"{len(problems)} problem(s) in the launch posts")
        self.problems = problems


@dataclass
class LaunchPost:
    path: str
    title: str
    slug: str
    summary: str
    author: str
    publish_at: dt.datetime
    body: str
    tags: list[str] = field(default_factory=list)
    related_course: str = ""


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _publish_at(value, path: str, line: int, problems: Problems) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, PUBLISH_HOUR, tzinfo=dt.UTC)
    problems.add(path, line, "published must be a date such as 2025-03-04")
    return None


def launch_posts_read(directory: Path) -> list[LaunchPost]:
    """Parse every ``*.md`` file; raise ``LaunchPostsInvalid`` listing all problems."""
    problems = Problems()
    posts: list[LaunchPost] = []
    for file in sorted(directory.glob("*.md")):
        if file.name.lower() == "readme.md":
            continue
        path = file.name
        doc = document_parse(file.read_text(encoding="utf-8"), path=path, problems=problems)
        if doc is None:
            continue
        data = doc.meta.data
        missing = [key for key in REQUIRED_KEYS if not data.get(key)]
        for key in missing:
            problems.add(path, doc.meta.line(), f"front matter needs '{key}'")
        if missing:
            continue
        if slugify(str(data["slug"])) != data["slug"]:
            problems.add(path, doc.meta.line("slug"), "slug must be lower-case words and hyphens")
            continue
        tags = data.get("tags") or []
        if not isinstance(tags, list):
            problems.add(path, doc.meta.line("tags"), "tags must be a list")
            continue
        publish_at = _publish_at(data["published"], path, doc.meta.line("published"), problems)
        if publish_at is None:
            continue
        posts.append(
            LaunchPost(
                path=path,
                title=str(data["title"]),
                slug=data["slug"],
                summary=" ".join(str(data["summary"]).split()),
                author=str(data["author"]),
                publish_at=publish_at,
                body=doc.body.strip() + "\n",
                tags=[str(t) for t in tags],
                related_course=str(data.get("related_course") or ""),
            )
        )
    slugs = [p.slug for p in posts]
    for post in posts:
        if slugs.count(post.slug) > 1:
            problems.add(post.path, 1, f"slug '{post.slug}' is used by more than one file")
    if problems:
        raise LaunchPostsInvalid(problems)
    return posts


@transaction.atomic
def launch_posts_load(*, directory: Path) -> LoadReport:
    report = LoadReport()
    for spec in launch_posts_read(directory):
        course = None
        if spec.related_course:
            course = Course.objects.live().filter(slug=spec.related_course).first()
            if course is None:
                report.warnings.append(
                    f"{spec.path}: course '{spec.related_course}' is not loaded "
                    "(run sync_content first); the post links to the catalogue instead"
                )
        tags = [services.tag_get_or_create(name=name) for name in spec.tags]
        author = staff_author_get_or_create(
            email=AUTHOR_EMAIL.format(slugify(spec.author)), full_name=spec.author
        )
        post = Post.objects.filter(slug=spec.slug).first()
        created = post is None
        if created:
            post = Post(slug=spec.slug, status=Post.Status.PUBLISHED)
        wanted = {
            "title": spec.title,
            "summary": spec.summary,
            "body": spec.body,
            "author_id": author.pk,
            "publish_at": spec.publish_at,
            "related_course_id": course.pk if course else None,
        }
        changed = created or any(getattr(post, k) != v for k, v in wanted.items())
        if changed:
            for key, value in wanted.items():
                setattr(post, key, value)
            services.post_write(post=post)
        if created or {t.pk for t in tags} != set(post.tags.values_list("pk", flat=True)):
            post.tags.set(tags)
            changed = True
        if created:
            report.created.append(spec.slug)
        elif changed:
            report.updated.append(spec.slug)
        else:
            report.unchanged.append(spec.slug)
    return report
