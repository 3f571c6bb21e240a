"""Fill empty msgstr entries of a .po file from a ``msgid<TAB>msgstr`` file (one pair a line).

Usage: python scripts/fill_po.py PATH/TO/django.po translations.tsv
Developer tool for keeping the English catalogues complete; the build only compiles them (make messages).
"""

import sys

from babel.messages.pofile import read_po, write_po


def main(po_path, tsv_path):
    with open(po_path, "rb") as handle:
        catalog = read_po(handle, locale="en")
    pairs = {}
    with open(tsv_path, encoding="utf-8") as handle:
        for line in handle:
            if "\t" in line:
                source, target = line.rstrip("\n").split("\t", 1)
                pairs[source] = target
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key in pairs:
            if isinstance(message.id, tuple):
                message.string = (pairs[key], pairs[key])
            else:
                message.string = pairs[key]
            message.flags.discard("fuzzy")
            filled += 1
    catalog.fuzzy = False
    with open(po_path, "wb") as handle:
        write_po(handle, catalog, width=0)
    missing = [m.id for m in catalog if m.id and not (m.string if not isinstance(m.string, tuple) else m.string[0])]
    print(f"filled {filled}; still empty {len(missing)}")
    for item in missing:
        print("  ", item)


if __name__ == "__main__":
    main(*sys.argv[1:3])
