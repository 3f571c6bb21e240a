"""Forms of the producers' proposals of corrections (``registry/producers/corrections.py``). Texts are cleaned as
they arrive (``CleanCharField``: NFC, no control or invisible characters); pictures are checked by
``corrections.check_photo`` (type, size, first bytes, readable).

The producer's web site is the field ``website_url``: ``website`` is the honeypot's name in every portal form
(``producers/_form.html`` hides it).
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.text import clean_text

from .corrections import MAX_NEW_PHOTOS, PRODUCER_FIELDS, PRODUCT_FIELDS, check_photo
from .forms import CleanCharField, CleanEmailField

PHOTO_ACCEPT = "image/jpeg,image/png,image/webp"


class CleanURLField(forms.URLField):
    """A ``URLField`` cleaned like ``CleanCharField``."""

    def to_python(self, value):
        return super().to_python(clean_text(value) if isinstance(value, str) else value)


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several pictures in one ``<input type=file multiple>``; each is checked by ``check_photo``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": PHOTO_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_NEW_PHOTOS:
            raise forms.ValidationError(_("Mỗi lần gửi tối đa %(n)s ảnh.") % {"n": MAX_NEW_PHOTOS}, code="too_many")
        cleaned = [super(MultiplePhotoField, self).clean(upload, initial) for upload in files]
        for upload in cleaned:
            check_photo(upload)
        return cleaned


def photo_field(label):
    return forms.FileField(
        label=label,
        required=False,
        validators=[check_photo],
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_ACCEPT}),
    )


PHOTO_HELP = _("Ảnh JPG, PNG hoặc WebP, mỗi ảnh tối đa %(mb)s MB.")


class PhotoHelpMixin:
    """Writes the size limit (``PRODUCER_DOSSIER_MAX_BYTES``, in MB) into the pictures' help texts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mb = settings.PRODUCER_DOSSIER_MAX_BYTES // (1024 * 1024)
        for field in self.fields.values():
            if isinstance(field, forms.FileField):
                field.help_text = PHOTO_HELP % {"mb": mb}


class ProducerCorrectionForm(PhotoHelpMixin, forms.Form):
    """The public fields of the producer's profile, pre-filled from the live record (``initial_for``)."""

    name = CleanCharField(label=_("Tên cơ sở"), max_length=255)
    address = CleanCharField(label=_("Địa chỉ"), max_length=255, required=False)
    phone = CleanCharField(label=_("Điện thoại"), max_length=50, required=False)
    email = CleanEmailField(label=_("Thư điện tử"), required=False)
    website_url = CleanURLField(label=_("Trang web"), required=False, assume_scheme="https")
    description = CleanCharField(
        label=_("Giới thiệu"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    logo = photo_field(_("Logo mới"))

    @staticmethod
    def initial_for(producer):
        initial = {name: getattr(producer, name) for name in PRODUCER_FIELDS}
        initial["website_url"] = initial.pop("website")
        return initial

    def proposal(self):
        """``(data, logo)`` for ``corrections.propose_producer``."""
        data = {name: self.cleaned_data[name] for name in PRODUCER_FIELDS if name != "website"}
        data["website"] = self.cleaned_data["website_url"]
        return data, self.cleaned_data.get("logo")


class ProductCorrectionForm(PhotoHelpMixin, forms.Form):
    """The product's descriptions and pictures, pre-filled from the live page."""

    summary = CleanCharField(
        label=_("Mô tả ngắn"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    materials = CleanCharField(
        label=_("Nguyên liệu, thành phần"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    packaging = CleanCharField(label=_("Quy cách đóng gói"), required=False, max_length=255)
    where_to_buy = CleanCharField(
        label=_("Nơi mua"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    hero = photo_field(_("Ảnh đại diện mới"))
    photos = MultiplePhotoField(label=_("Thêm ảnh vào thư viện ảnh (tối đa 6 ảnh)"), required=False)

    @staticmethod
    def initial_for(page):
        return {name: getattr(page, name) for name in PRODUCT_FIELDS}

    def proposal(self):
        """``(data, hero, photos)`` for ``corrections.propose_product``."""
        data = {name: self.cleaned_data[name] for name in PRODUCT_FIELDS}
        return data, self.cleaned_data.get("hero"), self.cleaned_data.get("photos") or []
