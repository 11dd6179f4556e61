from django.urls import path

from . import views

app_name = "courseware"

# Mounted at /courses/. The exercise routes come before the module route, which would
# otherwise match "<course>/exercises/". Module slugs that would shadow a route
# (exercises, enrol, leave) are refused by sync_content.
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<slug:course_slug>/", views.course_detail, name="course_detail"),
    path(
        "<slug:course_slug>/exercises/<slug:exercise_slug>/",
        views.exercise_detail,
        name="exercise_detail",
    ),
    path(
        "<slug:course_slug>/exercises/<slug:exercise_slug>/draft/",
        views.draft_save,
        name="draft_save",
    ),
    path(
        "<slug:course_slug>/exercises/<slug:exercise_slug>/draft/discard/",
        views.draft_discard,
        name="draft_discard",
    ),
    path(
        "<slug:course_slug>/exercises/<slug:exercise_slug>/submissions/<int:submission_id>/",
        views.submission_status,
        name="submission_status",
    ),
    path(
        "<slug:course_slug>/exercises/<slug:exercise_slug>/hints/",
        views.hint_reveal,
        name="hint_reveal",
    ),
    path(
        "<slug:course_slug>/exercises/<slug:exercise_slug>/solution/",
        views.exercise_solution,
        name="exercise_solution",
    ),
    path(
        "<slug:course_slug>/exercises/<slug:exercise_slug>/written/<slug:key>/",
        views.written_submit,
        name="written_submit",
    ),
    path("<slug:course_slug>/glossary/", views.glossary, name="glossary"),
    path("<slug:course_slug>/<slug:module_slug>/", views.module_detail, name="module_detail"),
    path(
        "<slug:course_slug>/<slug:module_slug>/check/<slug:question_key>/",
        views.question_check,
        name="question_check",
    ),
]
