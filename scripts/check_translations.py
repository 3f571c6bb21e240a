"""List the translatable strings of the project that have no English translation in any .po file of the tree.

Runs Django's makemessages (needs GNU gettext) on a temporary copy of the source, then compares its msgids with the
union of every ``locale/en/LC_MESSAGES/django.po`` in the tree. Exit code 1 when something is missing.
Usage: .venv/bin/python scripts/check_translations.py
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


def main():
    missing = sorted(extracted_ids() - translated_ids())
    for msgid in missing:
        print(msgid.replace("\n", "\\n"))
    print(f"{len(missing)} string(s) without an English translation", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
