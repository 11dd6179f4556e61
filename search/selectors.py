"""The one read of the search index. Callers never learn which database answered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.safestring import SafeString

from .engines import engine_for_connection
from .highlight import marked_html
from .models import Document

# What one query may ask of the database: a learner types a few words, not an essay.
MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# Past this, a search is too broad to page through; the page says to narrow it.
MAX_RESULTS = 100
KIND_LABELS = dict(Document.Kind.choices)


@dataclass(frozen=True)
class Result:
    kind: str
    kind_label: str
    title_html: SafeString
    breadcrumb: str
    url: str
    snippet_html: SafeString


@dataclass(frozen=True)
class SearchResults:
    query: str
    results: list[Result] = field(default_factory=list)
    total: int = 0  # at most MAX_RESULTS
    page: int = 1
    pages: int = 0

    @property
    def capped(self) -> bool:
        return self.total >= MAX_RESULTS

    @property
    def first_index(self) -> int:
        return (self.page - 1) * RESULTS_PER_PAGE + 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def page_range(self) -> range:
        return range(1, self.pages + 1)


def search_results(*, query: str, page: int = 1, now: datetime | None = None) -> SearchResults:
    """Public lesson sections, exercises and blog posts matching ``query``, best first.

    ``query`` is what the learner typed (``MAX_QUERY_LENGTH`` at most: the form refuses
    longer). Titles and snippets come escaped, with the matched words in ``<mark>``. A
    page past the last shows the last; at most ``MAX_RESULTS`` results are counted.
    Retired content and unpublished posts are never in the index or never public yet.
    """
    query = " ".join(query.replace("\x00", " ").split())[:MAX_QUERY_LENGTH]
    if not query:
        return SearchResults(query="")
    now = now or timezone.now()
    engine = engine_for_connection()
    total = engine.count(query, now=now, cap=MAX_RESULTS)
    if not total:
        return SearchResults(query=query)
    pages = -(-total // RESULTS_PER_PAGE)
    page = min(max(page, 1), pages)
    hits = engine.page(query, now=now, offset=(page - 1) * RESULTS_PER_PAGE, limit=RESULTS_PER_PAGE)
    results = [
        Result(
            kind=hit.kind,
            kind_label=KIND_LABELS.get(hit.kind, hit.kind),
            title_html=marked_html(hit.title),
            breadcrumb=hit.breadcrumb,
            url=hit.url,
            snippet_html=marked_html(hit.snippet),
        )
        for hit in hits
    ]
    return SearchResults(query=query, results=results, total=total, page=page, pages=pages)
