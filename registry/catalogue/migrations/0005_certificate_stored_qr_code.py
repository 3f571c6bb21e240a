"""Certificates store the QR code of their verification page (drawn once, not on every page view); existing
certificates get theirs here."""

from django.conf import settings
from django.db import migrations, models
from django.urls import reverse
from django.utils import translation

from registry.catalogue.qr import absolute_url, unit_qr_svg


def draw_stored_qr_codes(apps, schema_editor):
    """Encode the Vietnamese verification address of every certificate (what ``Certificate.save`` does)."""
    Certificate = apps.get_model("catalogue", "Certificate")
    batch = []
    with translation.override(settings.LANGUAGE_CODE):
        for certificate in Certificate.objects.only("pk", "verification_code").iterator(chunk_size=500):
            url = absolute_url(reverse("catalogue:verify", kwargs={"code": certificate.verification_code}))
            certificate.qr_code_url, certificate.qr_code_svg = url, unit_qr_svg(url)
            batch.append(certificate)
            if len(batch) == 500:
                Certificate.objects.bulk_update(batch, ["qr_code_url", "qr_code_svg"])
                batch = []
    Certificate.objects.bulk_update(batch, ["qr_code_url", "qr_code_svg"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_vietnamese_sort_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="qr_code_svg",
            field=models.TextField(blank=True, editable=False, verbose_name="mã QR (SVG)"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="qr_code_url",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="Trang xác minh mã QR trỏ tới.",
                max_length=300,
                verbose_name="địa chỉ trong mã QR",
            ),
        ),
        migrations.RunPython(draw_stored_qr_codes, migrations.RunPython.noop),
    ]
