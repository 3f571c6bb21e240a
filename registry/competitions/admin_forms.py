"""Forms of the managers' screens (Bình chọn in the admin): every POST goes through one of these, never parsed by
hand. Numbers accept the Vietnamese decimal comma."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import CompetitionStatus, SheetStatus
from .models import Entry, ScoreSheet


class StatusForm(forms.Form):
    """Move a competition to another state: a reason for a step back, a confirmation to close scoring with
    entries below quorum or drafts outstanding."""

    status = forms.ChoiceField(
        label=_("Trạng thái mới"),
        choices=CompetitionStatus.choices,
        error_messages={"invalid_choice": _("Trạng thái không hợp lệ."), "required": _("Trạng thái không hợp lệ.")},
    )
    reason = forms.CharField(
        label=_("Lý do"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi lùi trạng thái; được ghi vào nhật ký."),
    )
    confirm = forms.BooleanField(
        label=_("Tôi đã xem danh sách trên và vẫn kết thúc chấm"),
        required=False,
    )
    direction = forms.ChoiceField(
        choices=[("forward", _("Tiến")), ("back", _("Lùi"))],
        required=False,
        widget=forms.HiddenInput,
    )


class DecisionForm(forms.Form):
    """The council's decision on one entry."""

    entry = forms.ModelChoiceField(
        label=_("Hồ sơ"),
        queryset=Entry.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Hồ sơ không thuộc cuộc bình chọn này.")},
    )
    recognized = forms.BooleanField(label=_("Công nhận"), required=False)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decision_date = forms.DateField(
        label=_("Ngày quyết định"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày quyết định không hợp lệ (ngày/tháng/năm).")},
    )

    def __init__(self, *args, competition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = Entry.objects.filter(competition=competition)


class ReasonForm(forms.Form):
    """A required reason (reopening a sheet)."""

    reason = forms.CharField(
        label=_("Lý do mở lại phiếu"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Cần ghi lý do mở lại phiếu.")},
    )


class VietnameseDecimalField(forms.CharField):
    """A number typed with a decimal comma or point ("32,5" or "32.5"), in steps of 0,5; empty = unchanged."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in ("", None):
            return None
        try:
            number = Decimal(value.strip().replace(",", "."))
        except InvalidOperation as exc:
            raise forms.ValidationError(_("Hãy nhập một số, ví dụ 32,5.")) from exc
        if not number.is_finite() or (number * 2) % 1 != 0:
            raise forms.ValidationError(_("Điểm chấm theo bước 0,5."))
        return number


class AmendForm(forms.Form):
    """Correct one submitted sheet of a published competition, with a reason (a new results version)."""

    sheet = forms.ModelChoiceField(
        label=_("Phiếu chấm cần sửa"),
        queryset=ScoreSheet.objects.none(),
        error_messages={"invalid_choice": _("Phiếu chấm không hợp lệ.")},
    )
    reason = forms.CharField(
        label=_("Lý do sửa đổi"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hiện công khai trên trang kết quả cùng ngày sửa đổi."),
        error_messages={"required": _("Cần ghi lý do sửa đổi kết quả.")},
    )

    def __init__(self, *args, competition, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.fields["sheet"].queryset = (
            ScoreSheet.objects.filter(entry__competition=competition, status=SheetStatus.SUBMITTED)
            .select_related("entry", "juror__user")
            .order_by("entry__number", "juror_id")
        )
        for c in criteria:
            self.fields[f"score_{c.id}"] = VietnameseDecimalField(
                label=_("Điểm mới tiêu chí %(code)s") % {"code": c.code},
                required=False,
                help_text=_("Để trống nếu không đổi."),
            )

    def values(self):
        """{criterion id: Decimal} of the criteria given a new value."""
        return {
            c.id: self.cleaned_data[f"score_{c.id}"]
            for c in self.criteria
            if self.cleaned_data.get(f"score_{c.id}") is not None
        }
