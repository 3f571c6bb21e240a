"""Dossier files uploaded by producers: what is accepted and how it is kept.

Accepted: the dossier extensions of competition entries (``DOSSIER_EXTENSIONS``: PDF, Word, Excel, OpenDocument,
JPEG, PNG, WebP), at most ``PRODUCER_DOSSIER_MAX_BYTES`` each and ``PRODUCER_DOSSIER_MAX_FILES`` per application,
and only when the file's first bytes are those of its extension's format (an ``.pdf`` that is an HTML page or a
program is refused). Files are stored in private storage under a random name, never served by URL, and sent back
only as downloads with ``X-Content-Type-Options: nosniff`` (no browser runs them). There is no antivirus scan on
this machine; the center's staff open files in their own sandboxed viewers.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.text import clean_text
from registry.competitions.models.entries import DOSSIER_EXTENSIONS

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003 / Excel 97–2003
ZIP = b"PK\x03\x04"  # docx, xlsx, odt, ods
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "doc": (OLE,),
    "xls": (OLE,),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "odt": (ZIP,),
    "ods": (ZIP,),
}


def extension(name):
    """The lower-case extension of a file name without the dot (``"Ảnh 1.JPG"`` → ``"jpg"``)."""
    return PurePath(name or "").suffix.lower().lstrip(".")


def content_matches(ext, head):
    """Whether the first bytes ``head`` of a file are those of format ``ext``."""
    if ext == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    return any(head.startswith(signature) for signature in SIGNATURES.get(ext, ()))


def check_upload(upload):
    """Raise ``ValidationError`` (a Vietnamese message) unless ``upload`` (an ``UploadedFile``) may be kept."""
    ext = extension(upload.name)
    if ext not in DOSSIER_EXTENSIONS:
        raise ValidationError(_("Chỉ nhận tệp PDF, Word, Excel, OpenDocument hoặc ảnh JPG, PNG, WebP."), code="type")
    if upload.size > settings.PRODUCER_DOSSIER_MAX_BYTES:
        raise ValidationError(
            _("Tệp lớn hơn %(mb)s MB.") % {"mb": settings.PRODUCER_DOSSIER_MAX_BYTES // (1024 * 1024)}, code="size"
        )
    if upload.size == 0:
        raise ValidationError(_("Tệp rỗng."), code="empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not content_matches(ext, head):
        raise ValidationError(_("Nội dung tệp không đúng định dạng %(ext)s.") % {"ext": ext.upper()}, code="content")


def original_name(upload):
    """The uploaded file's name as the producer sees it again (NFC, no control characters, at most 255)."""
    return clean_text(PurePath(upload.name or "").name)[:255]
