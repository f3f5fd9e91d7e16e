"""The counting rule's description in each language: the English one keeps the old text."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0006_merge_20261130_0648"),
    ]

    operations = [
        migrations.RenameField(
            model_name="portfoliorule", old_name="description", new_name="description_en",
        ),
        migrations.AlterField(
            model_name="portfoliorule", name="description_en",
            field=models.TextField(blank=True, verbose_name="description (English)"),
        ),
        migrations.AddField(
            model_name="portfoliorule", name="description_ru",
            field=models.TextField(blank=True, verbose_name="description (Russian)"),
        ),
        migrations.AddField(
            model_name="portfoliorule", name="description_kk",
            field=models.TextField(blank=True, verbose_name="description (Kazakh)"),
        ),
        migrations.AddField(
            model_name="portfoliorule", name="description_uz",
            field=models.TextField(blank=True, verbose_name="description (Uzbek)"),
        ),
    ]
