"""Forms of the producers' portal. Every text typed is cleaned as it arrives (``core.text.clean_text``: NFC, no
control or invisible characters pasted from Word), so checks (required, lengths, look-ups) see what is stored.

Public forms carry a honeypot field (``HoneypotMixin``) instead of a third-party CAPTCHA: a hidden text box that
people leave empty and form-filling robots fill.
"""

import re

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.text import clean_text
from registry.catalogue.choices import ProducerKind

from .choices import DocumentKind
from .models import Application, ProducerAccount
from .services.accounts import email_taken, unverified_account


class CleanCharField(forms.CharField):
    """A ``CharField`` whose value is ``clean_text``-ed before validation (NFD → NFC, control characters out)."""

    def to_python(self, value):
        return super().to_python(clean_text(value) if isinstance(value, str) else value)


class CleanEmailField(forms.EmailField):
    """An ``EmailField`` cleaned like ``CleanCharField`` and lower-cased."""

    def to_python(self, value):
        value = super().to_python(clean_text(value) if isinstance(value, str) else value)
        return value.lower() if value else value


def normalize_phone(value):
    """A Vietnamese phone number as stored: digits only, ``+84``/``84`` written as ``0`` (``"+84 905.123.456"`` →
    ``"0905123456"``). Raises ``ValidationError`` unless it has 10 or 11 digits starting with 0 then 1–9."""
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not re.fullmatch(r"0[1-9]\d{8,9}", digits):  # no Vietnamese number starts 00 (0000000000 was accepted)
        raise ValidationError(_("Số điện thoại cần 10 hoặc 11 chữ số, bắt đầu bằng 0, ví dụ 0905123456."))
    return digits


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by ``producers/portal.css``, labelled "leave empty" for screen readers)
    and robots fill; a filled one makes the form invalid, with no detail given."""

    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    honeypot_error = _("Không gửi được biểu mẫu. Vui lòng tải lại trang và thử lại.")

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(self.honeypot_error, code="honeypot")
        return ""

    @property
    def caught_robot(self):
        """Whether the honeypot was filled (the view answers 400 without saving or sending anything)."""
        return any(error.code == "honeypot" for error in self.errors.as_data().get("website", []))


class AccountFieldsForm(forms.Form):
    """Name, phone and password (twice), shared by the sign-up and the invitation forms."""

    full_name = CleanCharField(label=_("Họ và tên"), max_length=150, help_text=_("Ví dụ: Nguyễn Thị Lan."))
    phone = CleanCharField(label=_("Điện thoại"), max_length=30, help_text=_("Ví dụ: 0905123456."))
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ít nhất 8 ký tự, không quá giống tên hay thư điện tử, không toàn chữ số."),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Hai mật khẩu không giống nhau."))
        elif first:
            try:
                password_validation.validate_password(first, self.user_for_validation())
            except ValidationError as error:
                self.add_error("password1", error)
        return data

    def user_for_validation(self):
        """A user-like object with the typed name and e-mail (the similarity validator compares them)."""
        return get_user_model()(
            username=self.cleaned_data.get("email", ""),
            email=self.cleaned_data.get("email", ""),
            first_name=self.cleaned_data.get("full_name", ""),
        )


class SignUpForm(HoneypotMixin, AccountFieldsForm):
    """Sign-up at ``/co-so-san-xuat/dang-ky/``: e-mail (the user name), name, phone, password."""

    email = CleanEmailField(label=_("Thư điện tử"), max_length=150, help_text=_("Dùng để đăng nhập và nhận thư."))
    field_order = ["email", "full_name", "phone", "password1", "password2", "website"]
    taken_message = _("Thư điện tử này đã được đăng ký. Hãy đăng nhập, hoặc dùng “Quên mật khẩu”.")

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email_taken(email):
            raise ValidationError(self.taken_message, code="taken")
        return email


class InvitationSignUpForm(AccountFieldsForm):
    """The sign-up of an invited producer: the e-mail address is the invitation's (already proven)."""

    def __init__(self, *args, email="", **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def user_for_validation(self):
        return get_user_model()(username=self.email, email=self.email, first_name=self.cleaned_data.get("full_name"))


class ResendVerificationForm(HoneypotMixin):
    """Asking for a new verification link."""

    email = CleanEmailField(label=_("Thư điện tử"), max_length=150)


class ProducerLoginForm(AuthenticationForm):
    """The portal's sign-in: the e-mail address as user name (lower-cased), django-axes counting failures."""

    username = CleanEmailField(
        label=_("Thư điện tử"), max_length=150, widget=forms.EmailInput(attrs={"autofocus": True})
    )
    error_messages = {
        "invalid_login": _("Thư điện tử hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản chưa được kích hoạt."),
        "unverified": _(
            "Bạn chưa xác nhận thư điện tử. Hãy mở đường dẫn trong thư chúng tôi đã gửi, hoặc yêu cầu gửi lại thư."
        ),
    }

    def clean(self):
        """Django's check; a right password of an account whose address is not verified yet gets its own message
        (the failed attempt still counts for django-axes)."""
        try:
            return super().clean()
        except ValidationError as error:
            account = unverified_account(self.cleaned_data.get("username") or "")
            if account is not None and account.user.check_password(self.cleaned_data.get("password") or ""):
                raise ValidationError(self.error_messages["unverified"], code="unverified") from error
            raise


class ProducerPasswordResetForm(HoneypotMixin, PasswordResetForm):
    """Password reset request (an e-mail with a link; nothing tells whether the address has an account)."""

    email = CleanEmailField(label=_("Thư điện tử"), max_length=254)

    def get_users(self, email):
        """Only producer accounts: staff and jurors reset their passwords through the admin, not the portal."""
        return (user for user in super().get_users(email) if ProducerAccount.objects.filter(user=user).exists())


class ProducerSetPasswordForm(SetPasswordForm):
    """Choosing a new password from the reset link (Django's form; Vietnamese labels come from the template)."""


class ProducerSearchForm(forms.Form):
    """Finding one's producer in the registry by name (without diacritics) or tax code."""

    q = CleanCharField(label=_("Tên cơ sở hoặc mã số thuế"), max_length=100, required=False)


class IdentifiedProducerForm(forms.Form):
    """A form naming a producer by its tax code or, for a business household without one, its business registration
    number: at least one of the two fields ``tax_code`` and ``registration_number`` is required."""

    def clean(self):
        data = super().clean()
        if not data.get("tax_code") and not data.get("registration_number"):
            raise ValidationError(_("Cần mã số thuế hoặc số giấy chứng nhận đăng ký kinh doanh."))
        return data


class ClaimForm(IdentifiedProducerForm):
    """Claiming a producer of the registry: its tax code or registration number, and who is asking."""

    tax_code = CleanCharField(label=_("Mã số thuế"), max_length=20, required=False)
    registration_number = CleanCharField(
        label=_("Số giấy chứng nhận đăng ký kinh doanh"),
        max_length=40,
        required=False,
        help_text=_("Với hộ kinh doanh chưa có mã số thuế."),
    )
    applicant_role = CleanCharField(
        label=_("Chức vụ của bạn tại cơ sở"), max_length=120, help_text=_("Ví dụ: Giám đốc, Chủ nhiệm, Chủ hộ.")
    )
    note = CleanCharField(label=_("Ghi chú cho cán bộ trung tâm"), required=False, widget=forms.Textarea)


class NewProducerForm(IdentifiedProducerForm):
    """Asking staff to create a producer record that the registry does not have yet."""

    name = CleanCharField(label=_("Tên cơ sở"), max_length=255, help_text=_("Ví dụ: Hợp tác xã Dệt thổ cẩm Phung."))
    producer_kind = forms.ChoiceField(label=_("Loại hình"), choices=ProducerKind.choices)
    tax_code = CleanCharField(label=_("Mã số thuế"), max_length=20, required=False)
    registration_number = CleanCharField(
        label=_("Số giấy chứng nhận đăng ký kinh doanh"), max_length=40, required=False
    )
    representative = CleanCharField(label=_("Người đại diện"), max_length=120)
    address = CleanCharField(label=_("Địa chỉ"), max_length=255)
    applicant_role = CleanCharField(label=_("Chức vụ của bạn tại cơ sở"), max_length=120)
    note = CleanCharField(label=_("Ghi chú cho cán bộ trung tâm"), required=False, widget=forms.Textarea)


class ApplicationForm(forms.ModelForm):
    """The registration form of Circular 26/2014/TT-BCT (as amended) for one product; every text cleaned."""

    class Meta:
        model = Application
        fields = [
            "product_name", "product_group", "description", "materials", "capacity", "market",
            "quality_documents", "food_safety", "ip_statement", "commitment",
        ]  # fmt: skip
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in ("description", "materials", "market")}

    def clean(self):
        data = super().clean()
        for name, value in data.items():
            if isinstance(value, str):
                data[name] = clean_text(value).strip()
        if not data.get("product_name") and "product_name" not in self.errors:
            self.add_error("product_name", _("Cần tên sản phẩm."))
        return data


class UploadForm(forms.Form):
    """One dossier file and its kind."""

    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("Tệp"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF, Word, Excel hoặc ảnh JPG, PNG, WebP; tối đa %(mb)s MB.") % {
            "mb": settings.PRODUCER_DOSSIER_MAX_BYTES // (1024 * 1024)
        }
