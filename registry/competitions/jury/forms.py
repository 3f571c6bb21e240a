"""Forms of the judges' portal."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

HALF = Decimal("0.5")


class ScoreSheetForm(forms.Form):
    """One number (0 … max, step 0.5) and a note per criterion, an overall comment, and a confirmation to submit."""

    comment = forms.CharField(label=_("Nhận xét chung"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    confirm = forms.BooleanField(label=_("Tôi xác nhận nộp phiếu; sau khi nộp sẽ không sửa được."), required=False)

    def __init__(self, *args, criteria, readonly=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            self.fields[f"score_{c.id}"] = forms.DecimalField(
                label=f"{c.code}. {c.name}",
                required=False,
                min_value=Decimal(0),
                max_value=c.max_points,
                max_digits=5,
                decimal_places=1,
                widget=forms.NumberInput(
                    attrs={
                        "step": "0.5",
                        "min": "0",
                        "max": str(c.max_points),
                        "inputmode": "decimal",
                        "data-score": "",
                        "data-max": str(c.max_points),
                    }
                ),
                help_text=_("Từ 0 đến %(max)s điểm") % {"max": c.max_points},
            )
            self.fields[f"note_{c.id}"] = forms.CharField(
                label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        if readonly:
            for field in self.fields.values():
                field.disabled = True

    def rows(self):
        """(criterion, score bound field, note bound field) for the template."""
        return [(c, self[f"score_{c.id}"], self[f"note_{c.id}"]) for c in self.criteria]

    def clean(self):
        data = super().clean()
        for c in self.criteria:
            value = data.get(f"score_{c.id}")
            if value is not None and (value / HALF) % 1 != 0:
                self.add_error(f"score_{c.id}", _("Điểm chấm theo bước 0,5."))
        return data

    def values(self):
        return {
            c.id: (self.cleaned_data.get(f"score_{c.id}"), self.cleaned_data.get(f"note_{c.id}", ""))
            for c in self.criteria
        }

    def total(self):
        """The live total recomputed on the server (None while a criterion is missing)."""
        source = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        values = [source.get(f"score_{c.id}") for c in self.criteria]
        if any(v is None for v in values):
            return None
        return sum(values, Decimal(0))

    @staticmethod
    def initial_for(sheet, scores):
        initial = {"comment": sheet.comment}
        for s in scores:
            initial[f"score_{s.criterion_id}"] = s.value
            initial[f"note_{s.criterion_id}"] = s.note
        return initial


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do (không bắt buộc)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Lý do mở lại phiếu"), widget=forms.Textarea(attrs={"rows": 2}))
