from django.urls import path

from . import views
from .feeds import LatestPostsFeed

app_name = "blog"

# Fixed paths come before the slug pattern; models.RESERVED_SLUGS keeps posts off them.
urlpatterns = [
    path("", views.post_list, name="post_list"),
    path("feed/", LatestPostsFeed(), name="feed"),
    path("preview/<int:pk>/", views.post_preview, name="post_preview"),
    path("<slug:slug>/", views.post_detail, name="post_detail"),
]
