"""Editor panels: the Decree 52 threshold check shown at the top of a craft village's edit form."""

from wagtail.admin.panels import Panel


class ThresholdWarningsPanel(Panel):
    """Lists the Decree 52 criteria a recognized village does not meet (computed from the saved record)."""

    @property
    def clean_name(self):
        return super().clean_name or "decree52-warnings"

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalogue/admin/threshold_warnings_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["warnings"] = instance.threshold_warnings() if instance and instance.pk else []
            context["is_new"] = not (instance and instance.pk)
            return context
