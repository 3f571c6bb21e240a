"""Background tasks (django-tasks): reminder e-mails to jurors with unfinished sheets."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .choices import SheetStatus
from .lifecycle import Action, allowed


def unfinished_by_juror(competition):
    """{juror: number of visible entries without a submitted sheet}."""
    from .models import ScoreSheet
    from .services.access import visible_entries

    result = {}
    for juror in competition.jurors.select_related("user", "competition"):
        entries = visible_entries(juror)
        done = ScoreSheet.objects.filter(juror=juror, status=SheetStatus.SUBMITTED, entry__in=entries).count()
        missing = entries.count() - done
        if missing > 0:
            result[juror] = missing
    return result


@task()
def send_reminders(competition_id: int) -> int:
    """E-mail every juror who still has sheets to submit, only while the competition is scoring (the lifecycle
    decides); returns the number of e-mails sent. Links are absolute, built from ``SITE_URL``."""
    from .models import Competition

    competition = Competition.objects.get(pk=competition_id)
    if not allowed(competition, Action.SEND_REMINDERS):
        return 0
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        url = settings.SITE_URL + reverse("competitions:jury-competition", kwargs={"slug": competition.slug})
        for juror, missing in unfinished_by_juror(competition).items():
            if not juror.user.email:
                continue
            subject = _("Nhắc chấm điểm: %(name)s") % {"name": competition.name}
            body = _(
                "Kính gửi %(juror)s,\n\nBạn còn %(missing)s phiếu chấm chưa nộp trong %(name)s.%(deadline)s\n"
                "Mời vào cổng giám khảo: %(url)s\n"
            ) % {
                "juror": juror.display_name,
                "missing": missing,
                "name": competition.name,
                "deadline": (
                    " " + _("Hạn chấm: %(date)s.") % {"date": competition.scoring_deadline.strftime("%d/%m/%Y")}
                )
                if competition.scoring_deadline
                else "",
                "url": url,
            }
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [juror.user.email]))
    return send_mass_mail(messages, fail_silently=False) if messages else 0
