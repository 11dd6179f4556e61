"""A problem found in a content file, reported as ``path:LINE: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the folder being read (such as content/), with forward slashes
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class Problems(list):
    """Collects every problem in a run, so authors see all of them at once."""

    def add(self, path: str, line: int, message: str) -> None:
        self.append(Problem(path, max(int(line), 1), message))
