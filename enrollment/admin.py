"""Admin for enrolments, completions and certificates.

Staff read everything here, but every change goes through a service, so the admin
behaves exactly like the site: leaving and rejoining set ``left_at`` and keep progress,
completions come only from learners (progress is then recomputed), and certificates are
revoked with an audit record, never deleted.
"""

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils.text import slugify

from . import services
from .gradebook import gradebook_csv
from .models import Certificate, CertificateStatusChange, Enrollment, ModuleCompletion


class ServiceActionsAdmin(admin.ModelAdmin):
    """Rows that only services create and change: staff read them and run actions.

    Nothing is added or deleted here (enrolments come from Enrol Now, certificates from
    the progress service, and revocation is the audited alternative to deleting). Staff
    with change permission may run the actions on the list; an object's own page has
    nothing to edit, so it is view-only.
    """

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Enrollment)
class EnrollmentAdmin(ServiceActionsAdmin):
    list_display = ("user", "course", "status", "progress_percent", "enrolled_at", "completed_at")
    list_filter = ("course", "status", ("completed_at", admin.EmptyFieldListFilter))
    search_fields = ("user__email", "user__full_name", "course__title")
    list_select_related = ("user", "course")
    readonly_fields = (
        "user",
        "course",
        "status",
        "enrolled_at",
        "left_at",
        "progress_percent",
        "completed_at",
    )
    date_hierarchy = "enrolled_at"
    actions = ["export_gradebook", "mark_as_left", "reactivate"]

    @admin.action(description="Mark the selected enrolments as left", permissions=["change"])
    def mark_as_left(self, request, queryset):
        left = [
            services.enrollment_leave(user=e.user, course=e.course)
            for e in queryset.select_related("user", "course")
        ]
        count = sum(1 for e in left if e is not None)
        self.message_user(request, f"Marked {count} enrolment(s) as left.", messages.SUCCESS)

    @admin.action(description="Reactivate the selected enrolments", permissions=["change"])
    def reactivate(self, request, queryset):
        count = 0
        for enrollment in queryset.select_related("user", "course"):
            if not enrollment.is_active:
                services.enrollment_create(user=enrollment.user, course=enrollment.course)
                count += 1
        self.message_user(request, f"Reactivated {count} enrolment(s).", messages.SUCCESS)

    @admin.action(description="Export the gradebook of the selected enrolments (CSV, one course)")
    def export_gradebook(self, request, queryset):
        course_ids = set(queryset.values_list("course_id", flat=True))
        if len(course_ids) != 1:
            self.message_user(
                request,
                "Select enrolments from a single course (filter by course first).",
                messages.ERROR,
            )
            return None
        course = queryset.first().course
        response = HttpResponse(
            gradebook_csv(course=course, enrollments=queryset), content_type="text/csv"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="gradebook-{slugify(course.slug)}.csv"'
        )
        return response


class CertificateStatusChangeInline(admin.TabularInline):
    model = CertificateStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ("action", "changed_by", "changed_at", "reason")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Certificate)
class CertificateAdmin(ServiceActionsAdmin):
    list_display = ("learner_name", "course_title", "score_percent", "issued_at", "is_valid")
    list_filter = ("course", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("learner_name", "user__email", "course_title", "id")
    list_select_related = ("user", "course")
    readonly_fields = (
        "id",
        "user",
        "course",
        "learner_name",
        "course_title",
        "score_percent",
        "issued_at",
        "revoked_at",
        "revoked_by",
        "revoked_reason",
    )
    inlines = [CertificateStatusChangeInline]
    actions = ["revoke", "restore"]

    @admin.display(boolean=True, description="Valid")
    def is_valid(self, obj):
        return not obj.is_revoked

    @admin.action(description="Revoke the selected certificates", permissions=["change"])
    def revoke(self, request, queryset):
        for certificate in queryset:
            services.certificate_revoke(
                certificate=certificate, by=request.user, reason="Revoked by staff in the admin"
            )
        self.message_user(request, f"Revoked {queryset.count()} certificate(s).", messages.SUCCESS)

    @admin.action(description="Restore the selected certificates", permissions=["change"])
    def restore(self, request, queryset):
        for certificate in queryset:
            services.certificate_restore(certificate=certificate, by=request.user)
        self.message_user(request, f"Restored {queryset.count()} certificate(s).", messages.SUCCESS)


@admin.register(ModuleCompletion)
class ModuleCompletionAdmin(admin.ModelAdmin):
    """Read-only: completions come from learners, and each one recomputes progress."""

    list_display = ("user", "module", "completed_at")
    list_filter = ("module__course",)
    search_fields = ("user__email",)
    list_select_related = ("user", "module", "module__course")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
