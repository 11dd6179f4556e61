from django.urls import path

from . import views

app_name = "courseware"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<slug:course_slug>/", views.course_detail, name="course_detail"),
    path("<slug:course_slug>/<slug:module_slug>/", views.module_detail, name="module_detail"),
    path(
        "<slug:course_slug>/<slug:module_slug>/check/<slug:question_key>/",
        views.question_check,
        name="question_check",
    ),
]
