import unicodedata

from django import forms


class CertificateNameForm(forms.Form):
    full_name = forms.CharField(
        label="Name on your certificates",
        max_length=150,
        help_text="Printed on certificates issued from now on. Issued certificates keep the "
        "name they were issued with.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Enter your name as you want it printed."},
    )

    def clean_full_name(self):
        # One form for each accented letter (NFC), so "Zoë" typed with a combining
        # diaeresis is stored, compared and printed as the same name.
        name = unicodedata.normalize("NFC", " ".join(self.cleaned_data["full_name"].split()))
        if len(name) < 2:
            raise forms.ValidationError("Enter your name as you want it printed.")
        return name


class CertificateClaimForm(CertificateNameForm):
    """The name confirmed at the moment a certificate is issued (``certificate_claim``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["full_name"]
        field.label = "Your name as it will be printed"
        field.help_text = (
            "Check the spelling, accents and order: the certificate is issued once and "
            "keeps this name for good. It is saved on your account too."
        )
