"""Find Vietnamese text in a rendered English page: the text and readable attributes of every element that is not
inside an element marked ``lang="vi"`` (content shown untranslated, marked as such) or a script/style.

Used by tests/test_english_site.py; ``vietnamese_fragments(html)`` returns the offending fragments.
"""

import re
from html.parser import HTMLParser

# Letters that English does not use but Vietnamese does (with and without tone marks), and đ.
VIETNAMESE_LETTERS = re.compile("[àáảãạăằắẳẵặâầấẩẫậèẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
READABLE_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder", "aria-description", "aria-roledescription"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIP = {"script", "style", "template"}


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, is_vietnamese_region, is_skipped)
        self.found = []

    def _inside(self):
        return self.stack[-1][1:] if self.stack else (False, False)

    def _check(self, text, where):
        if VIETNAMESE_LETTERS.search(text):
            self.found.append(f"{where}: {text.strip()[:120]}")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        vietnamese, skipped = self._inside()
        lang = attrs.get("lang")
        if lang is not None:
            vietnamese = lang.lower().startswith("vi")
        skipped = skipped or tag in SKIP
        if not vietnamese and not skipped:
            for name in READABLE_ATTRIBUTES & attrs.keys():
                self._check(attrs[name] or "", f"<{tag} {name}>")
            if tag == "meta" and (attrs.get("name") in {"description"} or attrs.get("property") in {"og:title"}):
                self._check(attrs.get("content") or "", f"<meta {attrs.get('name') or attrs.get('property')}>")
            if tag == "input" and attrs.get("type") in {"submit", "button"}:
                self._check(attrs.get("value") or "", "<input value>")
        if tag not in VOID:
            self.stack.append((tag, vietnamese, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        vietnamese, skipped = self._inside()
        if not vietnamese and not skipped:
            where = self.stack[-1][0] if self.stack else "document"
            self._check(data, f"<{where}>")


def vietnamese_fragments(html):
    """Every piece of text (or readable attribute) with a Vietnamese letter outside ``lang="vi"`` regions."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found
