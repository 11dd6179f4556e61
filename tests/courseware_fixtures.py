"""Courses, modules and exercises for tests, backed by tests/fixtures/content."""

from pathlib import Path

import factory

from courseware.models import Course, Exercise, Module

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
ADD_SOLUTION = "def add(a, b):\n    return a + b\n"
ADD_WRONG = "def add(a, b):\n    return a - b\n"
# Burns a few seconds of CPU at import, then answers correctly: for fault tests.
ADD_SLOW_SOLUTION = "total = sum(range(60_000_000))\n\n\ndef add(a, b):\n    return a + b\n"


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        django_get_or_create = ("slug",)

    slug = "test-course"
    title = "Test Course"
    summary = "A tiny course that exists so tests can enrol, submit, complete and certify."
    level = Course.Level.BEGINNER
    estimated_hours = 1
    pass_mark = 50
    body_html = "<p>A course for tests.</p>"


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    course = factory.SubFactory(CourseFactory)
    slug = factory.Sequence(lambda n: f"module-{n}")
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Module {n}")
    summary = "A module for tests."
    estimated_minutes = 30
    body_html = "<p>Lesson.</p>"


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exercise

    module = factory.SubFactory(ModuleFactory)
    course = factory.LazyAttribute(lambda e: e.module.course)
    slug = factory.Sequence(lambda n: f"add-numbers-{n}")
    title = "Add two numbers"
    prompt_html = "<p>Write <code>add(a, b)</code>.</p>"
    starter_code = "def add(a, b):\n    return 0\n"
    points = 2
    pass_mark = 100
    time_limit_seconds = 5
    source_path = "courses/test-course/exercises/add-numbers"
