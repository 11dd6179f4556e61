"""A course's estimated_hours must be what its modules and exercises add up to; the
course page shows how the figure is made up."""

import pytest

from courseware.content.hours import StudyTime, hours_from_minutes
from tests.courseware.content.tree import sync, sync_problems

COURSE = "courses/alpha/course.md"


def test_hours_round_to_the_nearest_with_halves_up_and_never_below_one():
    assert [hours_from_minutes(m) for m in (1, 29, 89, 90, 149, 150, 1235)] == [
        1, 1, 1, 2, 2, 3, 21,
    ]  # fmt: skip
    time = StudyTime(reading_minutes=815, exercise_minutes=420, modules=7, exercises=14)
    assert (time.hours, time.reading, time.exercising) == (21, "13 h 35 min", "7 h")


@pytest.mark.django_db
def test_a_wrong_estimate_is_reported_with_how_the_figure_is_made_up(tree):
    # alpha: two 30-minute modules and a 20-minute exercise, 80 minutes: about 1 hour.
    text = tree.read(COURSE).replace("estimated_hours: 1\n", "estimated_hours: 60\n")
    tree.write(COURSE, text)
    assert sync_problems() == [
        f"{COURSE}:6: 'estimated_hours' is 60, but the course adds up to 1: 60 minutes of "
        "reading (2 module(s)) + 20 minutes of exercises (1 exercise(s)) = 80 minutes, "
        "about 1 hour(s); set it to 1"
    ]


@pytest.mark.django_db
def test_exercise_minutes_count_towards_the_hours(tree):
    path = "courses/alpha/exercises/add-numbers/exercise.md"
    tree.write(path, tree.read(path).replace("estimated_minutes: 20", "estimated_minutes: 100"))
    # The tree keeps estimated_hours in step when a helper writes; put the old figure back.
    tree.write(COURSE, tree.read(COURSE).replace("estimated_hours: 3\n", "estimated_hours: 1\n"))
    (problem,) = sync_problems()
    assert "adds up to 3: 60 minutes of reading" in problem and "160 minutes" in problem


@pytest.mark.django_db
def test_the_estimate_is_not_checked_while_a_module_does_not_load(tree):
    module = "courses/alpha/modules/01-first-steps.md"
    tree.write(module, tree.read(module).replace("estimated_minutes: 30", "estimated_minutes: x"))
    problems = sync_problems()
    assert len(problems) == 1 and "estimated_hours" not in problems[0]


@pytest.mark.django_db
def test_the_course_page_shows_reading_and_exercise_time(client, tree):
    sync()
    page = client.get("/courses/alpha/").content.decode()
    assert 'About 1 hour<span class="study-time-parts">: 1 h reading, 20 min exercises' in page
