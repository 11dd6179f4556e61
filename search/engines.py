"""The two full-text backends behind ``search.selectors.search_results``.

Each answers the same two questions, how many public documents match (up to a cap) and
which are on a page, best first, with the title and a snippet whose matches are marked
with ``highlight.MARK_START``/``MARK_STOP``. Nothing outside this module knows which
database answered.

* PostgreSQL: ``websearch_to_tsquery`` (words, "quoted phrases", ``-excluded``, ``or``)
  against the stored ``search_vector``, ranked by ``ts_rank`` over the weighted vector
  (a heading outweighs the text under it), with ``ts_headline`` snippets.
* SQLite: FTS5 with Porter stemming, the same query syntax translated to FTS5's
  (``fts5_query``), ranked by ``bm25`` with the title weighted as the heading is on
  PostgreSQL, with FTS5's ``snippet``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection
from django.db.models import F
from django.db.models.expressions import RawSQL

from .highlight import MARK_START, MARK_STOP, strip_marks
from .models import Document

logger = logging.getLogger(__name__)

# Must match the configuration the migration built the stored vector with.
POSTGRES_CONFIG = "english"
# ts_rank normalisation 1: divide by 1 + log(length), so a long section does not win on
# length alone. Weights are PostgreSQL's defaults for D, C (body) and B, A (title).
POSTGRES_NORMALISATION = 1
# bm25 column weights for (title, body): as A (1.0) to C (0.2) on PostgreSQL.
SQLITE_TITLE_WEIGHT = 5.0
SQLITE_BODY_WEIGHT = 1.0
SNIPPET_WORDS = 30
ELLIPSIS = "…"


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str  # marked
    breadcrumb: str
    url: str
    snippet: str  # marked
    rank: float


class PostgresEngine:
    def _query(self, text: str) -> SearchQuery:
        return SearchQuery(text, search_type="websearch", config=POSTGRES_CONFIG)

    def _matches(self, text: str, now: datetime):
        vector = RawSQL('"search_document"."search_vector"', [], output_field=SearchVectorField())
        return (
            Document.objects.public(now=now).alias(vector=vector).filter(vector=self._query(text))
        )

    def count(self, text: str, *, now: datetime, cap: int) -> int:
        if not fts5_query(text):
            return 0  # nothing required (only exclusions): on SQLite too, no results
        return self._matches(text, now).values("pk")[:cap].count()

    def page(self, text: str, *, now: datetime, offset: int, limit: int) -> list[Hit]:
        if not fts5_query(text):
            return []
        query = self._query(text)
        marks = {"start_sel": MARK_START, "stop_sel": MARK_STOP, "config": POSTGRES_CONFIG}
        rows = (
            self._matches(text, now)
            .annotate(
                rank=SearchRank(F("vector"), query, normalization=POSTGRES_NORMALISATION),
                title_marked=SearchHeadline("title", query, highlight_all=True, **marks),
                snippet=SearchHeadline(
                    "body",
                    query,
                    max_words=SNIPPET_WORDS,
                    min_words=SNIPPET_WORDS // 2,
                    max_fragments=2,
                    fragment_delimiter=f" {ELLIPSIS} ",
                    **marks,
                ),
            )
            .order_by("-rank", "kind", "position", "id")
            .values_list("kind", "title_marked", "breadcrumb", "url", "snippet", "rank", "body")
        )
        return [
            Hit(kind, title, crumb, url, _with_ellipses(snippet, body), rank)
            for kind, title, crumb, url, snippet, rank, body in rows[offset : offset + limit]
        ]


def _with_ellipses(snippet: str, body: str) -> str:
    """``ts_headline`` cuts fragments without saying so; FTS5's snippet says "…"."""
    text, body = strip_marks(snippet).strip(), strip_marks(body)
    if not text:
        return snippet
    if not body.startswith(text[:40]):
        snippet = ELLIPSIS + snippet
    if not body.endswith(text[-40:]):
        snippet += ELLIPSIS
    return snippet


_PHRASE_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD_RE = re.compile(r"\w+")


def fts5_query(text: str) -> str:
    """The FTS5 expression for what a learner typed, in ``websearch_to_tsquery``'s terms:
    words are all required, "a phrase" is matched as one, ``or`` between two terms
    accepts either and ``-word`` excludes. Every term is quoted, so nothing typed can be
    read as FTS5 syntax. Returns "" when nothing searchable is left.
    """
    required: list[str] = []
    excluded: list[str] = []
    pending_or = False
    for match in _PHRASE_RE.finditer(text):
        negated, phrase, bare = match[1], match[2], match[3]
        if bare is not None:
            negated = "-" if bare.startswith("-") and len(bare) > 1 else ""
            if bare.lower() == "or" and not negated:
                pending_or = bool(required)
                continue
            phrase = bare[1:] if negated else bare
        words = _WORD_RE.findall(phrase or "")
        if not words:
            continue
        term = '"' + " ".join(words).replace('"', '""') + '"'
        if negated:
            excluded.append(term)
        elif pending_or:
            required[-1] = f"{required[-1]} OR {term}"
        else:
            required.append(term)
        pending_or = False
    if not required:
        return ""
    expression = " AND ".join(f"({term})" if " OR " in term else term for term in required)
    for term in excluded:
        expression = f"{expression} NOT {term}"
    return expression


class SqliteEngine:
    _FROM = (
        " FROM search_document_fts JOIN search_document d ON d.id = search_document_fts.rowid"
        " WHERE search_document_fts MATCH %s AND (d.publish_at IS NULL OR d.publish_at <= %s)"
    )

    def _run(self, sql: str, params: list, expression: str) -> list[tuple]:
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        except DatabaseError:
            # The expression is built from quoted terms only, so this is not expected;
            # a learner sees no results rather than an error page.
            logger.exception("full-text query failed: %r", expression)
            return []

    def _now(self, now: datetime) -> str:
        return connection.ops.adapt_datetimefield_value(now)

    def count(self, text: str, *, now: datetime, cap: int) -> int:
        expression = fts5_query(text)
        if not expression:
            return 0
        sql = f"SELECT count(*) FROM (SELECT 1{self._FROM} LIMIT %s)"
        rows = self._run(sql, [expression, self._now(now), cap], expression)
        return rows[0][0] if rows else 0

    def page(self, text: str, *, now: datetime, offset: int, limit: int) -> list[Hit]:
        expression = fts5_query(text)
        if not expression:
            return []
        sql = (
            "SELECT d.kind, highlight(search_document_fts, 0, %s, %s), d.breadcrumb, d.url,"
            " snippet(search_document_fts, 1, %s, %s, %s, %s),"
            " bm25(search_document_fts, %s, %s) AS rank"
            f"{self._FROM} ORDER BY rank, d.kind, d.position, d.id LIMIT %s OFFSET %s"
        )
        params = [MARK_START, MARK_STOP, MARK_START, MARK_STOP, ELLIPSIS, SNIPPET_WORDS]
        params += [SQLITE_TITLE_WEIGHT, SQLITE_BODY_WEIGHT, expression, self._now(now)]
        params += [limit, offset]
        # bm25 is lower for better matches; the hits say "higher is better" on both.
        return [Hit(*row[:5], rank=-row[5]) for row in self._run(sql, params, expression)]


def engine_for_connection():
    if connection.vendor == "postgresql":
        return PostgresEngine()
    if connection.vendor == "sqlite":
        return SqliteEngine()
    raise ImproperlyConfigured(f"Search supports PostgreSQL and SQLite, not {connection.vendor}.")
