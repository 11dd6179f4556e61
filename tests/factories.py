"""factory_boy factories shared by the whole suite, and the test course's fixtures.

Courses, modules and exercises are backed by ``tests/fixtures/content``, whose exercise
folders the grader can load (point ``CONTENT_DIR`` there with the ``fixture_content``
fixture).
"""

from pathlib import Path

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from courseware.models import Course, Exercise, HintReveal, Module, Submission

PASSWORD = "correct horse battery staple"
FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
ADD_SOLUTION = "def add(a, b):\n    return a + b\n"
ADD_WRONG = "def add(a, b):\n    return a - b\n"
# Burns a few seconds of CPU at import, then answers correctly: for fault tests.
ADD_SLOW_SOLUTION = "total = sum(range(60_000_000))\n\n\ndef add(a, b):\n    return a + b\n"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"learner{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.save()
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=obj, email=obj.email, defaults={"verified": True, "primary": True}
        )


class StaffFactory(UserFactory):
    is_staff = True
    username = factory.Sequence(lambda n: f"staff{n}")


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
    source_path = "courses/test-course/exercises/add-numbers"


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A graded attempt. ``passed`` and ``failed`` set a finished result; by default
    the submission waits in the queue, as a fresh one does."""

    class Meta:
        model = Submission

    user = factory.SubFactory(UserFactory)
    exercise = factory.SubFactory(ExerciseFactory)
    kind = Submission.Kind.SUBMIT
    code = ADD_SOLUTION
    attempt = factory.Sequence(lambda n: n + 1)

    class Params:
        passed = factory.Trait(
            status=Submission.Status.PASSED,
            score=factory.LazyAttribute(lambda s: s.exercise.points),
            max_score=factory.LazyAttribute(lambda s: s.exercise.points),
            finished_at=factory.LazyFunction(timezone.now),
        )
        failed = factory.Trait(
            status=Submission.Status.FAILED,
            code=ADD_WRONG,
            score=0,
            max_score=factory.LazyAttribute(lambda s: s.exercise.points),
            finished_at=factory.LazyFunction(timezone.now),
        )


class TeachingExerciseFactory(ExerciseFactory):
    """An exercise with progressive hints, a stored reference solution and an explanation,
    as sync_content stores them (the HTML is what the renderer would make)."""

    hints_html = factory.LazyFunction(
        lambda: [
            "<p>HINT-ONE: what does <code>+</code> do?</p>",
            "<p>HINT-TWO: negative numbers add too.</p>",
            "<p>HINT-THREE: return the sum, do not print it.</p>",
        ]
    )
    solution_code = ADD_SOLUTION
    solution_html = (
        '<div class="highlight"><pre><span></span><code><span class="k">def</span> '
        '<span class="nf">add</span>(a, b):\n    <span class="k">return</span> '
        'a <span class="o">+</span> b  # SOLUTION-MARKER\n</code></pre></div>'
    )
    explanation_html = "<p>EXPLANATION-MARKER: one addition does it.</p>"


class HintRevealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HintReveal

    user = factory.SubFactory(UserFactory)
    exercise = factory.SubFactory(TeachingExerciseFactory)
    index = 0
