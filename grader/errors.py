"""Exceptions shared across the grader (no heavy imports, no Django)."""


class GraderError(Exception):
    """Base class for errors raised by the grader itself, never for a learner's mistake."""


class SandboxUnavailable(GraderError):
    """No sandbox could be made here: an infrastructure fault, so callers retry later.

    The message says what to install or configure. A learner's code is never the cause.
    """


class ExerciseError(GraderError):
    """An exercise folder is malformed (front matter, cases, points): an author's fault.

    ``path`` is the absolute path of the file at fault (or of the folder, when its name
    is), ``line`` its 1-based line when one is known. ``str()`` reads ``path:line:
    message`` so a log line or a command's output names the file; ``args[0]`` is the
    bare message, for callers that show the path and line themselves.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.path = path
        self.line = line

    def __str__(self) -> str:
        message = super().__str__()
        if self.path is None:
            return message
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {message}"

    def __reduce__(self):
        # The default pickling calls cls(*args) and would drop the keyword-only location.
        return (_exercise_error, (self.args[0], self.path, self.line))


def _exercise_error(message, path, line):
    return ExerciseError(message, path=path, line=line)
