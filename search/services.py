"""Writes to the search index. Only these functions write ``Document`` rows.

``curriculum_index_sync`` runs inside every ``sync_content`` apply and
``post_index_sync`` on every post save (``search.receivers``); ``index_rebuild`` does
both for everything, for ``manage.py search_reindex``. Each compares what the index
should hold with what it holds and writes only the difference, so a sync that changed
nothing writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from blog.models import Post
from courseware.models import Exercise, Module

from .documents import breadcrumb, sections_split, text_of
from .highlight import index_text
from .models import Document

# The fields a sync compares and writes; the rest are identity or bookkeeping.
_FIELDS = ("kind", "module", "exercise", "post", "title", "breadcrumb", "url", "body")
_FIELDS += ("position", "publish_at")
BLOG_BREADCRUMB = "Blog"


@dataclass(frozen=True)
class IndexReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0


def _module_documents(module: Module) -> list[Document]:
    course = module.course
    intro = index_text(" ".join([module.summary, *module.objectives]))
    url = module.get_absolute_url()
    module_crumb = breadcrumb(course.title, f"Module {module.order}: {module.title}")
    documents = []
    for position, section in enumerate(
        sections_split(title=index_text(module.title), intro=intro, body_html=module.body_html)
    ):
        documents.append(
            Document(
                key=f"section:{module.pk}#{section.anchor}",
                kind=Document.Kind.SECTION,
                module=module,
                title=section.title,
                breadcrumb=breadcrumb(module_crumb, section.parent)
                if section.anchor
                else course.title,
                url=f"{url}#{section.anchor}" if section.anchor else url,
                body=section.text,
                position=module.order * 1000 + position,
            )
        )
    return documents


def _exercise_document(exercise: Exercise) -> Document:
    module = exercise.module
    return Document(
        key=f"exercise:{exercise.pk}",
        kind=Document.Kind.EXERCISE,
        exercise=exercise,
        title=index_text(exercise.title),
        breadcrumb=breadcrumb(exercise.course.title, f"Module {module.order}: {module.title}"),
        url=exercise.get_absolute_url(),
        body=" ".join(
            part for part in (index_text(exercise.summary), text_of(exercise.prompt_html)) if part
        ),
        position=module.order * 1000 + exercise.order,
    )


def _post_document(post: Post) -> Document:
    return Document(
        key=f"post:{post.pk}",
        kind=Document.Kind.POST,
        post=post,
        title=index_text(post.title),
        breadcrumb=BLOG_BREADCRUMB,
        url=post.get_absolute_url(),
        body=" ".join(part for part in (index_text(post.summary), text_of(post.body_html)) if part),
        publish_at=post.publish_at,
    )


def _differs(current: Document, wanted: Document) -> bool:
    for name in _FIELDS:
        field = Document._meta.get_field(name)
        if getattr(current, field.attname) != getattr(wanted, field.attname):
            return True
    return False


def _apply(existing, wanted: list[Document]) -> IndexReport:
    """Make the rows in ``existing`` (a queryset) exactly ``wanted``, matched by key."""
    current = {doc.key: doc for doc in existing}
    wanted_keys = {doc.key for doc in wanted}
    stale = [doc.pk for key, doc in current.items() if key not in wanted_keys]
    create, update = [], []
    for doc in wanted:
        old = current.get(doc.key)
        if old is None:
            create.append(doc)
        elif _differs(old, doc):
            for name in _FIELDS:
                attname = Document._meta.get_field(name).attname
                setattr(old, attname, getattr(doc, attname))
            update.append(old)
    if stale:
        Document.objects.filter(pk__in=stale).delete()
    if create:
        Document.objects.bulk_create(create)
    if update:
        # auto_now is not applied by bulk_update; save() keeps it honest and fires
        # the database's own index upkeep one row at a time, as an insert does.
        for doc in update:
            doc.save()
    return IndexReport(created=len(create), updated=len(update), deleted=len(stale))


@transaction.atomic
def curriculum_index_sync() -> IndexReport:
    """Index every live module's sections and every live exercise; drop what was retired.

    Retired content (and content of retired courses) is never found: its rows go.
    """
    modules = Module.objects.live().select_related("course").order_by("course__order", "order")
    exercises = Exercise.objects.live().select_related("course", "module")
    wanted = [doc for module in modules for doc in _module_documents(module)]
    wanted += [_exercise_document(exercise) for exercise in exercises]
    existing = Document.objects.filter(kind__in=[Document.Kind.SECTION, Document.Kind.EXERCISE])
    return _apply(existing, wanted)


@transaction.atomic
def post_index_sync(*, post: Post) -> IndexReport:
    """Index a saved post, or drop it from the index when it is a draft.

    A scheduled post is indexed with its publish time and found only once it is public,
    like the blog itself (``Document.objects.public``).
    """
    existing = Document.objects.filter(post=post)
    if post.status == Post.Status.DRAFT or post.publish_at is None:
        return _apply(existing, [])
    return _apply(existing, [_post_document(post)])


@transaction.atomic
def index_rebuild() -> IndexReport:
    """Bring the whole index up to date: the curriculum and every post."""
    report = curriculum_index_sync()
    created, updated, deleted = report.created, report.updated, report.deleted
    posts = Post.objects.exclude(status=Post.Status.DRAFT).filter(publish_at__isnull=False)
    wanted = [_post_document(post) for post in posts]
    post_report = _apply(Document.objects.filter(kind=Document.Kind.POST), wanted)
    return IndexReport(
        created=created + post_report.created,
        updated=updated + post_report.updated,
        deleted=deleted + post_report.deleted,
    )
