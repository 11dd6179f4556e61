from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from accounts.admin_login import admin_login

from .health import healthz
from .sitemaps import sitemaps
from .views import home, robots_txt

# Staff sign in through allauth, under its rate limits (accounts/admin_login.py).
admin.site.login = admin_login

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
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
