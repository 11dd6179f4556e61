"""The search index's table, and the full-text index the database keeps beside it.

PostgreSQL: a stored generated ``tsvector`` column (title weighted A, body C, English
stemming) with a GIN index; the database recomputes it whenever a row is written.
SQLite: an FTS5 table over the same rows (Porter stemming, diacritics folded), kept in
step by triggers. Neither is a model field. The SQL is written out here, not imported,
so this migration stays what it was when it ran.

On SQLite, Django alters a table by rebuilding it, which drops its triggers: a later
migration that alters ``search_document`` must create ``SQLITE_TRIGGERS`` again.
"""

import django.db.models.deletion
from django.db import migrations, models

POSTGRES_FORWARD = [
    """
    ALTER TABLE search_document ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')
    ) STORED
    """,
    "CREATE INDEX search_document_vector_gin ON search_document USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS search_vector",
]
SQLITE_TRIGGERS = [
    """
    CREATE TRIGGER search_document_fts_insert AFTER INSERT ON search_document BEGIN
        INSERT INTO search_document_fts (rowid, title, body)
        VALUES (new.id, new.title, new.body);
    END
    """,
    """
    CREATE TRIGGER search_document_fts_delete AFTER DELETE ON search_document BEGIN
        INSERT INTO search_document_fts (search_document_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END
    """,
    """
    CREATE TRIGGER search_document_fts_update AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_document_fts (search_document_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO search_document_fts (rowid, title, body)
        VALUES (new.id, new.title, new.body);
    END
    """,
]
SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_document_fts USING fts5(
        title, body, content='search_document', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    *SQLITE_TRIGGERS,
    "INSERT INTO search_document_fts (search_document_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_document_fts_insert",
    "DROP TRIGGER IF EXISTS search_document_fts_delete",
    "DROP TRIGGER IF EXISTS search_document_fts_update",
    "DROP TABLE IF EXISTS search_document_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("blog", "0002_blogsettings_row"),
        ("courseware", "0007_submission_handed_back_strict_feedback"),
    ]

    operations = [
        migrations.CreateModel(
            name="Document",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=250, unique=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("section", "Lesson"),
                            ("exercise", "Exercise"),
                            ("post", "Blog post"),
                        ],
                        max_length=10,
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                ("breadcrumb", models.CharField(max_length=600)),
                ("url", models.CharField(max_length=500)),
                ("body", models.TextField()),
                ("position", models.PositiveIntegerField(default=0)),
                ("publish_at", models.DateTimeField(blank=True, null=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "exercise",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="courseware.exercise",
                    ),
                ),
                (
                    "module",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="courseware.module",
                    ),
                ),
                (
                    "post",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="blog.post",
                    ),
                ),
            ],
            options={
                "db_table": "search_document",
                "ordering": ["kind", "position", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("exercise__isnull", True),
                                ("kind", "section"),
                                ("module__isnull", False),
                                ("post__isnull", True),
                            ),
                            models.Q(
                                ("exercise__isnull", False),
                                ("kind", "exercise"),
                                ("module__isnull", True),
                                ("post__isnull", True),
                            ),
                            models.Q(
                                ("exercise__isnull", True),
                                ("kind", "post"),
                                ("module__isnull", True),
                                ("post__isnull", False),
                            ),
                            _connector="OR",
                        ),
                        name="search_document_one_source",
                    )
                ],
            },
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
