"""The admin for people: one "Accounts" section.

allauth registers its email addresses under an app also called "Accounts", so the admin
showed two sections of that name. Email addresses are part of a user here: they are
edited on the user's page (inline) and allauth's separate list is taken away.
"""

import allauth.account.admin  # noqa: F401  (registers EmailAddress, so it can be removed)
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User

if admin.site.is_registered(EmailAddress):
    admin.site.unregister(EmailAddress)


class EmailAddressInline(admin.StackedInline):
    # Stacked, not tabular: a tabular inline's inputs have column headings, no labels.
    model = EmailAddress
    fields = ("email", "verified", "primary")
    extra = 0
    verbose_name = "email address"
    verbose_name_plural = "email addresses (sign-in)"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (("Profile", {"fields": ("full_name",)}),)
    list_display = ("email", "full_name", "is_staff", "is_active", "date_joined")
    search_fields = ("email", "full_name", "username", "emailaddress__email")
    ordering = ("-date_joined",)
    inlines = (EmailAddressInline,)
