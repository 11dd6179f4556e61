"""The curriculum as the site stores it.

Rows are written only by ``sync_content`` (``courseware.content``), which upserts by
slug from the files under ``content/`` and pre-renders HTML, so pages never render
Markdown per request. Removed content is *retired*, never deleted, so learners'
progress and submissions that point at it survive.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse

from grader.schema import pass_mark_met

from .strict_json import StrictJSONEncoder


class CourseQuerySet(models.QuerySet):
    def live(self):
        return self.filter(is_retired=False)


class Course(models.Model):
    class Level(models.TextChoices):
        BEGINNER = "beginner", "Beginner"
        INTERMEDIATE = "intermediate", "Intermediate"
        ADVANCED = "advanced", "Advanced"

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    subtitle = models.CharField(max_length=300, blank=True)
    summary = models.TextField()
    level = models.CharField(max_length=20, choices=Level.choices)
    estimated_hours = models.PositiveIntegerField()
    order = models.PositiveIntegerField(default=0)
    outcomes = models.JSONField(default=list, help_text="What this course helps you to do.")
    careers = models.JSONField(default=list, help_text="Career paths it leads to.")
    pass_mark = models.PositiveSmallIntegerField(
        help_text="Percentage of the course's exercise points needed for the certificate."
    )
    body_html = models.TextField(blank=True)
    source_path = models.CharField(max_length=500, blank=True)
    # The optional glossary page (glossary.md), rendered at sync; no title means none.
    glossary_title = models.CharField(max_length=200, blank=True)
    glossary_summary = models.TextField(blank=True)
    glossary_html = models.TextField(blank=True)
    is_retired = models.BooleanField(default=False)
    # Managed by staff in the admin, never overwritten by sync_content.
    enrolment_open = models.BooleanField(
        default=True, help_text="Untick to stop new enrolments; existing learners keep access."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("courseware:course_detail", kwargs={"course_slug": self.slug})

    @property
    def glossary_url(self) -> str | None:
        """The course's glossary page, when it has one (glossary.md)."""
        if not self.glossary_title:
            return None
        return reverse("courseware:glossary", kwargs={"course_slug": self.slug})


class ModuleQuerySet(models.QuerySet):
    def live(self):
        return self.filter(is_retired=False, course__is_retired=False)


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    slug = models.SlugField(max_length=100)
    order = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField()
    objectives = models.JSONField(default=list)
    estimated_minutes = models.PositiveIntegerField()
    body_html = models.TextField(blank=True)
    toc_html = models.TextField(blank=True)
    source_path = models.CharField(max_length=500, blank=True)
    is_retired = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ModuleQuerySet.as_manager()

    class Meta:
        ordering = ["course", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "slug"], name="module_unique_slug_per_course"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course.title}: {self.title}" if self.course_id else self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "courseware:module_detail",
            kwargs={"course_slug": self.course.slug, "module_slug": self.slug},
        )


class Question(models.Model):
    """A knowledge-check question embedded in a module. The correct choices stay on the
    server: pages show only the prompt and choices until the learner answers."""

    class Kind(models.TextChoices):
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Multiple choice"

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(max_length=100)
    order = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    prompt_html = models.TextField()
    # [{"key": "a", "html": "..."}, ...] in display order.
    choices = models.JSONField(default=list)
    # ["a", "c"]: the keys of the correct choices.
    correct = models.JSONField(default=list)
    explanation_html = models.TextField()
    is_retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["module", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "key"], name="question_unique_key_per_module"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module.slug}#{self.key}"


class QuestionResponse(models.Model):
    """A signed-in learner's latest answer to a knowledge-check question."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="question_responses"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="responses")
    selected = models.JSONField(default=list)
    is_correct = models.BooleanField()
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="one_response_per_question"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.question_id}"


class ExerciseQuerySet(models.QuerySet):
    def live(self):
        return self.filter(is_retired=False, module__is_retired=False, course__is_retired=False)


class Exercise(models.Model):
    """A graded coding exercise. Its test cases stay in its folder under ``content/``
    (``source_path``) and are read only by the grader. A copy of the reference solution
    is stored for learners who have passed ("how we solved it"); pages show it to no one
    else, and it never goes near the sandbox."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="exercises")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="exercises")
    slug = models.SlugField(max_length=100, unique=True)
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    prompt_html = models.TextField()
    starter_code = models.TextField()
    points = models.PositiveIntegerField()
    pass_mark = models.PositiveSmallIntegerField(
        default=100, help_text="Percentage of this exercise's points that counts as passed."
    )
    # Folder of the exercise, relative to settings.CONTENT_DIR.
    source_path = models.CharField(max_length=500)
    # Progressive hints from the front matter, each pre-rendered HTML, revealed in order.
    hints_html = models.JSONField(default=list, blank=True)
    # solution.py, as text and highlighted, and explanation.md rendered: only for learners
    # whose best score passes (``is_passed_with``).
    solution_code = models.TextField(blank=True)
    solution_html = models.TextField(blank=True)
    explanation_html = models.TextField(blank=True)
    # How long a learner should expect to spend, counted into the course's hours.
    estimated_minutes = models.PositiveIntegerField(default=0)
    # Written parts (a capstone's model card and memo), validated and with the prompt
    # rendered at sync: each {key, title, prompt_html, sections, min_words, max_words}.
    written = models.JSONField(default=list, blank=True)
    is_retired = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["module__order", "order", "slug"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "courseware:exercise_detail",
            kwargs={"course_slug": self.course.slug, "exercise_slug": self.slug},
        )

    def is_passed_with(self, best_score: int | None) -> bool:
        """Does this best score pass? The grader's one pass rule, never a rounded percent."""
        return pass_mark_met(score=best_score, max_score=self.points, pass_mark=self.pass_mark)


