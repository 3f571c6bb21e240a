"""wagtail-localize's admin in the editor's language where its own catalog cannot reach: names it builds from its
models (the ``Translation`` model has no verbose name, so listings counted "1 translation"; the Translations report's
filters were labelled "Source locale" / "Target locale" from field names) and the dates it writes with ``strftime``
and English month names ("Translated manually on 29 November 2026", the editor's last-published date), which become
dd/mm/yyyy. Its strings are translated in
``locale_admin/vi`` (``django.po`` and ``djangojs.po``). Called from ``core/wagtail_hooks.py``.

Publishing a translation is a publication like any other: a new translation starts as a draft
(``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`` in the settings), the translation editor has a "Gửi duyệt
bản dịch" that saves the draft and starts the page's moderation workflow (``submit_translation_for_moderation``), the
sync publishes and "Chuyển thành trang bí danh" discards only for users allowed to publish (``guarded_urls``), and the
editor's React footer does not offer that conversion to anyone else (``editor_props``)."""

import json

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import DraftStateMixin, Page
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize import models as localize_models
from wagtail_localize.models import Translation
from wagtail_localize.views import convert, edit_translation, update_translations
from wagtail_localize.views.report import TranslationsReportFilterSet

DATE_FORMAT = "%d/%m/%Y"  # strftime: no month names, the same in every language


def translate_localize_names():
    """Give ``Translation`` translatable display names, the report's locale filters translatable labels and
    wagtail-localize's dates the dd/mm/yyyy form. Only the display names change (``_meta.verbose_name``), not the model
    options migrations read (``original_attrs``)."""
    Translation._meta.verbose_name = pgettext_lazy("một", "bản dịch")
    Translation._meta.verbose_name_plural = pgettext_lazy("nhiều", "bản dịch")
    TranslationsReportFilterSet.base_filters["source_locale"].label = _("Ngôn ngữ gốc")
    TranslationsReportFilterSet.base_filters["target_locale"].label = _("Ngôn ngữ đích")
    localize_models.DATE_FORMAT = DATE_FORMAT
    edit_translation.DATE_FORMAT = DATE_FORMAT


SUBMIT = "localize-submit-for-moderation"  # the name of the translation editor's "Gửi duyệt" button


def translation_of(page):
    """The enabled wagtail-localize ``Translation`` whose target is ``page`` (a translated page), or ``None`` when
    ``page`` is not the target of a synced translation."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def submit_translation_for_moderation(request, page):
    """The translation editor's "Gửi duyệt" (``before_edit_page`` hook, POST with ``SUBMIT``): save the translated
    text as a draft of ``page`` (never published) and start the page's moderation workflow, as "Gửi duyệt" does for a
    Vietnamese page, so that an approver approves and publishes it. Returns a redirect to the editor, or ``None``
    for any other request (wagtail-localize's editor then answers). Raises ``PermissionDenied`` when the user may
    not edit the page."""
    if request.method != "POST" or SUBMIT not in request.POST:
        return None
    translation = translation_of(page)
    if translation is None:
        return None
    perms = page.permissions_for_user(request.user)
    if not perms.can_edit():
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    workflow = page.get_workflow()
    if workflow is None or not perms.can_submit_for_moderation():
        messages.error(request, _("Trang này không có quy trình duyệt: người có quyền xuất bản sẽ xuất bản bản dịch."))
        return redirect(edit_url)
    try:
        translation.save_target(user=request.user, publish=False)
    except ValidationError:
        messages.error(request, _("Bản dịch còn lỗi, hãy sửa các ô được đánh dấu rồi gửi duyệt lại."))
        return redirect(edit_url)
    page = page.specific_class.objects.get(pk=page.pk)
    if page.workflow_in_progress:
        messages.success(request, _("Đã lưu bản dịch; bản dịch đang chờ duyệt."))
    else:
        workflow.start(page, request.user)
        messages.success(
            request, _("Đã gửi bản dịch “%(title)s” đi duyệt.") % {"title": page.get_admin_display_title()}
        )
    return redirect(edit_url)


def editor_props(props, page_perms):
    """The translation editor's React props (``props``, wagtail-localize's JSON string) for a user with
    ``page_perms`` (``None`` for snippets): without the "Chuyển thành trang bí danh" link for users who may not
    publish, since that action discards the translation and was the footer's main button for editors."""
    if page_perms is None or page_perms.can_publish():
        return props
    data = json.loads(props)
    data.get("links", {})["convertToAliasUrl"] = None
    return json.dumps(data, cls=DjangoJSONEncoder)


def may_publish(user, instance):
    """Whether ``user`` may publish ``instance`` (a translated page or snippet): a page's publish permission, a
    draftable snippet's ``publish`` permission; snippets without drafts are always saved live."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if isinstance(instance, DraftStateMixin):
        return user.is_superuser or user.has_perm(get_permission_name("publish", type(instance)))
    return True


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """wagtail-localize's "Đồng bộ bản dịch" whose "Xuất bản ngay" publishes the translations only for a user allowed
    to publish every one of them; for anyone else the sync leaves them as drafts, to be sent for approval."""

    def form_valid(self, form):
        if form.cleaned_data.get("publish_translations"):
            targets = []
            for translation in self.object.translations.filter(enabled=True).select_related("target_locale"):
                try:
                    targets.append(translation.get_target_instance())
                except ObjectDoesNotExist:
                    continue  # created by the sync itself, from the source's live status: a draft (settings)
            if not all(may_publish(self.request.user, target) for target in targets):
                form.cleaned_data["publish_translations"] = False
                messages.warning(
                    self.request,
                    _("Bạn không có quyền xuất bản: bản dịch được đồng bộ nhưng chưa xuất bản, hãy gửi duyệt."),
                )
        return super().form_valid(form)


def convert_to_alias(request, page_id):
    """wagtail-localize's "Chuyển thành trang bí danh" (which discards the translation) for users allowed to publish
    the page only; ``PermissionDenied`` (403) for anyone else."""
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


def guarded_urls():
    """Admin URL patterns that answer before wagtail-localize's own (registered first, ``register_admin_urls`` with a
    lower order): the sync and the alias conversion with the publish checks above."""
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsView.as_view(),
            name="localize_update_translations_guarded",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/", convert_to_alias, name="localize_convert_to_alias_guarded"
        ),
    ]
