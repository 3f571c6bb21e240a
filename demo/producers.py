"""Demo step for the producers' portal (``/co-so-san-xuat/``): two producer accounts acting for demo producers.

* ``coso1@khuyencong.gialai.example`` — Hợp tác xã Mật ong Kbang, whose provincial certificate of its coffee-blossom
  honey expires ``EXPIRING_IN_DAYS`` days after the run (the dashboard marks it, the reminders of 90/30 days apply);
* ``coso2@khuyencong.gialai.example`` — Hợp tác xã Bánh tráng Trường Cửu, with a draft application for "Bánh tráng mè
  đen" in the open competition of 2027 (``cap-tinh-2027``, made by ``demo.competitions``).

Passwords are the demo password (none under production settings). Idempotent: accounts, the certificate and the
application are found again on later runs (the certificate's end date moves so it stays "about to expire").
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.text import split_person_name
from registry.catalogue.choices import CertificateSource, Level
from registry.catalogue.models import Certificate, Producer, ProductPage
from registry.competitions.models import Competition
from registry.producers.models import Application, ProducerAccount
from registry.producers.services import applications

from .site import DEMO_PASSWORD

EXPIRING_IN_DAYS = 45
EXPIRING_SERIAL = "GL-2023-T-0901"
OPEN_COMPETITION = "cap-tinh-2027"

# (e-mail = user name, full name, phone, producer slug, product title, what the README says)
PRODUCER_ACCOUNTS = [
    (
        "coso1@khuyencong.gialai.example",
        "Nguyễn Thị Hạnh",
        "0905111201",
        "htx-mat-ong-kbang",
        "Mật ong hoa cà phê Kbang",
        "producer account: a certificate expiring within 90 days",
    ),
    (
        "coso2@khuyencong.gialai.example",
        "Trần Văn Lộc",
        "0905111202",
        "htx-banh-trang-truong-cuu",
        "Bánh tráng mè đen",
        "producer account: a draft application in the open 2027 competition",
    ),
]


def account_lines():
    """The lines ``seed_demo`` prints under the staff accounts: user name, name, producer, what it shows."""
    return [f"  {email:<33} {name:<16} {slug:<26} {role}" for email, name, _p, slug, _t, role in PRODUCER_ACCOUNTS]


def _account(ctx, email, full_name, phone, producer):
    """The verified producer account ``email`` acting for ``producer`` (created once)."""
    family, given = split_person_name(full_name)
    user, created = get_user_model().objects.get_or_create(
        username=email, defaults={"email": email, "first_name": given, "last_name": family, "is_active": True}
    )
    if created:
        if ctx.known_passwords:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
    now = timezone.now()
    account, _ = ProducerAccount.objects.get_or_create(
        user=user, defaults={"phone": phone, "producer": producer, "email_verified_at": now, "linked_at": now}
    )
    return account


def _expiring_certificate(product):
    """A provincial certificate of ``product`` ending ``EXPIRING_IN_DAYS`` days from today."""
    until = timezone.localdate() + datetime.timedelta(days=EXPIRING_IN_DAYS)
    certificate, created = Certificate.objects.get_or_create(
        serial=EXPIRING_SERIAL,
        defaults={
            "product": product,
            "level": Level.PROVINCIAL,
            "year": 2023,
            "score": Decimal("78"),
            "decision_number": "1456/QĐ-UBND",
            "decision_date": datetime.date(2023, 11, 20),
            "issuer": "UBND tỉnh Gia Lai",
            "valid_from": datetime.date(2023, 11, 20),
            "valid_until": until,
            "source": CertificateSource.IMPORTED,
        },
    )
    if not created and certificate.valid_until != until and certificate.revoked_at is None:
        certificate.valid_until = until
        certificate.save(update_fields=["valid_until"])
    return certificate


def _draft_application(account, product):
    """A draft application of ``product`` in the open competition (found again on later runs)."""
    competition = Competition.objects.filter(slug=OPEN_COMPETITION).first()
    if competition is None:
        return None
    found = Application.objects.filter(competition=competition, producer=account.producer, product=product).first()
    if found is not None:
        return found
    data = applications.prefill(product) | {
        "capacity": "3.000 gói/tháng",
        "market": "Trong tỉnh, TP. Hồ Chí Minh, Đà Nẵng; bán trên sàn thương mại điện tử.",
        "ip_statement": "Sản phẩm do hợp tác xã tự làm, không tranh chấp quyền sở hữu trí tuệ.",
    }
    return applications.create_draft(account, competition, data, product=product)


def seed(ctx):
    """Demo step: the two producer accounts, the expiring certificate and the draft application."""
    made = []
    for email, full_name, phone, slug, title, _role in PRODUCER_ACCOUNTS:
        producer = Producer.objects.filter(slug=slug).first()
        product = ProductPage.objects.filter(producer=producer, title=title).first() if producer else None
        if product is None:
            ctx.write(f"  producer account {email}: demo producer {slug} or its product missing, skipped")
            continue
        account = _account(ctx, email, full_name, phone, producer)
        if slug == PRODUCER_ACCOUNTS[0][3]:
            certificate = _expiring_certificate(product)
            made.append(f"{email} (certificate {certificate.serial} until {certificate.valid_until:%d/%m/%Y})")
        else:
            application = _draft_application(account, product)
            made.append(f"{email} (draft application #{application.pk if application else '–'})")
    ctx.write("  producer accounts: " + "; ".join(made))
