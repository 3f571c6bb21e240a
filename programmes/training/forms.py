"""The public forms of the training app: a course registration and the "who to contact in my commune" lookup.

Text is cleaned as it arrives and phone numbers are normalised the way the producers' portal does it
(``registry.producers.forms``: ``CleanCharField``, ``normalize_phone``); the registration form carries the same
honeypot (``HoneypotMixin``), imported rather than written again.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.catalogue.models import Commune
from registry.producers.forms import CleanCharField, CleanEmailField, HoneypotMixin, normalize_phone


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
