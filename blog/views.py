"""Public blog pages and the staff preview. Thin: selectors read, services write."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.generic import ListView

from . import selectors, services

POSTS_PER_PAGE = 9


class PostListView(ListView):
    template_name = "blog/post_list.html"
    context_object_name = "posts"
    paginate_by = POSTS_PER_PAGE

    def get_queryset(self):
        slug = self.request.GET.get("tag")
        self.tag = selectors.tag_get(slug=slug) if slug else None
        return selectors.post_list_published(tag=self.tag)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tag"] = self.tag
        context["tags"] = selectors.tag_list_in_use()
        return context


post_list = PostListView.as_view()


def _detail_context(request, post, *, preview: bool) -> dict:
    return {
        "post": post,
        "preview": preview,
        "cta": selectors.post_call_to_action(user=request.user, course=post.related_course),
        "disclaimer": selectors.blog_settings_get().disclaimer,
    }


def post_detail(request, slug: str):
    post = selectors.post_get_published(slug=slug)
    services.post_view_record(
        post=post, session=request.session, user_agent=request.headers.get("User-Agent", "")
    )
    return render(request, "blog/post_detail.html", _detail_context(request, post, preview=False))


@staff_member_required
def post_preview(request, pk: int):
    """Any post as the public would see it; never counted as a view."""
    if not request.user.has_perm("blog.view_post"):
        raise PermissionDenied
    post = selectors.post_get_for_preview(pk=pk)
    response = render(
        request, "blog/post_detail.html", _detail_context(request, post, preview=True)
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
