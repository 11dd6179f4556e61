from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A learner or staff member. Email is the login (allauth); the username is internal.

    A project-owned user model from the start, so fields can be added later without
    the painful swap Django warns about.
    """

    full_name = models.CharField(
        "full name",
        max_length=150,
        blank=True,
        help_text="How your name appears on certificates and, for staff, on blog posts.",
    )

    @property
    def display_name(self) -> str:
        """The name to show people: the chosen full name, else the email's local part."""
        if self.full_name:
            return self.full_name
        name = self.get_full_name()
        if name:
            return name
        return (self.email or self.username).split("@", 1)[0]

    @property
    def byline(self) -> str:
        """The name that signs what this person publishes (blog posts).

        Their chosen or given name; never the local part of an email address, which for
        an account made with ``createsuperuser`` is often just "admin": staff without a
        name sign as the site's team until they set one.
        """
        name = self.full_name or self.get_full_name()
        if name:
            return name
        if self.is_staff:
            return f"The {settings.SITE_NAME} team"
        return self.display_name

    def __str__(self) -> str:
        return self.email or self.username
