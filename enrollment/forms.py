from django import forms


class CertificateNameForm(forms.Form):
    full_name = forms.CharField(
        label="Name on your certificates",
        max_length=150,
        help_text="Printed on certificates issued from now on. Issued certificates keep the "
        "name they were issued with.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name) < 2:
            raise forms.ValidationError("Enter your name as you want it printed.")
        return name
