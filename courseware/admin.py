"""Admin for the curriculum. Content comes from files via ``sync_content``, so almost
everything here is read-only; staff may only open or close enrolment on a course, and
that goes through ``services.course_enrolment_set`` like every other write."""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe

from .models import Course, Exercise, HintReveal, Module, Question, Submission, WrittenSubmission
from .services import course_enrolment_set, submission_regrade
from .written_services import WrittenRefused, written_return


class ReadOnlyContentAdmin(admin.ModelAdmin):
    """Fields come from content/ and would be overwritten by the next sync."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        editable = set(getattr(self, "editable_fields", ()))
        return [f.name for f in self.model._meta.fields if f.name not in editable]


@admin.register(Course)
class CourseAdmin(ReadOnlyContentAdmin):
    list_display = (
        "title",
        "slug",
        "level",
        "estimated_hours",
        "order",
        "enrolment_open",
        "is_retired",
    )
    list_filter = ("enrolment_open", "is_retired", "level")
    search_fields = ("title", "slug")
    editable_fields = ("enrolment_open",)
    actions = ["open_enrolment", "close_enrolment"]

    def save_model(self, request, obj, form, change):
        # The change form can edit only enrolment_open: hand it to the service.
        course_enrolment_set(course=obj, is_open=obj.enrolment_open, by=request.user)

    def _enrolment_set(self, request, queryset, *, is_open: bool) -> int:
        return sum(
            course_enrolment_set(course=course, is_open=is_open, by=request.user)
            for course in queryset
        )

    @admin.action(description="Open enrolment for the selected courses", permissions=["change"])
    def open_enrolment(self, request, queryset):
        count = self._enrolment_set(request, queryset, is_open=True)
        self.message_user(request, f"Enrolment opened for {count} course(s).")

    @admin.action(description="Close enrolment for the selected courses", permissions=["change"])
    def close_enrolment(self, request, queryset):
        count = self._enrolment_set(request, queryset, is_open=False)
        self.message_user(request, f"Enrolment closed for {count} course(s).")


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ("order", "key", "kind", "correct", "is_retired")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Module)
class ModuleAdmin(ReadOnlyContentAdmin):
    list_display = ("title", "course", "order", "slug", "estimated_minutes", "is_retired")
    list_filter = ("course", "is_retired")
    list_select_related = ("course",)
    search_fields = ("title", "slug")
    inlines = [QuestionInline]


@admin.register(Exercise)
class ExerciseAdmin(ReadOnlyContentAdmin):
    list_display = ("title", "slug", "course", "module", "points", "is_retired")
    list_filter = ("course", "is_retired")
    list_select_related = ("course", "module")
    search_fields = ("title", "slug")


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """Every learner's submissions, for staff: filter, search, inspect, regrade."""

    list_display = (
        "id",
        "user",
        "exercise",
        "kind",
        "attempt",
        "status",
        "score",
        "max_score",
        "queued_at",
        "finished_at",
        "worker",
    )
    list_filter = ("status", "kind", "exercise__course", "exercise")
    search_fields = ("user__email", "user__full_name", "exercise__slug", "exercise__title")
    list_select_related = ("user", "exercise")
    date_hierarchy = "queued_at"
    readonly_fields = [f.name for f in Submission._meta.fields]
    actions = ["regrade"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # A deleted attempt would change best scores behind progress and certificates.
        return False

    @admin.action(description="Regrade the selected submissions", permissions=["change"])
    def regrade(self, request, queryset):
        for submission in queryset:
            submission_regrade(submission=submission)
        self.message_user(
            request, f"Queued {queryset.count()} submission(s) for regrading.", messages.SUCCESS
        )


@admin.register(HintReveal)
class HintRevealAdmin(admin.ModelAdmin):
    """Which hints learners have seen, for staff deciding where an exercise needs help.
    A record, not a setting: nobody adds, edits or deletes reveals here."""

    list_display = ("user", "exercise", "hint_number", "revealed_at")
    list_filter = ("exercise__course", "exercise")
    search_fields = ("user__email", "exercise__slug")
    list_select_related = ("user", "exercise")
    date_hierarchy = "revealed_at"

    @admin.display(description="hint", ordering="index")
    def hint_number(self, obj) -> str:
        return f"{obj.index + 1} of {len(obj.exercise.hints_html)}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WrittenReturnForm(forms.ModelForm):
    """The one write staff make on a written part: return it with a comment."""

    return_to_learner = forms.BooleanField(
        required=False,
        help_text="Send it back: the learner sees your comment on the exercise page and "
        "dashboard, and the certificate waits until they submit a new version.",
    )

    class Meta:
        model = WrittenSubmission
        fields = ("staff_comment",)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("return_to_learner") and not cleaned.get("staff_comment", "").strip():
            self.add_error("staff_comment", "Say what the learner should change.")
        return cleaned


@admin.register(WrittenSubmission)
class WrittenSubmissionAdmin(admin.ModelAdmin):
    """Staff read learners' written parts here and return them with a comment.

    Nothing else can be changed: the text is the learner's, and each save of theirs is
    a row of its own (the history), so the list shows every version.
    """

    form = WrittenReturnForm
    list_display = ("exercise", "key", "user", "status", "word_count", "submitted_at")
    list_filter = ("status", "exercise__course", "exercise", "key")
    search_fields = ("user__email", "user__username", "exercise__slug", "text")
    list_select_related = ("exercise", "user")
    date_hierarchy = "submitted_at"
    readonly_fields = (
        "user",
        "exercise",
        "key",
        "word_count",
        "status",
        "submitted_at",
        "returned_at",
        "returned_by",
        "text_as_written",
    )
    fields = readonly_fields + ("staff_comment", "return_to_learner")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Text")
    def text_as_written(self, obj):
        # linebreaks escapes the learner's text first; only its <p> and <br> are markup.
        paragraphs = mark_safe(linebreaks(obj.text, autoescape=True))  # noqa: S308
        return format_html('<div class="written-text">{}</div>', paragraphs)

    def save_model(self, request, obj, form, change):
        if not form.cleaned_data.get("return_to_learner"):
            self.message_user(request, "Nothing changed: tick 'return to learner' to send it back.")
            return
        try:
            written_return(submission=obj, by=request.user, comment=obj.staff_comment)
        except WrittenRefused as exc:
            self.message_user(request, str(exc), level=messages.ERROR)
