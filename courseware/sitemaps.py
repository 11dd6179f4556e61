"""sitemap.xml entries for course landing pages and glossaries, modules and exercises."""

from django.contrib.sitemaps import Sitemap

from .models import Course, Exercise, Module


class CourseSitemap(Sitemap):
    """Course landing pages, and each course's glossary page where it has one (listed
    here, so the site's sitemap index needs no entry of its own for them)."""

    changefreq = "weekly"

    def items(self):
        courses = list(
            Course.objects.live().only("slug", "updated_at", "glossary_title").order_by("order")
        )
        return [(c, False) for c in courses] + [(c, True) for c in courses if c.glossary_title]

    def location(self, item):
        course, glossary = item
        return course.glossary_url if glossary else course.get_absolute_url()

    def priority(self, item):
        return 0.5 if item[1] else 0.9

    def lastmod(self, item):
        return item[0].updated_at


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
