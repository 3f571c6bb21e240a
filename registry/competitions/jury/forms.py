"""Forms of the judges' portal: the scoring sheet (scores typed as Vietnamese people type them), conflicts, reopening."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .. import scoring

ONE_PLACE = Decimal("0.1")


class ScoreInput(forms.TextInput):
    """A text box with the decimal keypad on phones. Not ``type=number``: browsers set its value to "" when a
    Vietnamese user types the decimal comma, so "32,5" would silently vanish."""

    input_type = "text"

    def format_value(self, value):
        """Show stored numbers with the decimal comma (32.5 → "32,5", 40.0 → "40"); typed text is shown as typed."""
        if isinstance(value, (Decimal, int, float)):
            return scoring.format_number(Decimal(str(value)))
        return super().format_value(value)


class ScoreField(forms.Field):
    """One criterion's score: blank (not scored yet) or a multiple of 0,5 from 0 to ``max_points``.

    "32,5" and "32.5" are both 32.5; "40.00" is 40. Errors name the step and the range in Vietnamese number format
    ("Điểm phải là bội số của 0,5, từ 0 đến 40."). Returns a ``Decimal`` with one decimal place, or ``None``.
    """

    widget = ScoreInput

    def __init__(self, *, max_points, **kwargs):
        self.max_points = Decimal(max_points)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        max_text = scoring.format_number(self.max_points)
        attrs.update(
            {
                "inputmode": "decimal",
                "autocomplete": "off",
                "size": "5",
                "data-score": "",
                "data-max": str(self.max_points),
                "data-rule-message": scoring.rule_message(self.max_points),
                "data-number-message": scoring.not_a_number_message(),
                "placeholder": "0–" + max_text,
            }
        )
        return attrs

    def to_python(self, value):
        try:
            number = scoring.parse_score(value)
        except scoring.NotANumber as exc:
            raise ValidationError(scoring.not_a_number_message(), code="invalid") from exc
        if number is None:
            return None
        if not scoring.score_fits(number, self.max_points):
            raise ValidationError(scoring.rule_message(self.max_points), code="rule")
        return number.quantize(ONE_PLACE)


class ScoreSheetForm(forms.Form):
    """One score (0 … max, step 0,5) and a note per criterion, an overall comment, and a confirmation to submit."""

    comment = forms.CharField(label=_("Nhận xét chung"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    confirm = forms.BooleanField(label=_("Tôi xác nhận nộp phiếu; sau khi nộp sẽ không sửa được."), required=False)

    def __init__(self, *args, criteria, readonly=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            self.fields[f"score_{c.id}"] = ScoreField(
                label=f"{c.code}. {c.name}",
                max_points=c.max_points,
                help_text=_("Từ 0 đến %(max)s điểm, bước 0,5") % {"max": scoring.format_number(c.max_points)},
            )
            if self.auto_id:
                score_id = self.auto_id % self.add_prefix(f"score_{c.id}")
                self.fields[f"score_{c.id}"].widget.attrs["aria-describedby"] = f"{score_id}_helptext {score_id}_error"
            self.fields[f"note_{c.id}"] = forms.CharField(
                label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        if readonly:
            for field in self.fields.values():
                field.disabled = True

    def rows(self):
        """(criterion, score bound field, note bound field) for the template."""
        return [(c, self[f"score_{c.id}"], self[f"note_{c.id}"]) for c in self.criteria]

    def values(self):
        """{criterion id: (Decimal | None, note)} as ``services.sheets.save_sheet`` takes them."""
        return {
            c.id: (self.cleaned_data.get(f"score_{c.id}"), self.cleaned_data.get(f"note_{c.id}", ""))
            for c in self.criteria
        }

    def total(self):
        """The total recomputed on the server (``scoring.values_total``; None while a criterion is missing)."""
        source = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return scoring.values_total(source.get(f"score_{c.id}") for c in self.criteria)

    @staticmethod
    def initial_for(sheet, scores):
        """Initial data of the form from a stored sheet and its scores."""
        initial = {"comment": sheet.comment}
        for s in scores:
            initial[f"score_{s.criterion_id}"] = s.value
            initial[f"note_{s.criterion_id}"] = s.note
        return initial


class ConflictForm(forms.Form):
    """A conflict-of-interest declaration on an entry (reason optional)."""

    reason = forms.CharField(
        label=_("Lý do (không bắt buộc)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReopenForm(forms.Form):
    """The reason for reopening a submitted sheet (required)."""

    reason = forms.CharField(label=_("Lý do mở lại phiếu"), widget=forms.Textarea(attrs={"rows": 2}))
