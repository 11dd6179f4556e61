"""A course's study time, made up the one way the course page and validation both use.

A course's ``estimated_hours`` is the sum of its modules' ``estimated_minutes`` (reading)
and its exercises' ``estimated_minutes`` (exercises, written parts included), in hours,
rounded to the nearest whole hour with halves rounded up (never below one).
"""

from __future__ import annotations

from dataclasses import dataclass


def hours_from_minutes(minutes: int) -> int:
    """Whole hours, halves up: 90 minutes is 2 hours, 89 is 1; at least 1."""
    return max(1, (minutes + 30) // 60)


def _hours_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not rest:
        return f"{hours} h"
    return f"{hours} h {rest} min" if hours else f"{rest} min"


@dataclass(frozen=True)
class StudyTime:
    reading_minutes: int
    exercise_minutes: int
    modules: int = 0
    exercises: int = 0

    @property
    def minutes(self) -> int:
        return self.reading_minutes + self.exercise_minutes

    @property
    def hours(self) -> int:
        return hours_from_minutes(self.minutes)

    @property
    def reading(self) -> str:
        return _hours_text(self.reading_minutes)

    @property
    def exercising(self) -> str:
        return _hours_text(self.exercise_minutes)

    def explanation(self) -> str:
        """How the figure is made up, for the problem a wrong estimated_hours gets."""
        return (
            f"{self.reading_minutes} minutes of reading ({self.modules} module(s)) + "
            f"{self.exercise_minutes} minutes of exercises ({self.exercises} exercise(s)) = "
            f"{self.minutes} minutes, about {self.hours} hour(s)"
        )
