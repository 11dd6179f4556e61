"""Links between content files: resolving one against the file it is in, and checking
that every link to a module (and its ``#anchor``) lands somewhere.

Finding links in Markdown is the renderer's job (``markdown.links_find``); which files
exist is the loader's. This module joins the two once everything has been rendered,
because an anchor is only known once its target module's headings are.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from authoring.frontmatter import Document
from authoring.problems import Problems

from .markdown import link_is_file, links_find
from .plan import ModuleSpec


def link_target_path(source_path: str, target: str) -> tuple[str, str]:
    """Resolve a relative link against the file it appears in: (content path, anchor)."""
    path, _, anchor = target.partition("#")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(source_path), path))
    return joined, anchor


def links_check(
    *,
    documents: Iterable[tuple[str, Document]],
    modules: dict[str, ModuleSpec],
    module_files: set[str],
    problems: Problems,
) -> None:
    """Report each link to a module file that does not exist or lacks the anchor.

    ``documents`` are (content path, document) pairs; ``modules`` the rendered modules by
    content path; ``module_files`` every well-named module file, loaded or not.
    """
    for rel, doc in documents:
        for ref in links_find(doc.body, doc.body_line):
            if not link_is_file(ref.target):
                continue
            target, anchor = link_target_path(rel, ref.target)
            module = modules.get(target)
            if module is None and target in module_files:
                continue  # the target exists but has problems of its own, reported already
            if module is None:
                problems.add(
                    rel, ref.line, f"broken link '{ref.target}': there is no module {target}"
                )
            elif anchor and anchor not in module.anchors:
                problems.add(
                    rel,
                    ref.line,
                    f"broken link '{ref.target}': {target} has no heading with anchor #{anchor}",
                )
