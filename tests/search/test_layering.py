"""Search depends on courseware and blog; nothing in the project depends on search.

The sources announce changes (``curriculum_synced``, ``post_save``) and search listens,
so the site works the same with the app's URL and index left out.
"""

import ast
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
OTHER_PACKAGES = ("accounts", "authoring", "blog", "config", "courseware", "enrollment", "grader")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_no_other_package_imports_search():
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for package in OTHER_PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        for name in _imports(path)
        if name == "search" or name.startswith("search.")
    ]
    assert offenders == []


def test_search_imports_only_what_the_layering_rule_allows():
    allowed = ("django", "authoring", "blog", "courseware", "config.ids", "search")
    stray = {
        name
        for path in (ROOT / "search").rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in OTHER_PACKAGES + ("enrollment",) and not name.startswith(allowed)
    }
    assert stray == set()


@pytest.mark.django_db
def test_the_database_keeps_a_full_text_index_beside_the_documents():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'search_document'"
                " AND indexname = 'search_document_vector_gin'"
            )
            assert "USING gin (search_vector)" in cursor.fetchone()[0]
            cursor.execute(
                "SELECT is_generated FROM information_schema.columns"
                " WHERE table_name = 'search_document' AND column_name = 'search_vector'"
            )
            assert cursor.fetchone()[0] == "ALWAYS"
        else:
            cursor.execute(
                "SELECT type, name FROM sqlite_master WHERE name LIKE 'search_document_fts%'"
            )
            found = set(cursor.fetchall())
            assert ("table", "search_document_fts") in found
            for trigger in ("insert", "update", "delete"):
                assert ("trigger", f"search_document_fts_{trigger}") in found
