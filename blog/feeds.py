"""/blog/feed/: an RSS 2.0 feed of the latest public posts."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy

from .selectors import post_list_published

FEED_LENGTH = 20


class LatestPostsFeed(Feed):
    title = f"{settings.SITE_NAME} blog"
    link = reverse_lazy("blog:post_list")
    description = "Articles on careers and skills in machine learning."

    def items(self):
        return post_list_published()[:FEED_LENGTH]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.summary

    def item_pubdate(self, post):
        return post.publish_at

    def item_updateddate(self, post):
        return post.updated_at

    def item_author_name(self, post):
        return post.author.byline

    def item_categories(self, post):
        return [tag.name for tag in post.tags.all()]
