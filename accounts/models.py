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

    def __str__(self) -> str:
        return self.email or self.username
