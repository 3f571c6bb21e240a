"""Forms of the Wagtail admin that Wagtail leaves partly untranslatable (``WAGTAILADMIN_USER_LOGIN_FORM``)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's admin sign-in form with a translated label on the password field (Wagtail derives it from the field
    name, so a Vietnamese editor read "Password")."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["password"].label = _("Mật khẩu")
