"""Apply a validated plan to the database: upsert by slug, retire what was removed.

One transaction for the whole curriculum, so a failure leaves the site as it was. Rows
are only saved when a stored field differs, which makes a second run a no-op. Removed
content is retired (``is_retired``), never deleted, so learners' enrolments, answers
and submissions that point at it survive; content that comes back is revived.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction
from django.dispatch import Signal

from authoring.problems import Problems
from courseware.caching import content_version_bump
from courseware.models import Course, Exercise, Module, Question

from .plan import CourseSpec, ModuleSpec, Plan
from .validate import content_load

KINDS = ("courses", "modules", "questions", "exercises")

# Sent inside the sync's transaction after every apply, changed or not, with the
# ``report``: what keeps a copy of the curriculum (the search index) brings it up to date.
curriculum_synced = Signal()


class ContentInvalid(Exception):
    def __init__(self, problems: Problems):
        super().__init__(f"{len(problems)} problem(s) in the content")
        self.problems = problems


@dataclass
class SyncReport:
    created: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})
    updated: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})
    retired: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))

    @property
    def changed(self) -> bool:
        return any(self.created[k] or self.updated[k] or self.retired[k] for k in KINDS)

    def summary_lines(self) -> list[str]:
        return [
            f"{kind}: {len(self.created[kind])} created, {len(self.updated[kind])} updated, "
            f"{len(self.retired[kind])} retired, {self.unchanged[kind]} unchanged"
            for kind in KINDS
        ]

    def detail_lines(self, *, include_created: bool = True) -> list[str]:
        lines = []
        buckets = [("created", self.created)] if include_created else []
        for verb, bucket in [*buckets, ("updated", self.updated)]:
            lines += [f"  {verb} {kind[:-1]} {label}" for kind in KINDS for label in bucket[kind]]
        lines += [f"  retired {k[:-1]} {label}" for k in KINDS for label in self.retired[k]]
        return lines


def _differs(obj: models.Model, values: dict) -> bool:
    for name, value in values.items():
        if isinstance(value, models.Model):
            if getattr(obj, f"{name}_id") != value.pk:
                return True
        elif getattr(obj, name) != value:
            return True
    return False


def _upsert(
    model: type[models.Model],
    *,
    current: models.Model | None,
    lookup: dict,
    values: dict,
    report: SyncReport,
    kind: str,
    label: str,
) -> models.Model:
    """Create the row (``lookup`` + ``values``) or bring ``current`` up to date.

    A row is saved only when a value differs or it was retired, so a second sync is a
    no-op; ``label`` names it in the report under ``kind``.
    """
    if current is None:
        report.created[kind].append(label)
        return model.objects.create(**lookup, **values)
    if _differs(current, values) or current.is_retired:
        for name, value in values.items():
            setattr(current, name, value)
        current.is_retired = False
        current.save()
        report.updated[kind].append(label)
    else:
        report.unchanged[kind] += 1
    return current


def _retire(queryset, report: SyncReport, kind: str, label) -> None:
    for obj in queryset.filter(is_retired=False):
        report.retired[kind].append(label(obj))
    queryset.filter(is_retired=False).update(is_retired=True)


def _course_values(spec: CourseSpec) -> dict:
    names = ("title", "subtitle", "summary", "level", "estimated_hours", "order", "outcomes")
    names += ("careers", "pass_mark", "body_html", "source_path")
    values = {name: getattr(spec, name) for name in names}
    glossary = spec.glossary
    values["glossary_title"] = glossary.title if glossary else ""
    values["glossary_summary"] = glossary.summary if glossary else ""
    values["glossary_html"] = glossary.body_html if glossary else ""
    return values


def _module_values(spec: ModuleSpec, course: Course) -> dict:
    names = ("order", "title", "summary", "objectives", "estimated_minutes", "body_html")
    values = {name: getattr(spec, name) for name in names + ("toc_html", "source_path")}
    return {"course": course, **values}


@transaction.atomic
def plan_apply(plan: Plan) -> SyncReport:
    report = SyncReport()
    courses = {c.slug: c for c in Course.objects.select_for_update()}
    for spec in plan.courses:
        course = _upsert(
            Course,
            current=courses.get(spec.slug),
            lookup={"slug": spec.slug},
            values=_course_values(spec),
            report=report,
            kind="courses",
            label=spec.slug,
        )
        _modules_apply(spec, course, report)
    _retire(
        Course.objects.exclude(slug__in=[c.slug for c in plan.courses]),
        report,
        "courses",
        lambda c: c.slug,
    )
    _retire(
        Module.objects.filter(course__is_retired=True),
        report,
        "modules",
        lambda m: f"{m.course.slug}/{m.slug}",
    )
    _retire(
        Exercise.objects.exclude(
            slug__in=[e.slug for c in plan.courses for e in c.exercises]
        ).select_related("course"),
        report,
        "exercises",
        lambda e: e.slug,
    )
    curriculum_synced.send(sender=Plan, report=report)
    if report.changed:
        content_version_bump()
    return report


def _modules_apply(spec: CourseSpec, course: Course, report: SyncReport) -> None:
    existing = {m.slug: m for m in course.modules.all()}
    modules: dict[str, Module] = {}
    for module_spec in spec.modules:
        label = f"{spec.slug}/{module_spec.slug}"
        module = _upsert(
            Module,
            current=existing.get(module_spec.slug),
            lookup={"slug": module_spec.slug},
            values=_module_values(module_spec, course),
            report=report,
            kind="modules",
            label=label,
        )
        modules[module.slug] = module
        questions = {q.key: q for q in module.questions.all()}
        for q in module_spec.questions:
            values = {
                "order": q.order,
                "kind": q.kind,
                "prompt_html": q.prompt_html,
                "choices": q.choices,
                "correct": q.correct,
                "explanation_html": q.explanation_html,
            }
            _upsert(
                Question,
                current=questions.get(q.key),
                lookup={"module": module, "key": q.key},
                values=values,
                report=report,
                kind="questions",
                label=f"{label}#{q.key}",
            )
        _retire(
            module.questions.exclude(key__in=[q.key for q in module_spec.questions]),
            report,
            "questions",
            lambda q, label=label: f"{label}#{q.key}",
        )
    _retire(
        course.modules.exclude(slug__in=list(modules)),
        report,
        "modules",
        lambda m: f"{spec.slug}/{m.slug}",
    )
    exercises = {
        e.slug: e for e in Exercise.objects.filter(slug__in=[e.slug for e in spec.exercises])
    }
    for ex in spec.exercises:
        values = {
            "course": course,
            "module": modules[ex.module_slug],
            "order": ex.order,
            "title": ex.title,
            "summary": ex.summary,
            "prompt_html": ex.prompt_html,
            "starter_code": ex.starter_code,
            "points": ex.points,
            "pass_mark": ex.pass_mark,
            "source_path": ex.source_path,
            "hints_html": ex.hints_html,
            "solution_code": ex.solution_code,
            "solution_html": ex.solution_html,
            "explanation_html": ex.explanation_html,
            "estimated_minutes": ex.estimated_minutes,
            "written": ex.written,
        }
        _upsert(
            Exercise,
            current=exercises.get(ex.slug),
            lookup={"slug": ex.slug},
            values=values,
            report=report,
            kind="exercises",
            label=ex.slug,
        )


def content_sync(*, content_dir: Path, check: bool = False) -> tuple[Plan, SyncReport | None]:
    """Validate the curriculum and, unless ``check``, load it. Raises ContentInvalid."""
    plan, problems = content_load(content_dir)
    if problems:
        raise ContentInvalid(problems)
    if check:
        return plan, None
    return plan, plan_apply(plan)
