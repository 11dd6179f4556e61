"""Writes to user accounts other than allauth's own (sign-up, login, email addresses)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from .models import User

FULL_NAME_MAX_LENGTH = User._meta.get_field("full_name").max_length


def staff_author_get_or_create(*, email: str, full_name: str) -> User:
    """The staff account with this email, created (as ``full_name``) if there is none.

    A created account has no usable password, so nobody can log in as it: it exists to
    sign what staff publish under a shared name. An existing account is used as it is,
    and only if it is already staff; this never makes anyone staff, so a learner who signed
    up with the address first cannot end up signing posts.
    """
    email = User.objects.normalize_email(email.strip())
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        # The username is internal (email is the login) and must be unique: the email is.
        user = User(
            username=email,
            email=email,
            full_name=full_name.strip()[:FULL_NAME_MAX_LENGTH],
            is_staff=True,
        )
        user.set_unusable_password()
        user.save()
    elif not user.is_staff:
        raise PermissionDenied(f"The account {email} is not staff, so it cannot sign posts.")
    return user


def user_full_name_update(*, user: User, full_name: str) -> None:
    """Set the name shown on certificates and blog posts, trimmed to fit the column.

    Saves only ``full_name``, so other unsaved changes to ``user`` are not written.
    """
    user.full_name = full_name.strip()[:FULL_NAME_MAX_LENGTH]
    user.save(update_fields=["full_name"])
