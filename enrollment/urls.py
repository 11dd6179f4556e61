from django.urls import path

from . import views

app_name = "enrollment"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("courses/<slug:course_slug>/enrol/", views.enrol, name="enrol"),
    path("courses/<slug:course_slug>/leave/", views.leave, name="leave"),
    path(
        "courses/<slug:course_slug>/<slug:module_slug>/complete/",
        views.module_complete,
        name="module_complete",
    ),
    path(
        "courses/<slug:course_slug>/<slug:module_slug>/position/",
        views.reading_position,
        name="reading_position",
    ),
    path(
        "courses/<slug:course_slug>/certificate/",
        views.course_certificate,
        name="course_certificate",
    ),
    path(
        "certificates/<uuid:certificate_id>/", views.certificate_detail, name="certificate_detail"
    ),
    path("certificates/<uuid:certificate_id>/pdf/", views.certificate_pdf, name="certificate_pdf"),
]
