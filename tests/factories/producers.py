"""Factories of registry/producers: producer accounts (verified, linked to a producer unless told otherwise) and
claims."""

import factory
from django.utils import timezone

from registry.producers.choices import ClaimKind
from registry.producers.models import ProducerAccount, ProducerClaim

from .catalogue import ProducerFactory
from .home import UserFactory


class ProducerAccountFactory(factory.django.DjangoModelFactory):
    """A verified producer account acting for a new producer (``producer=None`` for one not yet linked).
    The user's password is ``secret-pass-123``; its user name is its e-mail address."""

    class Meta:
        model = ProducerAccount

    user = factory.SubFactory(
        UserFactory,
        username=factory.Sequence(lambda n: f"coso{n}@example.org"),
        email=factory.SelfAttribute("username"),
    )
    phone = "0905123456"
    producer = factory.SubFactory(ProducerFactory)
    email_verified_at = factory.LazyFunction(timezone.now)
    linked_at = factory.LazyFunction(timezone.now)


class ProducerClaimFactory(factory.django.DjangoModelFactory):
    """A pending claim of an existing producer by an account not yet linked."""

    class Meta:
        model = ProducerClaim

    account = factory.SubFactory(ProducerAccountFactory, producer=None, linked_at=None)
    kind = ClaimKind.CLAIM
    producer = factory.SubFactory(ProducerFactory, tax_code=factory.Sequence(lambda n: f"59{n:08d}"))
    tax_code = factory.SelfAttribute("producer.tax_code")
    applicant_role = "Giám đốc"


__all__ = ["ProducerAccountFactory", "ProducerClaimFactory"]
