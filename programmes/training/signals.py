"""Signal receivers of the training app: publishing a course (its capacity may have been raised) gives the free
seats to the first people waiting (``services.fill_seats``)."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import CoursePage
from .services import fill_seats


@receiver(page_published, sender=CoursePage)
def fill_seats_on_publish(sender, instance, **kwargs):
    """When a course is published, seats freed by a raised capacity go to the people waiting, in order."""
    fill_seats(instance)
