"""Dossier files uploaded by producers: what is accepted and how it is kept.

Accepted: the dossier extensions of competition entries (``DOSSIER_EXTENSIONS``: PDF, Word, Excel, OpenDocument,
JPEG, PNG, WebP), at most ``PRODUCER_DOSSIER_MAX_BYTES`` each and ``PRODUCER_DOSSIER_MAX_FILES`` per application,
and only when the file's first bytes are those of its extension's format (an ``.pdf`` that is an HTML page or a
program is refused). A ZIP-based document (docx, xlsx, odt, ods) must also be that document inside
(``zip_problem``): its ``[Content_Types].xml`` (Office Open XML, ECMA-376 part 2) names the main part of its type,
or its first member ``mimetype`` (OpenDocument 1.2 part 3) holds its media type; an archive that unpacks to more
than ``PRODUCER_DOSSIER_MAX_UNZIPPED_BYTES`` or that is compressed more than
``PRODUCER_DOSSIER_MAX_ZIP_RATIO`` times overall (a zip bomb), an encrypted member, or macros (``vbaProject.bin``, a
macro-enabled main part, OpenDocument ``Basic/`` or ``Scripts/``) are refused. Only the few small members named
above are read, at most ``ZIP_READ_LIMIT`` bytes each: checking never unpacks the archive. Files are stored
in private storage under a random name, never served by URL, and sent back only as downloads with
``X-Content-Type-Options: nosniff`` (no browser runs them). There is no antivirus scan on this machine (nor a
macro check of Word/Excel 97–2003 files); the center's staff open files in their own sandboxed viewers.
"""

import zipfile
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


ZIP_READ_LIMIT = 256 * 1024  # bytes read from one member ([Content_Types].xml, mimetype, manifest.xml)
ZIP_MAX_MEMBERS = 5000
#: Office Open XML: the main part's content type of each extension, and the macro-enabled variants refused.
OOXML_MAIN = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
OOXML_MACRO_TYPES = ("macroenabled", "vnd.ms-office.vbaproject")
#: OpenDocument: the ``mimetype`` member of each extension.
ODF_MIMETYPE = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
MACRO_MEMBERS = ("vbaproject.bin", "basic/", "scripts/")
MACRO_MESSAGE = _("Tệp có chứa macro (mã lệnh): hãy lưu thành tệp không có macro (.docx, .xlsx, .odt, .ods).")
ENCRYPTED_MESSAGE = _("Tệp được đặt mật khẩu hoặc mã hoá: hãy gửi bản không đặt mật khẩu.")


def _read_member(archive, name):
    """The first ``ZIP_READ_LIMIT`` bytes of member ``name`` (``None`` when absent)."""
    try:
        with archive.open(name) as member:
            return member.read(ZIP_READ_LIMIT)
    except KeyError:
        return None


def _archive_problem(members):
    """Refusals that hold for any ZIP-based document, from its members' headers alone."""
    if len(members) > ZIP_MAX_MEMBERS:
        return _("Tệp nén có quá nhiều thành phần: không nhận."), "zip-bomb"
    total = sum(info.file_size for info in members)
    ratio = total / max(sum(info.compress_size for info in members), 1)
    if total > settings.PRODUCER_DOSSIER_MAX_UNZIPPED_BYTES or ratio > settings.PRODUCER_DOSSIER_MAX_ZIP_RATIO:
        return _("Tệp giải nén ra dung lượng quá lớn (nghi là “bom nén”): không nhận."), "zip-bomb"
    if any(info.flag_bits & 0x1 for info in members):
        return ENCRYPTED_MESSAGE, "encrypted"
    if any(name in info.filename.lower() for info in members for name in MACRO_MEMBERS):
        return MACRO_MESSAGE, "macro"
    return None


def _type_problem(archive, ext, members):
    """Whether the archive really is a document of ``ext`` (and carries no macro-enabled or encrypted part)."""
    wrong = _("Nội dung tệp không đúng định dạng %(ext)s.") % {"ext": ext.upper()}, "content"
    if ext in OOXML_MAIN:
        types = (_read_member(archive, "[Content_Types].xml") or b"").decode("utf-8", "replace").lower()
        if any(marker in types for marker in OOXML_MACRO_TYPES):
            return MACRO_MESSAGE, "macro"
        return None if OOXML_MAIN[ext] in types else wrong
    if not members or members[0].filename != "mimetype" or _read_member(archive, "mimetype") != ODF_MIMETYPE[ext]:
        return wrong
    manifest = _read_member(archive, "META-INF/manifest.xml") or b""
    if b"encryption-data" in manifest:
        return ENCRYPTED_MESSAGE, "encrypted"
    return None


def zip_problem(upload, ext):
    """Why the ZIP-based ``upload`` (its extension ``ext``: docx, xlsx, odt or ods) may not be kept, as
    ``(Vietnamese message, code)``, or ``None``. Codes: ``content`` (not a document of that type), ``zip-bomb``,
    ``encrypted``, ``macro``. Reads only the central directory and small members; leaves the file at offset 0."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            return _archive_problem(members) or _type_problem(archive, ext, members)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, ValueError, EOFError):
        return _("Nội dung tệp không đúng định dạng %(ext)s.") % {"ext": ext.upper()}, "content"
    finally:
        upload.seek(0)


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
    if ZIP in SIGNATURES.get(ext, ()):
        problem = zip_problem(upload, ext)
        if problem:
            raise ValidationError(problem[0], code=problem[1])


def original_name(upload):
    """The uploaded file's name as the producer sees it again (NFC, no control characters, at most 255)."""
    return clean_text(PurePath(upload.name or "").name)[:255]
