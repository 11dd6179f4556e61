"""Exercise pages, mounted at /courses/<course>/exercises/ ahead of the module URLs."""

from django.urls import path

from . import exercise_views

app_name = "exercises"

urlpatterns = [
    path("<slug:exercise_slug>/", exercise_views.exercise_detail, name="detail"),
    path(
        "<slug:exercise_slug>/submissions/<int:submission_id>/",
        exercise_views.submission_status,
        name="submission_status",
    ),
]
