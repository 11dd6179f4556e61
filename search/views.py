"""The results page. Thin: the form checks the query, the selector reads the index."""

from django.shortcuts import render

from config.ids import parse_id

from .forms import SearchForm
from .selectors import MAX_RESULTS, search_results

# Offered on the empty page: terms the shipped curriculum teaches.
EXAMPLES = ("cross-validation", "data leakage", "hyperparameter tuning", "precision recall")


def results(request):
    form = SearchForm(request.GET or None)
    query = ""
    found = None
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"]
        found = search_results(query=query, page=parse_id(request.GET.get("page")) or 1)
    elif form.is_bound:
        query = request.GET.get("q", "")
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "query": query,
            "found": found,
            "max_results": MAX_RESULTS,
            "examples": EXAMPLES,
        },
    )
