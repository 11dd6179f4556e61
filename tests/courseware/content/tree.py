"""Build content trees for tests: a valid curriculum that tests then break or change."""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from courseware.content.hours import hours_from_minutes

_MINUTES_RE = re.compile(r"^estimated_minutes: (\d+)$", re.MULTILINE)
_HOURS_RE = re.compile(r"^estimated_hours: \d+$", re.MULTILINE)

COURSE = """\
---
title: {title}
subtitle: A subtitle
summary: A short summary of the course.
level: beginner
estimated_hours: 1
order: {order}
pass_mark: 70
outcomes:
  - do a useful thing
careers:
  - Data scientist
---
The landing page body. Start with [the first module](modules/01-{first}.md).
"""

MODULE = """\
---
title: {title}
summary: What the module {slug} is about.
objectives:
  - understand something
estimated_minutes: {minutes}
---
Intro paragraph for {slug}.

## First heading

Some text.

```quiz
id: q-one
type: single
question: |
  What is $1 + 1$?
choices:
  - text: "2"
    correct: true
  - text: "3"
explanation: |
  SECRET-EXPLANATION-{slug}: one plus one is two.
```

## Second heading

More text.
"""

EXERCISE = """\
---
title: Add two numbers
module: {module}
order: 1
entry: add
points: 2
imports: [numpy]
estimated_minutes: 20
---
Write `add(a, b)` that returns the sum.
"""

# Loadable by the grader: two one-point cases, matching ``points: 2`` above.
CASES = """\
from grader.cases import Case

CASES_MARKER = 1


def cases(rng, reference):
    yield Case("small numbers", args=(1, 2), expected=reference(1, 2), visible=True)
    a, b = -int(rng.integers(1, 10)), int(rng.integers(1, 10))  # drawn per submission
    yield Case("negative numbers", args=(a, b), expected=reference(a, b))
"""


class ContentTree:
    def __init__(self, root: Path):
        self.root = Path(root)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if text.startswith("\n") else text)
        parts = Path(relative).parts
        if len(parts) > 3 and parts[0] == "courses" and path.name != "course.md":
            self._hours_fit(parts[1])  # a module or exercise changed the course's minutes
        return path

    def read(self, relative: str) -> str:
        return (self.root / relative).read_text()

    def remove(self, relative: str) -> None:
        path = self.root / relative
        if path.is_dir():
            for child in sorted(path.rglob("*"), reverse=True):
                child.rmdir() if child.is_dir() else child.unlink()
            path.rmdir()
        else:
            path.unlink()

    def course(
        self, slug: str, *, title: str = "Course", order: int = 1, first: str = "first-steps"
    ) -> ContentTree:
        text = COURSE.format(title=title, order=order, first=first)
        self.write(f"courses/{slug}/course.md", text)
        return self._hours_fit(slug)

    def _hours_fit(self, course: str) -> ContentTree:
        course_hours_fit(self.root / "courses" / course)
        return self

    def module(
        self, course: str, name: str, *, title: str | None = None, minutes: int = 30, body=None
    ) -> ContentTree:
        slug = name.split("-", 1)[1]
        text = MODULE.format(
            title=title or slug.replace("-", " ").title(), slug=slug, minutes=minutes
        )
        if body is not None:
            text = text.split("---\n", 2)
            text = f"---\n{text[1]}---\n{body}"
        self.write(f"courses/{course}/modules/{name}.md", text)
        return self

    def exercise(self, course: str, slug: str, *, module: str = "first-steps") -> ContentTree:
        base = f"courses/{course}/exercises/{slug}"
        self.write(f"{base}/exercise.md", EXERCISE.format(module=module))
        self.write(f"{base}/starter.py", "def add(a, b):\n    return 0\n")
        self.write(
            f"{base}/solution.py", "SOLUTION_MARKER = 1\n\ndef add(a, b):\n    return a + b\n"
        )
        self.write(f"{base}/cases.py", CASES)
        return self

    def with_defaults(self) -> ContentTree:
        self.course("alpha", title="Alpha Course", order=1)
        self.module("alpha", "01-first-steps", title="First steps")
        self.module("alpha", "02-next-steps", title="Next steps")
        self.exercise("alpha", "add-numbers")
        self.course("beta", title="Beta Course", order=2, first="basics")
        self.module("beta", "01-basics", title="Basics")
        return self


def course_hours_fit(folder: Path) -> None:
    """Set course.md's estimated_hours to what the course's modules and exercises add up
    to, as validation requires: for a test tree, or a copy of part of a real course."""
    path = folder / "course.md"
    if not path.is_file():
        return
    files = [*folder.glob("modules/*.md"), *folder.glob("exercises/*/exercise.md")]
    minutes = sum(int(m) for f in files for m in _MINUTES_RE.findall(f.read_text())[:1])
    hours = hours_from_minutes(minutes)
    path.write_text(_HOURS_RE.sub(f"estimated_hours: {hours}", path.read_text(), count=1))


def sync(*args: str) -> tuple[str, str]:
    """Run sync_content; return (stdout, stderr). Raises CommandError on problems."""
    out, err = io.StringIO(), io.StringIO()
    call_command("sync_content", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def sync_problems(*args: str) -> list[str]:
    """Run sync_content expecting failure; return the problem lines it printed."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("sync_content", *args, stdout=out, stderr=err)
    except CommandError:
        return err.getvalue().splitlines()
    raise AssertionError(f"sync_content succeeded unexpectedly:\n{out.getvalue()}")
