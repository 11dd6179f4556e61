from django import forms

from .selectors import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    """The query box. Too long a query is refused with a message and kept in the box."""

    q = forms.CharField(
        label="Search the courses and blog",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": (
                f"Searches can be up to {MAX_QUERY_LENGTH} characters long "
                "(this one has %(show_value)d). Try a few key words."
            ),
        },
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "enterkeyhint": "search",
                "spellcheck": "false",
            }
        ),
    )
