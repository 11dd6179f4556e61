"""sitemap.xml: each app contributes its own Sitemap classes here."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticViewSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)


from blog.sitemaps import PostSitemap  # noqa: E402
from courseware.sitemaps import CourseSitemap, ModuleSitemap  # noqa: E402

sitemaps: dict[str, type[Sitemap]] = {
    "static": StaticViewSitemap,
    "courses": CourseSitemap,
    "modules": ModuleSitemap,
    "blog": PostSitemap,
}
