"""sitemap.xml entries for public blog posts."""

from django.contrib.sitemaps import Sitemap

from .models import Post


class PostSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Post.objects.published().only("slug", "updated_at").order_by("-publish_at")

    def lastmod(self, post):
        return post.updated_at
