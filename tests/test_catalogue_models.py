"""Registry rules: unique serials, certificate status, Decree 52 figures and warnings."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from registry.catalogue.choices import CertificateStatus, VillageType
from registry.catalogue.models import Certificate, TraditionalTrade
from tests.factories import CertificateFactory, CraftVillagePageFactory

pytestmark = pytest.mark.django_db


def test_certificate_serial_is_unique(home_page):
    first = CertificateFactory(serial="GL-2024-0001")
    with pytest.raises(IntegrityError), transaction.atomic():
        CertificateFactory(serial="GL-2024-0001", product=first.product)


def test_verification_code_is_long_and_url_safe(home_page):
    cert = CertificateFactory()
    assert len(cert.verification_code) >= 32  # 24 bytes → 32 url-safe characters = 192 bits
    assert all(c.isalnum() or c in "-_" for c in cert.verification_code)
    assert cert.verification_code != CertificateFactory().verification_code


def test_certificate_status_valid_expired_revoked(home_page):
    valid = CertificateFactory()
    expired = CertificateFactory(expired=True)
    revoked = CertificateFactory(revoked=True)
    open_ended = CertificateFactory(valid_until=None)
    assert valid.status == CertificateStatus.VALID
    assert expired.status == CertificateStatus.EXPIRED
    assert revoked.status == CertificateStatus.REVOKED
    assert open_ended.status == CertificateStatus.VALID
    statuses = dict(Certificate.objects.with_status().values_list("serial", "current_status"))
    assert statuses == {
        valid.serial: "valid",
        expired.serial: "expired",
        revoked.serial: "revoked",
        open_ended.serial: "valid",
    }
    assert set(Certificate.objects.valid()) == {valid, open_ended}


def test_revoke_needs_a_reason_and_is_recorded(home_page):
    cert = CertificateFactory()
    with pytest.raises(ValidationError):
        cert.revoke("")
    cert.refresh_from_db()
    cert.revoke("Cơ sở ngừng sản xuất.", on=datetime.date(2025, 5, 1))
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.REVOKED
    assert cert.revoked_at == datetime.date(2025, 5, 1)


def test_households_percentage_is_computed(home_page):
    village = CraftVillagePageFactory(households_total=160, households_in_trade=22)
    assert village.households_percentage == Decimal("13.8")
    village.households_total = None
    assert village.households_percentage is None


def test_households_in_trade_cannot_exceed_total(home_page):
    with pytest.raises((IntegrityError, ValidationError)), transaction.atomic():
        CraftVillagePageFactory(households_total=10, households_in_trade=11)


def test_threshold_warnings_for_a_recognized_village_that_fails_decree_52(home_page):
    village = CraftVillagePageFactory(households_total=200, households_in_trade=30, stable_production_years=1)
    warnings = [str(w) for w in village.threshold_warnings()]
    assert any("15.0%" in w and "20%" in w for w in warnings)
    assert any("2 năm" in w for w in warnings)
    village.is_recognized = False
    assert village.threshold_warnings() == []


def test_threshold_warnings_empty_when_criteria_met(home_page):
    village = CraftVillagePageFactory(households_total=200, households_in_trade=80, stable_production_years=5)
    assert village.threshold_warnings() == []


def test_traditional_village_needs_a_trade_older_than_50_years(home_page):
    village = CraftVillagePageFactory(village_type=VillageType.TRADITIONAL)
    assert any("50" in str(w) for w in village.threshold_warnings())
    TraditionalTrade.objects.create(page=village, name="Dệt thổ cẩm", years_present=120)
    assert CraftVillagePageFactory._meta.model.objects.get(pk=village.pk).threshold_warnings() == []
