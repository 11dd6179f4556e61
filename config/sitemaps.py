"""sitemap.xml: each app contributes its own Sitemap classes here."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticViewSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return ["home", "courseware:catalogue", "blog:post_list"]

    def location(self, item):
        return reverse(item)


from blog.sitemaps import PostSitemap  # noqa: E402
from courseware.sitemaps import CourseSitemap, ExerciseSitemap, ModuleSitemap  # noqa: E402

sitemaps: dict[str, type[Sitemap]] = {
    "static": StaticViewSitemap,
    "courses": CourseSitemap,
    "modules": ModuleSitemap,
    "exercises": ExerciseSitemap,
    "blog": PostSitemap,
}
