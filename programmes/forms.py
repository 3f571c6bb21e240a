"""The editor's form of a support project page: amounts typed the Vietnamese way."""

from core.numbers import AmountField

from .training.forms import CleanPageForm, clean_text_field

AMOUNT_FIELDS = ("support_amount", "counterpart_amount")


class ProjectPageForm(CleanPageForm):
    """Wagtail's page form (every text field cleaned, the village picker offering Vietnamese villages only) with the amounts in đồng read by ``core.numbers.AmountField`` (``1.500.000`` accepted, a
    decimal comma refused with a message) instead of a browser number input, which drops the comma silently."""

    picker_fields = ("villages",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in AMOUNT_FIELDS:
            if name in self.fields:
                model_field = self._meta.model._meta.get_field(name)
                current = self.fields[name]
                self.fields[name] = clean_text_field(
                    AmountField(label=current.label, help_text=current.help_text, required=not model_field.blank)
                )

    def _clean_amount(self, name):
        value = self.cleaned_data.get(name)
        return 0 if value is None else value

    def clean_support_amount(self):
        return self._clean_amount("support_amount")

    def clean_counterpart_amount(self):
        return self._clean_amount("counterpart_amount")
