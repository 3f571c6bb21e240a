"""The public forms of the training app: a course registration and the "who to contact in my commune" lookup.

Text is cleaned as it arrives and phone numbers are normalised the way the producers' portal does it
(``registry.producers.forms``: ``CleanCharField``, ``normalize_phone``); the registration form carries the same
honeypot (``HoneypotMixin``), imported rather than written again.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Locale

from core.numbers import AmountField
from core.text import clean_text
from registry.catalogue.models import Commune
from registry.producers.forms import CleanCharField, CleanEmailField, HoneypotMixin, normalize_phone


def _cleaning(to_python):
    def cleaned(value):
        return to_python(clean_text(value) if isinstance(value, str) else value)

    return cleaned


def clean_text_field(field):
    """``field`` (a form field), made to ``clean_text`` its value before validating it when it is a text field;
    returned."""
    if isinstance(field, forms.CharField) and not getattr(field, "_text_cleaned", False):
        field.to_python = _cleaning(field.to_python)
        field._text_cleaned = True
    return field


class CleanTextFormMixin:
    """Every text field of the form (``forms.CharField`` and its subclasses: titles, names, reasons, rich text,
    amounts) gets its value through ``core.text.clean_text`` (NFC, control and zero-width characters removed) before
    it is validated: a reason made only of U+200B is empty, so "required" and the model's ``clean()`` see it empty.

    The rule for every form of the programmes apps (project, course and index pages, collaborators)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            clean_text_field(field)


class SourcePickerFormMixin:
    """Pickers of pages (villages, news articles) and producers offer only the source-language (Vietnamese) records:
    an English copy chosen as a beneficiary linked the project to /en/ and hid it from the Vietnamese page."""

    picker_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.picker_fields:
            field = self.fields.get(name)
            if field is not None and hasattr(field, "queryset"):
                field.queryset = source_language_only(field.queryset)


def source_language_only(queryset):
    """``queryset`` restricted to records in the site's default language when its model is translatable
    (Wagtail ``locale``); unchanged otherwise."""
    if any(f.name == "locale" for f in queryset.model._meta.get_fields()):
        return queryset.filter(locale=Locale.get_default())
    return queryset


class CleanChildForm(CleanTextFormMixin, SourcePickerFormMixin, WagtailAdminModelForm):
    """The form of an inline child of a page (a photo's caption, a document's title, a related article): text
    cleaned, the article picker limited to source-language news."""

    picker_fields = ("article",)


class _CleanFormMetaclass(type(WagtailAdminPageForm)):
    """Builds the inline children's forms from ``CleanChildForm`` (modelcluster asks the metaclass)."""

    @classmethod
    def child_form(cls):
        return CleanChildForm


class CleanPageForm(CleanTextFormMixin, SourcePickerFormMixin, WagtailAdminPageForm, metaclass=_CleanFormMetaclass):
    """Wagtail's page form with every text field cleaned (``CleanTextFormMixin``), its inline children's too, and
    the pickers of ``picker_fields`` offering source-language records only."""


class CoursePageForm(CleanPageForm):
    """A course's page form: text cleaned, the fee typed the Vietnamese way (``core.numbers.AmountField``:
    ``1.500.000`` accepted, like the project amounts)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "fee" in self.fields:
            current = self.fields["fee"]
            self.fields["fee"] = clean_text_field(
                AmountField(label=current.label, help_text=current.help_text, required=False)
            )

    def clean_fee(self):
        value = self.cleaned_data.get("fee")
        return 0 if value is None else value


class CollaboratorForm(CleanTextFormMixin, WagtailAdminModelForm):
    """The collaborator snippet's form: text cleaned; the phone rule and the consent rules are the model's
    (``Collaborator.clean``), shown as field errors."""


class CommuneChoiceField(forms.ModelChoiceField):
    """A commune of the province, listed A–Z with its kind ("Xã Ia Grai")."""

    def label_from_instance(self, obj):
        return str(obj)


class RegistrationForm(HoneypotMixin, forms.Form):
    """Registration on a course page: full name (kept as typed, NFC, control characters removed), phone (normalised
    to ``0XXXXXXXXX``), optional e-mail for the confirmation, optional producer name, commune."""

    full_name = CleanCharField(
        label=_("Họ và tên"),
        max_length=150,
        help_text=_("Ví dụ: Rơ Châm H'Nhí."),
        error_messages={"required": _("Vui lòng nhập họ và tên.")},
    )
    phone = CleanCharField(
        label=_("Điện thoại"),
        max_length=30,
        help_text=_("Ví dụ: 0905123456."),
        error_messages={"required": _("Vui lòng nhập số điện thoại.")},
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = CleanEmailField(
        label=_("Thư điện tử"),
        max_length=150,
        required=False,
        help_text=_("Không bắt buộc. Nếu có, chúng tôi gửi mã đăng ký qua thư."),
    )
    producer_name = CleanCharField(
        label=_("Cơ sở sản xuất"),
        max_length=255,
        required=False,
        help_text=_("Không bắt buộc: tên hợp tác xã, doanh nghiệp hoặc hộ kinh doanh nơi bạn làm việc."),
    )
    commune = CommuneChoiceField(
        label=_("Xã/phường"),
        queryset=Commune.objects.filter(effective_until__isnull=True),
        required=False,
        empty_label=_("— Chọn xã/phường —"),
    )
    field_order = ["full_name", "phone", "email", "producer_name", "commune", "website"]

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Vui lòng nhập họ và tên."), code="required")
        return name

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])


class CommuneLookupForm(forms.Form):
    """The commune typed in "who to contact in my commune" (``?xa=``), with or without Vietnamese marks."""

    xa = CleanCharField(
        label=_("Xã/phường của bạn"),
        max_length=80,
        required=False,
        help_text=_("Gõ tên xã/phường, có dấu hoặc không dấu, ví dụ: ia grai."),
    )
