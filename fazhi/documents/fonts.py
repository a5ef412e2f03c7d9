"""Fonts for the documents: the bureau's own faces first, then Noto Serif CJK SC (Debian's fonts-noto-cjk).

GB/T 9704 asks for 仿宋_GB2312 and 方正小标宋, which are licensed: a bureau that holds them puts the files in
FAZHI_DOCUMENT_FONT_DIR and they come first in the font stack. WeasyPrint (70) embeds only the glyphs a document uses,
fast enough with the full Noto face (a 2-page decision renders in about 0.3 s), so no subset is prepared beforehand.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

FAMILY = "Noto Serif CJK SC"
FONT_SUFFIXES = {".ttf", ".otf", ".ttc", ".woff", ".woff2"}


def custom_fonts() -> list[Path]:
    folder = settings.FAZHI_DOCUMENT_FONT_DIR
    if not folder:
        return []
    return sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in FONT_SUFFIXES)


def font_face_css() -> tuple[str, str]:
    """(@font-face rules, the font-family stack): the bureau's own faces first, then the Noto face."""
    rules: list[str] = []
    families: list[str] = []
    for path in custom_fonts():
        rules.append(f'@font-face {{ font-family: "{path.stem}"; src: url("{path.as_uri()}"); }}')
        families.append(f'"{path.stem}"')
    families += [f'"{FAMILY}"', "serif"]
    return "\n".join(rules), ", ".join(families)
