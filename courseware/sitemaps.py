"""sitemap.xml entries for course landing pages, modules and exercises."""

from django.contrib.sitemaps import Sitemap

from .models import Course, Exercise, Module


class CourseSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.9

    def items(self):
        return Course.objects.live().only("slug", "updated_at").order_by("order")

    def lastmod(self, course):
        return course.updated_at


class ModuleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return (
            Module.objects.live()
            .select_related("course")
            .only("slug", "updated_at", "order", "course__slug")
            .order_by("course__order", "order")
        )

    def lastmod(self, module):
        return module.updated_at


class ExerciseSitemap(Sitemap):
    """Exercise pages are public: anyone may read the task and the starter code."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return (
            Exercise.objects.live()
            .select_related("course")
            .only("slug", "updated_at", "course__slug")
            .order_by("course__order", "module__order", "order")
        )

    def lastmod(self, exercise):
        return exercise.updated_at
