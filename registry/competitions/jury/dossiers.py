"""Downloading a dossier file: the only way to read one (files are in private storage, with no public URL).

Allowed: managers (``manage_competitions``) and jurors who may score the entry (a seat on a competition visible in
the portal, the entry among their ``visible_entries``: not conflicted, assigned when assignment is balanced) and,
while scoring, who have stated "no conflict of interest" with the entry.
Everyone else, logged in or not, gets 404 (the file's existence is not revealed). The file is sent under its neutral
name (``SP-2026-010-ho-so-1.pdf``), never under the uploaded name, and is not cached by shared caches.
"""

import mimetypes

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from ..models import Entry, EntryDocument
from ..services.access import is_manager, juror_seats, visible_entries
from ..services.conflicts import statement_required

INLINE_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/webp"}


def may_download(user, entry) -> bool:
    """True for managers and for jurors who may see ``entry`` in the portal and, while scoring, have stated "no
    conflict of interest" with it (``conflicts.statement_required``)."""
    if is_manager(user):
        return True
    seat = juror_seats(user).filter(competition_id=entry.competition_id).select_related("competition").first()
    if seat is None or not visible_entries(seat).filter(pk=entry.pk).exists():
        return False
    return not statement_required(seat, entry)


def download(request, slug, code, pk, filename):
    """Send dossier file ``pk`` of entry ``code`` when the user may read it; 404 otherwise."""
    entry = get_object_or_404(Entry.objects.select_related("competition"), competition__slug=slug, code=code)
    if not may_download(request.user, entry):
        raise Http404
    document = get_object_or_404(EntryDocument, pk=pk, entry=entry)
    document.entry = entry
    if filename != document.neutral_name:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(document.neutral_name)[0] or "application/octet-stream"
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=content_type not in INLINE_TYPES,
        filename=document.neutral_name,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
