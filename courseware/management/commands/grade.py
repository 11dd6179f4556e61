"""Grade a file through the same sandbox as the site, or list the exercise slugs."""

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "grade --list | grade <exercise-slug> <file.py> [--visible-only]: print JSON."

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?")
        parser.add_argument("file", nargs="?")
        parser.add_argument(
            "--list", action="store_true", dest="list_slugs", help="print every exercise slug"
        )
        parser.add_argument("--visible-only", action="store_true", help="only visible cases")
        parser.add_argument(
            "--seed",
            type=int,
            default=None,
            help="draw the hidden cases as a submission with this seed did (default: SEED's)",
        )

    def handle(self, *args, slug, file, list_slugs, visible_only, seed=None, **options):
        import grader

        try:
            found = grader.discover_exercises(settings.CONTENT_DIR)
        except grader.ExerciseError as exc:
            raise CommandError(str(exc)) from exc
        if list_slugs:
            for name in sorted(found):
                self.stdout.write(name)
            return
        if not slug or not file:
            raise CommandError("usage: grade --list | grade <exercise-slug> <file.py>")
        if slug not in found:
            raise CommandError(f"no exercise named {slug!r} (see grade --list)")
        try:
            code = sys.stdin.read() if file == "-" else open(file, encoding="utf-8").read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        try:
            exercise = grader.load_exercise(found[slug])
            outcome = grader.grade(exercise, code, visible_only=visible_only, seed=seed)
        except (grader.SandboxUnavailable, grader.ExerciseError, ValueError) as exc:
            raise CommandError(f"Grading could not run: {exc}") from exc
        self.stdout.write(json.dumps(outcome, indent=2, allow_nan=False))  # standard JSON
        self.stderr.write(_sandbox_line(outcome))


def _sandbox_line(outcome) -> str:
    """Which sandbox graded, for the operator (stderr, so stdout stays one JSON object)."""
    if not outcome.get("sandboxed"):
        return "sandbox: NONE (GRADER_UNSAFE_NO_SANDBOX is on)"
    from grader import bwrap

    found = bwrap.describe()
    return f"sandbox: bubblewrap {found.get('version')} ({found['source']}, {found.get('path')})"
