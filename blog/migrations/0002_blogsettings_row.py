"""Create the one BlogSettings row, so reading the settings never has to write."""

from django.db import migrations

# BlogSettings.SINGLETON_ID: the table's check constraint allows no other id.
SINGLETON_ID = 1


def blog_settings_create(apps, schema_editor):
    BlogSettings = apps.get_model("blog", "BlogSettings")
    # A database that already served a post has the row (the old selector made it).
    BlogSettings.objects.get_or_create(id=SINGLETON_ID)


class Migration(migrations.Migration):
    dependencies = [("blog", "0001_initial")]

    # Leaving the row on the way back down keeps whatever staff wrote in it.
    operations = [migrations.RunPython(blog_settings_create, migrations.RunPython.noop)]
