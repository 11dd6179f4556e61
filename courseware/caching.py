"""Caching for the reading pages: the content version, the page cache for visitors and
fragments for everyone else.

**The content version** is one key in the ``content_version`` cache (Redis in
production, a directory on the machine without it: see ``config/settings/_derive.py``).
Every page and fragment key includes it, and ``content_version_bump`` gives it a new
value after anything a reading page shows has changed (``sync_content``, a course
opened or closed to enrolment), so the next request builds new entries and the old
ones are simply never read again until they expire. Keys also carry a fingerprint of
the code and templates (``release``), so a deploy never serves pages rendered by the
previous release.

**The page cache** (``page_cache_for_visitors``) keeps the whole rendered page, plain
and gzipped, for readers who bring nothing personal: no session (so no sign-in and no
knowledge-check answers) and no pending messages. It stores a response only if the
render proved it impersonal: status 200, no cookie set, no CSRF token asked for, no
message shown, session untouched. Such pages get an ``ETag`` and ``Last-Modified``, so a
returning browser revalidates and gets a 304. Every other response is marked never to be
cached by browsers or proxies, as the course page always was.

**Fragments** (``fragment_get``) are pieces of a page that are the same for every
reader of one object (the lesson body with its questions unanswered, the syllabus, the
module list), keyed by content version, kind and object id, never by anything from the
request. Signed-in learners get their own answers, scores and buttons rendered around
them.

**Learner pages** (``page_cache_for_visitors(learners=True)``, the module page) keep a
signed-in learner's own rendered page in the shared cache, so that reading on costs a
cache read instead of a render. The key holds the learner's id, their CSRF secret (a new
sign-in rotates it) and **their learner version**: one small key per learner that
``learner_version_bump`` renews whenever something their pages show changes (an answer, a
graded submission, enrolment, a completed module, their account; ``courseware.signals``
bumps on every save and delete of those rows, the services on their bulk updates). The
CSRF token is cut out before the page is stored and a freshly masked one is put in for
each response, so no two responses carry the same token. A page is stored only when the
render was as clean as for visitors (200, no cookie or message, session untouched), and
never served when a message is waiting for the learner. Nothing is kept by browsers.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date
from django.utils.text import compress_string

VERSION_KEY = "courseware:content-version"
# Stands in for the CSRF token inside cached fragments, where no reader's token may be
# kept; ``csrf_fill`` puts the reader's own token in its place (not a secret).
CSRF_SLOT = "csrf-slot-in-cached-fragment"
# What the response says about itself, for people and the benchmarks.
CACHE_HEADER = "X-Page-Cache"


def _versions():
    return caches["content_version"]


class _Store:
    """The shared cache (``default``) behind this process's own copy (``reading_local``,
    a no-op when ``default`` is local memory already)."""

    def get(self, key: str):
        local, shared = caches["reading_local"], caches["default"]
        value = local.get(key)
        if value is None:
            value = shared.get(key)
            if value is not None:
                local.set(key, value)
        return value

    def set(self, key: str, value, *, timeout: int) -> None:
        caches["default"].set(key, value, timeout=timeout)
        caches["reading_local"].set(key, value)


_STORE = _Store()


def _store() -> _Store:
    return _STORE


def _new_version() -> str:
    return f"{time.time_ns():x}-{secrets.token_hex(4)}"


def _version(key: str, timeout: int | None) -> str:
    """The version under ``key``; a missing one (first use, a flushed cache, an expired
    learner version) is created, which can only make entries fresher."""
    version = _versions().get(key)
    if version is None:
        version = _new_version()
        if not _versions().add(key, version, timeout=timeout):
            version = _versions().get(key, version)
    return version


def _version_bump(key: str, timeout: int | None) -> None:
    """A new version under ``key``, now and again once the surrounding transaction
    commits.

    The first bump makes the change visible to this process's next read at once. The
    second closes a race: a request that read the new version before the commit may
    have cached a page built from the old rows; after the commit it is unreachable too.
    """
    _versions().set(key, _new_version(), timeout=timeout)
    transaction.on_commit(
        lambda: _versions().set(key, _new_version(), timeout=timeout), robust=True
    )


def content_version() -> str:
    """The current content version."""
    return _version(VERSION_KEY, None)


def content_version_bump() -> None:
    """Make every cached page and fragment unreachable (see ``_version_bump``)."""
    _version_bump(VERSION_KEY, None)


def _learner_key(user_id: int) -> str:
    return f"courseware:learner-version:{user_id}"


def learner_version(user_id: int) -> str:
    """The learner's current version. It may expire with the pages it guards: a lost
    version is recreated, never reused."""
    return _version(_learner_key(user_id), settings.PAGE_CACHE_SECONDS)


def learner_version_bump(user_id: int) -> None:
    """Make every cached page of this learner unreachable (see ``_version_bump``)."""
    _version_bump(_learner_key(user_id), settings.PAGE_CACHE_SECONDS)


def csrf_token_for(request: HttpRequest) -> str:
    """One masked CSRF token per request, for every form a page renders: a learner page
    cuts out exactly this string before it is stored (``CSRF_SLOT``)."""
    token = getattr(request, "_courseware_csrf_token", None)
    if token is None:
        token = get_token(request)
        request._courseware_csrf_token = token
    return token


# The code that shapes a reading page: a change to any of these changes every key.
_RELEASE_GLOBS = ("templates/**/*.html", "*/templates/**/*.html", "*/*.py", "*/templatetags/*.py")


@functools.cache
def release() -> str:
    """A fingerprint of the templates, the project's Python and the static manifest,
    computed once per process."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    paths = {p for pattern in _RELEASE_GLOBS for p in base.glob(pattern)}
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        paths.add(manifest)
    for path in sorted(paths):
        if ".venv" in path.parts:
            continue
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _key(*parts: object) -> str:
    raw = ":".join(str(p) for p in parts)
    return f"reading:{hashlib.sha256(raw.encode()).hexdigest()}"


