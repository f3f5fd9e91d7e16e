"""A project's sources, and a portfolio figure's source and note, kept once per language: the
English text moves to ``*_en`` as it is, the other languages start empty."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0006_merge_20261130_0648'),
    ]

    operations = [
        migrations.RenameField(model_name='project', old_name='sources', new_name='sources_en'),
        migrations.AlterField(
            model_name='project', name='sources_en',
            field=models.TextField(blank=True, help_text='Where the figures come from, e.g. Kazinform, 7 Aug 2024.', verbose_name='sources (English)'),
        ),
        migrations.AddField(
            model_name='project', name='sources_ru',
            field=models.TextField(blank=True, help_text="The same sources in Russian; a citation's dates are shown in the reader's language either way.", verbose_name='sources (Russian)'),
        ),
        migrations.RenameField(model_name='portfoliofigure', old_name='source', new_name='source_en'),
        migrations.AlterField(
            model_name='portfoliofigure', name='source_en',
            field=models.TextField(blank=True, verbose_name='source (English)'),
        ),
        migrations.AddField(
            model_name='portfoliofigure', name='source_ru',
            field=models.TextField(blank=True, verbose_name='source (Russian)'),
        ),
        migrations.RenameField(model_name='portfoliofigure', old_name='note', new_name='note_en'),
        migrations.AlterField(
            model_name='portfoliofigure', name='note_en',
            field=models.TextField(blank=True, verbose_name='note (English)'),
        ),
        migrations.AddField(
            model_name='portfoliofigure', name='note_ru',
            field=models.TextField(blank=True, verbose_name='note (Russian)'),
        ),
        migrations.AddField(
            model_name='portfoliofigure', name='note_kk',
            field=models.TextField(blank=True, verbose_name='note (Kazakh)'),
        ),
        migrations.AddField(
            model_name='portfoliofigure', name='note_uz',
            field=models.TextField(blank=True, verbose_name='note (Uzbek)'),
        ),
    ]
