"""Staff write, preview, publish and unpublish posts here, and edit the disclaimer.

Django's model permissions decide who may do what: only staff holding the blog's
add/change permissions see the forms and the actions. Saving goes through
``blog.services`` so the Markdown is rendered and sanitised every time.
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.forms import Textarea
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from . import services
from .models import BlogSettings, Post, Tag

# A long article needs room to write; a summary is two sentences.
TEXTAREA_ROWS = {"body": 28, "summary": 3}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "status_label",
        "author_name",
        "publish_at",
        "view_count",
        "preview_link",
    )
    list_filter = ("status", "tags", "author", "related_course", "publish_at")
    list_select_related = ("author",)
    search_fields = ("title", "slug", "summary", "body")
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("tags",)
    readonly_fields = ("preview_link", "view_count", "reading_time", "created_at", "updated_at")
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = (
        (None, {"fields": ("title", "slug", "author", "summary", "body")}),
        ("Cover", {"fields": ("cover_image", "cover_alt")}),
        (
            "Publishing",
            {
                "fields": ("status", "publish_at", "related_course", "tags"),
                "description": (
                    "Draft: only staff can see it, through the preview. Scheduled: it "
                    "appears by itself at the publish time. Published: public now (or at "
                    "the publish time, if that is still in the future)."
                ),
            },
        ),
        (
            "Reading",
            {"fields": ("preview_link", "reading_time", "view_count", "created_at", "updated_at")},
        ),
    )

    @admin.display(description="status", ordering="status")
    def status_label(self, post: Post) -> str:
        if post.status != Post.Status.DRAFT and not post.is_visible():
            return f"{post.get_status_display()} (not yet public)"
        return post.get_status_display()

    @admin.display(description="author", ordering="author__full_name")
    def author_name(self, post: Post) -> str:
        return post.author.byline

    @admin.display(description="reading time", ordering="reading_minutes")
    def reading_time(self, post: Post) -> str:
        return post.reading_time

    @admin.display(description="preview")
    def preview_link(self, post: Post) -> str:
        if not post.pk:
            return "Save the post to preview it."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview</a>', post.get_preview_url()
        )

    def view_on_site(self, post: Post) -> str:
        return post.get_absolute_url() if post.is_visible() else post.get_preview_url()

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("author", request.user.pk)
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = lambda user: f"{user.display_name} ({user})"
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in TEXTAREA_ROWS:
            kwargs["widget"] = Textarea(attrs={"rows": TEXTAREA_ROWS[db_field.name], "cols": 90})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        services.post_write(post=obj, editor=request.user)

    @admin.action(description="Publish the selected posts now", permissions=["change"])
    def publish_selected(self, request, queryset):
        count = sum(services.post_publish(post=post, editor=request.user) for post in queryset)
        self.message_user(request, f"Published {count} post(s).", messages.SUCCESS)

    @admin.action(
        description="Unpublish the selected posts (back to draft)", permissions=["change"]
    )
    def unpublish_selected(self, request, queryset):
        count = sum(services.post_unpublish(post=post, editor=request.user) for post in queryset)
        self.message_user(request, f"Unpublished {count} post(s).", messages.SUCCESS)


@admin.register(BlogSettings)
class BlogSettingsAdmin(admin.ModelAdmin):
    """One row: the list page goes straight to it, and it can be neither added nor deleted."""

    fields = ("disclaimer", "updated_at")
    readonly_fields = ("updated_at",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # A migration creates the one row; a list of it would be a click in the way.
        url = reverse("admin:blog_blogsettings_change", args=[BlogSettings.SINGLETON_ID])
        return redirect(url)

    def save_model(self, request, obj, form, change):
        services.blog_settings_save(blog_settings=obj)
