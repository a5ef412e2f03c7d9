"""The name search index of the published decisions (one row per distinct character and pair of adjacent characters
of the normalised employer name, filled here for the decisions already published) and the portal's generation row
(fazhi.disclosure.generation)."""

import unicodedata

import django.db.models.deletion
from django.db import migrations, models


def _tokens(name):
    # A frozen copy of fazhi.rules.textsearch.search_tokens (migrations do not import app code that may change).
    folded = unicodedata.normalize("NFKC", name).casefold()
    text = "".join(char for char in folded if char.isalnum())
    return sorted(set(text) | {text[i : i + 2] for i in range(len(text) - 1)})


def fill(apps, schema_editor):
    PublishedDecision = apps.get_model("disclosure", "PublishedDecision")
    PublishedNameToken = apps.get_model("disclosure", "PublishedNameToken")
    PortalGeneration = apps.get_model("disclosure", "PortalGeneration")
    PortalGeneration.objects.get_or_create(pk=1)
    rows = PublishedDecision.objects.values_list("pk", "employer_name", "published_on").iterator()
    PublishedNameToken.objects.bulk_create(
        (
            PublishedNameToken(token=token, decision_id=pk, published_on=published_on)
            for pk, name, published_on in rows
            for token in _tokens(name)
        ),
        batch_size=5000,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('disclosure', '0003_published_officers'),
    ]

    operations = [
        migrations.CreateModel(
            name='PortalGeneration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('value', models.PositiveBigIntegerField(default=0, verbose_name='版本')),
            ],
            options={
                'verbose_name': '公示版本',
                'verbose_name_plural': '公示版本',
            },
        ),
        migrations.CreateModel(
            name='PublishedNameToken',
            fields=[
                ('pk', models.CompositePrimaryKey('token', 'published_on', 'decision', blank=True, editable=False, primary_key=True, serialize=False)),
                ('token', models.CharField(max_length=2, verbose_name='检索词')),
                ('published_on', models.DateField(verbose_name='公示日期')),
                ('decision', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='name_tokens', to='disclosure.publisheddecision')),
            ],
            options={
                'verbose_name': '公示名称检索词',
                'verbose_name_plural': '公示名称检索词',
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
