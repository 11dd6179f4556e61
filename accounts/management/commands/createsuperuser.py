"""``createsuperuser`` where the email is the login.

With ``--noinput``, ``DJANGO_SUPERUSER_EMAIL`` and ``DJANGO_SUPERUSER_PASSWORD`` are
enough: the internal username (which nobody types; allauth signs people in by email)
is the email itself, unless ``--username`` or ``DJANGO_SUPERUSER_USERNAME`` says
otherwise. The address is stored in lower case, as allauth stores and compares
addresses, and recorded as verified, since the operator vouches for it, so
the account can sign in even where email verification is mandatory.
"""

import os

from allauth.account.models import EmailAddress
from django.contrib.auth.management.commands import createsuperuser


class Command(createsuperuser.Command):
    def handle(self, *args, **options):
        field = self.UserModel.USERNAME_FIELD
        email = (options.get("email") or os.environ.get("DJANGO_SUPERUSER_EMAIL") or "").strip()
        email = email.lower()  # as allauth stores and compares addresses
        chosen = options.get(field) or os.environ.get(f"DJANGO_SUPERUSER_{field.upper()}")
        if not options["interactive"] and email:
            options["email"] = email
            if not chosen:
                options[field] = email
        super().handle(*args, **options)
        if not email:
            return
        database = options.get("database")
        user = (
            self.UserModel._default_manager.db_manager(database)
            .filter(email__iexact=email, is_superuser=True)
            .order_by("-date_joined")
            .first()
        )
        if user is not None:
            EmailAddress.objects.using(database).get_or_create(
                user=user, email=user.email, defaults={"primary": True, "verified": True}
            )
