"""``manage.py sync_content [--check]``: validate and load the curriculum."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courseware.content.sync import ContentInvalid, content_sync


class Command(BaseCommand):
    help = (
        "Validate every file under CONTENT_DIR and load it into the database (upsert by "
        "slug, retire what was removed, pre-render HTML). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only validate: report every problem and leave the database untouched.",
        )

    def handle(self, *args, check: bool = False, **options):
        content_dir = Path(settings.CONTENT_DIR)
        try:
            plan, report = content_sync(content_dir=content_dir, check=check)
        except ContentInvalid as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(exc.problems)} problem(s) found in {content_dir.name}/; "
                "the database was not changed."
            ) from exc
        modules = sum(len(c.modules) for c in plan.courses)
        exercises = sum(len(c.exercises) for c in plan.courses)
        counts = f"{len(plan.courses)} course(s), {modules} module(s), {exercises} exercise(s)"
        if report is None:
            for line in _fixed_exercise_lines(plan, content_dir):
                self.stdout.write(line)
            self.stdout.write(self.style.SUCCESS(f"Content is valid: {counts}."))
            return
        verbosity = options["verbosity"]
        if verbosity == 0:
            return
        for line in report.summary_lines():
            self.stdout.write(line)
        # Updates and retirements are listed by name; a first load's creations only on -v 2.
        for line in report.detail_lines(include_created=verbosity > 1):
            self.stdout.write(line)
        outcome = "Content synced" if report.changed else "Content already up to date"
        self.stdout.write(self.style.SUCCESS(f"{outcome}: {counts}."))


def _fixed_exercise_lines(plan, content_dir: Path) -> list[str]:
    """Which exercises give every submission the same hidden cases (all or some of them).

    Fixed hidden cases can be learnt by probing with constant guesses; the others are
    drawn afresh per submission (content/README.md, "Hidden cases").
    """
    import grader

    fixed, partly = [], []
    for course in plan.courses:
        for spec in course.exercises:
            exercise = grader.load_exercise(content_dir / spec.source_path)
            hidden = [c for c in exercise.cases if not c.visible]
            if not hidden:
                continue
            if exercise.fixed:
                fixed.append(exercise.slug)
            elif exercise.unvaried:
                partly.append(f"{exercise.slug} ({len(exercise.unvaried)} of {len(hidden)})")
    lines = []
    if fixed:
        lines.append(f"Exercises with fixed hidden cases: {', '.join(sorted(fixed))}.")
    if partly:
        lines.append(
            "Exercises with some hidden cases that never vary: " + ", ".join(sorted(partly)) + "."
        )
    return lines
