"""List the translatable strings of the project that have no English translation in any .po file of the tree.

Runs Django's makemessages (needs GNU gettext) on a temporary copy of the source, then compares its msgids with the
union of every ``locale/en/LC_MESSAGES/django.po`` in the tree. Exit code 1 when something is missing.
Usage: .venv/bin/python scripts/check_translations.py [--prune]
With --prune, also delete from every English .po the entries whose msgid is no longer in the source (what a merge
of two branches' .po files can bring back), then run `make messages` to recompile.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "media", "staticfiles", ".git", "node_modules", "tests", "bench", "scripts", ".test-media"}


def catalogue_ids(path):
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale="en")
    ids = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        value = message.string[0] if isinstance(message.string, tuple) else message.string
        ids[key] = value
    return ids


def translated_ids():
    done = set()
    for po in ROOT.rglob("locale/en/LC_MESSAGES/django.po"):
        if any(part in SKIP for part in po.relative_to(ROOT).parts):
            continue
        done.update(k for k, v in catalogue_ids(po).items() if v)
    return done


def extracted_ids():
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "src"
        shutil.copytree(ROOT, copy, ignore=lambda d, names: [n for n in names if n in SKIP or n == "locale"])
        (copy / "locale").mkdir()
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.test")
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete", "-v0"],
            cwd=copy,
            env=env,
            check=True,
        )
        return set(catalogue_ids(copy / "locale/en/LC_MESSAGES/django.po"))


def prune(extracted):
    """Delete from every English .po of the tree the messages whose msgid the source no longer has."""
    from babel.messages.pofile import write_po

    for po in ROOT.rglob("locale/en/LC_MESSAGES/django.po"):
        if any(part in SKIP for part in po.relative_to(ROOT).parts):
            continue
        with open(po, "rb") as handle:
            catalog = read_po(handle, locale="en")
        stale = [m for m in catalog if m.id and (m.id[0] if isinstance(m.id, tuple) else m.id) not in extracted]
        for message in stale:
            catalog.delete(message.id, context=message.context)
        if stale:
            with open(po, "wb") as handle:
                write_po(handle, catalog, width=120, omit_header=False)
            print(f"{po.relative_to(ROOT)}: {len(stale)} stale message(s) removed", file=sys.stderr)


def main():
    extracted = extracted_ids()
    if "--prune" in sys.argv:
        prune(extracted)
    missing = sorted(extracted - translated_ids())
    for msgid in missing:
        print(msgid.replace("\n", "\\n"))
    print(f"{len(missing)} string(s) without an English translation", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