# -- fragments ----------------------------------------------------------------


def fragment_get(kind: str, object_id: int, build: Callable[[], object]):
    """The fragment ``kind`` of object ``object_id``: from the cache, or built by
    ``build()`` (which must return the same thing for every reader) and stored.

    One cache read when warm; a page asks for at most one fragment of each kind."""
    key = _key("fragment", release(), content_version(), kind, object_id)
    value = _store().get(key)
    if value is None:
        value = build()
        _store().set(key, value, timeout=settings.PAGE_CACHE_SECONDS)
    return value


def csrf_fill(html: str, token: str) -> str:
    """Put this reader's CSRF token (or nothing, for a visitor) into a cached fragment."""
    return html.replace(CSRF_SLOT, token)


# -- the page cache -----------------------------------------------------------


@dataclass(frozen=True)
class CachedPage:
    content: bytes
    gzipped: bytes
    content_type: str
    etag: str
    last_modified: float


def _page_cacheable_request(request: HttpRequest) -> bool:
    """Could the page for this request be the same as for any visitor? Decided from
    the request alone, without touching the session (no query)."""
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _messages_touched(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and (storage.used or storage.added_new))


def _render_was_clean(request: HttpRequest, response: HttpResponse) -> bool:
    """A plain 200 that set no cookie, showed no message and left the session as it was:
    the same bytes would be rendered for this reader again."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Content-Encoding")
        and not response.get("Cache-Control")
        and not _messages_touched(request)
        and not (session is not None and session.modified)
    )


def _response_storable(request: HttpRequest, response: HttpResponse) -> bool:
    """Did the render stay impersonal, so any visitor may be given these bytes?"""
    return (
        _render_was_clean(request, response)
        # A {% csrf_token %} was rendered: the page carries this visitor's token.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.user.is_authenticated
    )


def _page_from(response: HttpResponse) -> CachedPage:
    content = response.content
    return CachedPage(
        content=content,
        gzipped=compress_string(content),
        content_type=response["Content-Type"],
        etag=hashlib.sha256(content).hexdigest()[:32],
        last_modified=time.time(),
    )


def _accepts_gzip(request: HttpRequest) -> bool:
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")


def _response_for(
    request: HttpRequest, page: CachedPage, state: str, *, browsers_keep: bool
) -> HttpResponse:
    if _accepts_gzip(request):
        response = HttpResponse(page.gzipped, content_type=page.content_type)
        response["Content-Encoding"] = "gzip"
        # Weak, as Django's GZipMiddleware makes it: the same page, another encoding.
        etag = f'W/"{page.etag}"'
    else:
        response = HttpResponse(page.content, content_type=page.content_type)
        etag = f'"{page.etag}"'
    # The page differs for a signed-in reader (session cookie) and by encoding.
    patch_vary_headers(response, ("Cookie", "Accept-Encoding"))
    response[CACHE_HEADER] = state
    if not browsers_keep:
        add_never_cache_headers(response)
        return response
    response["ETag"] = etag
    response["Last-Modified"] = http_date(page.last_modified)
    # Browsers and proxies may keep it but must ask again each time (a 304 if unchanged),
    # so a new lesson or a closed course shows on the next view.
    patch_cache_control(response, public=True, no_cache=True)
    return get_conditional_response(
        request, etag=etag, last_modified=int(page.last_modified), response=response
    )


# -- learner pages ------------------------------------------------------------


@dataclass(frozen=True)
class LearnerPage:
    content: bytes  # with CSRF_SLOT where the learner's token goes
    content_type: str


def _learner_cacheable_request(request: HttpRequest) -> bool:
    """A signed-in learner's plain GET, with a CSRF secret to key on and no message
    waiting to be shown (looking does not mark a message as shown)."""
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and bool(request.META.get("CSRF_COOKIE"))
        and request.user.is_authenticated
        and not len(get_messages(request))
    )


def _learner_page_key(request: HttpRequest) -> str:
    user_id = request.user.pk
    # Both versions in one round trip; a missing one is created as usual.
    found = _versions().get_many([VERSION_KEY, _learner_key(user_id)])
    return _key(
        "learner-page",
        release(),
        found.get(VERSION_KEY) or content_version(),
        user_id,
        found.get(_learner_key(user_id)) or learner_version(user_id),
        request.META["CSRF_COOKIE"],
        request.scheme,
        request.get_host(),
        request.path,
    )


def _learner_response(request: HttpRequest, page: LearnerPage, state: str) -> HttpResponse:
    token = csrf_token_for(request).encode()
    response = HttpResponse(page.content.replace(CSRF_SLOT.encode(), token), page.content_type)
    response[CACHE_HEADER] = state
    patch_vary_headers(response, ("Cookie",))
    add_never_cache_headers(response)
    return response


def _learner_page(request: HttpRequest, view, args, kwargs) -> HttpResponse:
    key = _learner_page_key(request)
    page = _store().get(key)
    if page is not None:
        return _learner_response(request, page, "learner-hit")
    response = view(request, *args, **kwargs)
    if not _render_was_clean(request, response):
        add_never_cache_headers(response)
        return response
    token = csrf_token_for(request).encode()
    page = LearnerPage(
        content=response.content.replace(token, CSRF_SLOT.encode()),
        content_type=response["Content-Type"],
    )
    # Like every reading page, also kept in this process's own memory (least recently
    # used first out), so a learner reading on costs no 100 KB transfer from Redis.
    _store().set(key, page, timeout=settings.PAGE_CACHE_SECONDS)
    return _learner_response(request, page, "learner-miss")


def page_cache_for_visitors(view=None, *, browsers_keep: bool = True, learners: bool = False):
    """Serve ``view``'s page from the cache to visitors who bring nothing personal, and
    mark every other response never to be kept by a browser or proxy.

    The key is the content version, the release, and the scheme, host and path (the
    page shows its own absolute URL); requests with a query string are rendered, not
    cached, so no one can fill the cache with variants. With ``browsers_keep`` (the
    default) a visitor's page carries ``ETag``/``Last-Modified`` and may be revalidated
    to a 304; without, it is marked never to be kept, like every personal page.
    With ``learners``, a signed-in learner's own page is cached for them too (see
    "Learner pages" above): only for views whose personal state is all covered by the
    learner version, and whose forms take their token from ``csrf_token_for``.
    """
    if view is None:
        return functools.partial(
            page_cache_for_visitors, browsers_keep=browsers_keep, learners=learners
        )

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not _page_cacheable_request(request):
            if learners and _learner_cacheable_request(request):
                return _learner_page(request, view, args, kwargs)
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response
        key = _key(
            "page",
            release(),
            content_version(),
            request.scheme,
            request.get_host(),
            request.path,
        )
        page = _store().get(key)
        if page is not None:
            return _response_for(request, page, "hit", browsers_keep=browsers_keep)
        response = view(request, *args, **kwargs)
        if not _response_storable(request, response):
            add_never_cache_headers(response)
            return response
        page = _page_from(response)
        _store().set(key, page, timeout=settings.PAGE_CACHE_SECONDS)
        return _response_for(request, page, "miss", browsers_keep=browsers_keep)

    return wrapped
