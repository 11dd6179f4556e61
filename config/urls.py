from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from accounts.admin_login import admin_login
from courseware.views import figure_file

from .health import healthz
from .sitemaps import sitemaps
from .views import home, robots_txt

# Staff sign in through allauth, under its rate limits (accounts/admin_login.py).
admin.site.login = admin_login
admin.site.site_header = f"{settings.SITE_NAME} administration"
admin.site.site_title = f"{settings.SITE_NAME} admin"
admin.site.index_title = "Courses, learners and the blog"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Enrolment URLs (/courses/<course>/enrol/, leave/) come before courseware's module
    # pattern, which would match them; sync_content refuses module slugs that clash.
    path("", include("enrollment.urls")),
    path("courses/", include("courseware.urls")),
    path("blog/", include("blog.urls")),
    path("search/", include("search.urls")),
    # Lesson figures drawn by sync_content; the name holds the hash of what drew them.
    path(f"{settings.FIGURES_URL.strip('/')}/<str:name>", figure_file, name="figure_file"),
]

# Uploads are served by Django only on a laptop (local settings, debug pages on or off);
# production serves MEDIA_ROOT from the web server.
if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    from django.urls import re_path
    from django.views.static import serve

    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]
