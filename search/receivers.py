"""Keep the index in step with its sources without them knowing it exists.

``sync_content`` sends ``courseware.content.sync.curriculum_synced`` inside its
transaction, once the curriculum is applied; a post's every save (the admin, the
publish and unpublish actions, the launch-post loader) sends Django's ``post_save``.
Each handler only calls the service that owns the write, inside the same transaction,
so the index never shows a state the site did not commit. Deleting a post or a module
deletes its documents through their foreign keys.
"""

from __future__ import annotations

from django.db.models.signals import post_save

from blog.models import Post
from courseware.content.sync import curriculum_synced

from . import services


def _curriculum_synced(sender, **kwargs) -> None:
    services.curriculum_index_sync()


def _post_saved(sender, instance: Post, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata: the fixture's rows are not final; search_reindex catches up
        return
    services.post_index_sync(post=instance)


def connect() -> None:
    curriculum_synced.connect(_curriculum_synced, dispatch_uid="search.curriculum-synced")
    post_save.connect(_post_saved, sender=Post, dispatch_uid="search.post-saved")
