"""Exceptions shared across the grader (no heavy imports, no Django)."""


class GraderError(Exception):
    """Base class for errors raised by the grader itself, never for a learner's mistake."""


class SandboxUnavailable(GraderError):
    """No sandbox could be made here: an infrastructure fault, so callers retry later.

    The message says what to install or configure. A learner's code is never the cause.
    """


class ExerciseError(GraderError):
    """An exercise folder is malformed (front matter, cases, points): an author's fault."""
