"""Prove every exercise under several seeds: its reference solution gets full marks, and
its starter and every wrong solution in its wrong/ folder (at least three) do not, for
every draw of the hidden cases."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Grade each exercise's solution.py, starter.py and wrong/*.py through the real "
        "sandbox: only the solution may get full marks."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="only these exercises (default: all)")
        parser.add_argument(
            "--seeds",
            type=int,
            default=None,
            help="how many draws of the hidden cases to prove (default: 5; the first is SEED)",
        )
        parser.add_argument(
            "--warm",
            action="store_true",
            help="grade every submission through a warm sandbox (the pool's path)",
        )

    def handle(self, *args, slugs, seeds=None, warm=False, **options):
        import grader
        from grader import pool
        from grader.proving import DEFAULT_SEEDS, prove_all

        if seeds is not None and seeds < 1:
            raise CommandError("--seeds must be at least 1")
        if warm:  # each grade starts a warm sandbox, waits for it, then hands it the code
            pool.start(pool.OnDemand())

        failures = 0
        try:
            for proof in prove_all(settings.CONTENT_DIR, slugs, seeds or DEFAULT_SEEDS):
                mark = "ok  " if proof.ok else "FAIL"
                style = self.style.SUCCESS if proof.ok else self.style.ERROR
                self.stdout.write(style(f"{mark} {proof.slug}: {proof.lines[0]}"))
                for line in proof.lines[1:]:
                    self.stdout.write(f"       {line}")
                failures += not proof.ok
        except grader.SandboxUnavailable as exc:
            raise CommandError(f"Grading cannot run here: {exc}") from exc
        except grader.ExerciseError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            if warm:
                pool.stop()
        if failures:
            raise CommandError(f"{failures} exercise(s) failed the check")
        self.stdout.write(self.style.SUCCESS("All exercises proved."))