def submission_seed() -> int:
    """A new submission's seed: 63 random bits, so it fits a signed 64-bit column."""
    return secrets.randbits(63)


class SubmissionQuerySet(models.QuerySet):
    def graded_attempts(self):
        """Real submissions (not visible-test runs) whose grading has finished."""
        return self.filter(kind=Submission.Kind.SUBMIT, status__in=Submission.FINISHED)


class Submission(models.Model):
    """A learner's code for an exercise and, once graded, its result.

    Stored before it is queued, so it is never lost: if the broker is down the row
    waits as ``queued`` and the sweep queues it again. ``attempt`` numbers only real
    submissions; "Run visible tests" creates a ``run`` that is not an attempt.
    """

    class Kind(models.TextChoices):
        SUBMIT = "submit", "Submission"
        RUN = "run", "Visible tests run"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        PASSED = "passed", "Passed"
        FAILED = "failed", "Failed"
        ERROR = "error", "Error"

    FINISHED = (Status.PASSED, Status.FAILED, Status.ERROR)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="submissions")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SUBMIT)
    code = models.TextField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    score = models.PositiveIntegerField(null=True, blank=True)
    max_score = models.PositiveIntegerField(null=True, blank=True)
    # The grader's per-test results: a list of grader.schema.TestResult, strict JSON.
    feedback = models.JSONField(default=list, blank=True, encoder=StrictJSONEncoder)
    output = models.TextField(blank=True, help_text="What the learner's code printed (truncated).")
    error = models.TextField(blank=True, help_text="Why the code could not run, in plain words.")
    attempt = models.PositiveIntegerField(null=True, blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True, help_text="The worker that graded it.")
    # How many times grading started: more than one means a redelivery or a sweep.
    deliveries = models.PositiveIntegerField(default=0)
    # Deliveries handed back because grading was unavailable (no sandbox, database down).
    # The others count towards GRADING_MAX_DELIVERIES, after which grading gives up.
    handed_back = models.PositiveIntegerField(default=0)
    grading_ms = models.PositiveIntegerField(null=True, blank=True)
    # Draws this submission's hidden cases (grader.grade(seed=...)): fresh for every
    # submission, kept so a regrade sees the same cases. Null (older rows): the
    # exercise's canonical cases.
    seed = models.BigIntegerField(null=True, blank=True, default=submission_seed, editable=False)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-queued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "exercise", "attempt"],
                condition=models.Q(attempt__isnull=False),
                name="one_submission_per_attempt",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "exercise", "-queued_at"]),
            models.Index(fields=["status", "queued_at"]),
        ]

    def __str__(self) -> str:
        label = f"attempt {self.attempt}" if self.attempt else "visible run"
        return f"{self.exercise.slug} by {self.user} ({label}): {self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED


class HintReveal(models.Model):
    """A learner revealed one of an exercise's progressive hints (0-based ``index``).

    Written only by ``services.hint_reveal``, which reveals them in order; hints are free,
    so this is a record of what was shown (and shown again on return), not a penalty.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hint_reveals"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="hint_reveals")
    index = models.PositiveSmallIntegerField()
    revealed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-revealed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "exercise", "index"], name="one_reveal_per_hint"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} saw hint {self.index + 1} of {self.exercise_id}"


class Draft(models.Model):
    """A signed-in learner's unsubmitted code for one exercise, saved as they type so it
    survives a reload or a change of device. Written only by ``services.draft_save`` and
    ``services.draft_discard``; which code the page shows is decided by
    ``selectors.exercise_editor_code``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="drafts")
    code = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise"], name="one_draft_per_exercise"),
        ]

    def __str__(self) -> str:
        return f"Draft of {self.exercise_id} by {self.user_id}"


class WrittenSubmission(models.Model):
    """One save of one written part of an exercise (a model card, a decision memo).

    Append-only: every save is a new row, so a learner's earlier text is never
    overwritten, and the newest row for ``(user, exercise, key)`` is the part's current
    state. Staff return a row with a comment (``services.written_return``); a returned
    part counts as missing until the learner saves it again. Written only by
    ``courseware.written_services``.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned for changes"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="written_submissions"
    )
    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, related_name="written_submissions"
    )
    key = models.SlugField(max_length=60)
    text = models.TextField()
    word_count = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    staff_comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["user", "exercise", "key", "-submitted_at"])]

    def __str__(self) -> str:
        return f"{self.key} of {self.exercise_id} by {self.user_id}"

    @property
    def is_returned(self) -> bool:
        return self.status == self.Status.RETURNED
