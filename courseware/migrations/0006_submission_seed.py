from django.db import migrations, models

import courseware.models


class Migration(migrations.Migration):
    dependencies = [
        ("courseware", "0005_draft"),
    ]

    operations = [
        # Rows graded before seeds existed keep null: a regrade gives them the exercise's
        # canonical cases, which is what they were graded against.
        migrations.AddField(
            model_name="submission",
            name="seed",
            field=models.BigIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="submission",
            name="seed",
            field=models.BigIntegerField(
                blank=True, default=courseware.models.submission_seed, editable=False, null=True
            ),
        ),
    ]
