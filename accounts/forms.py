"""The account forms learners see: allauth's, in the site's words, plus the optional
certificate name at sign-up.

``ACCOUNT_FORMS`` (config/settings/base.py) puts these in place of allauth's own.
The templates (``templates/allauth/elements/fields.html``) show every label, so the
placeholders allauth puts in the inputs, which repeated them, are dropped.
"""

from __future__ import annotations

from allauth.account import forms as allauth_forms
from django import forms
from django.urls import reverse
from django.utils.html import format_html

from .services import FULL_NAME_MAX_LENGTH, user_full_name_update


class AccessibleFieldsMixin:
    """Labels in sentence case, no placeholders, and each field's errors tied to its
    input (``aria-describedby``) so a screen reader reads them with the field."""

    labels: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            described = [f"{bound.auto_id}_errors"]
            if bound.help_text:
                described.insert(0, f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)


class SignupForm(AccessibleFieldsMixin, allauth_forms.SignupForm):
    """allauth's sign-up form with the name for certificates, optional.

    A learner who leaves it blank is asked for it before their first certificate is
    issued; one who gives it has it saved on the new account.
    """

    full_name = forms.CharField(
        label="Full name (as printed on your certificate)",
        max_length=FULL_NAME_MAX_LENGTH,
        required=False,
        help_text=(
            "Optional. You can leave it for now: you confirm it before a certificate is issued."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["email", "full_name", "password1", "password2"]
    labels = {"email": "Email address", "password1": "Password", "password2": "Password again"}

    def custom_signup(self, request, user) -> None:
        super().custom_signup(request, user)
        full_name = self.cleaned_data.get("full_name", "").strip()
        if full_name:
            user_full_name_update(user=user, full_name=full_name)


def _forgotten_password_link() -> str:
    return format_html(
        '<a href="{}">Forgotten your password?</a>', reverse("account_reset_password")
    )


class LoginForm(AccessibleFieldsMixin, allauth_forms.LoginForm):
    labels = {"login": "Email address", "remember": "Remember me"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.fields["password"].help_text:
            self.fields["password"].help_text = _forgotten_password_link()


class ResetPasswordForm(AccessibleFieldsMixin, allauth_forms.ResetPasswordForm):
    labels = {"email": "Email address"}


class ResetPasswordKeyForm(AccessibleFieldsMixin, allauth_forms.ResetPasswordKeyForm):
    labels = {"password1": "New password", "password2": "New password again"}


class ChangePasswordForm(AccessibleFieldsMixin, allauth_forms.ChangePasswordForm):
    labels = {
        "oldpassword": "Current password",
        "password1": "New password",
        "password2": "New password again",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.fields["oldpassword"].help_text:
            self.fields["oldpassword"].help_text = _forgotten_password_link()


class SetPasswordForm(AccessibleFieldsMixin, allauth_forms.SetPasswordForm):
    labels = {"password1": "Password", "password2": "Password again"}


class AddEmailForm(AccessibleFieldsMixin, allauth_forms.AddEmailForm):
    labels = {"email": "Email address"}
