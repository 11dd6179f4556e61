from django.urls import path

from . import views

app_name = "enrollment"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
]
