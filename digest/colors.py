"""Colours of the email: parse ``#rrggbb``, mix, and measure WCAG contrast.

The issue's palette (light and dark scheme) is derived from a few settings:
text, background and accent per scheme; the muted text (bylines, footer) and
the page around the content column are mixed from those, and the muted text is
darkened or lightened until it keeps a contrast of at least 4.5:1 (WCAG AA).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: WCAG 2 AA minimum contrast for body text.
AA_CONTRAST = 4.5
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")

RGB = tuple[int, int, int]


def is_hex_color(value: str) -> bool:
    """True for ``#rgb`` and ``#rrggbb``."""
    return bool(_HEX.fullmatch(value))


def parse(value: str) -> RGB:
    """``#rgb`` or ``#rrggbb`` as an (r, g, b) tuple of 0..255."""
    if not is_hex_color(value):
        raise ValueError(f"{value!r} is not a colour like #1a73e8")
    digits = value[1:]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def to_hex(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def mix(first: str, second: str, weight: float) -> str:
    """``weight`` of ``first`` and the rest of ``second``, as ``#rrggbb``."""
    a, b = parse(first), parse(second)
    return to_hex(tuple(round(x * weight + y * (1 - weight)) for x, y in zip(a, b)))  # type: ignore[arg-type]


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str | RGB, second: str | RGB) -> float:
    """WCAG contrast ratio between two colours, 1..21."""
    la = luminance(parse(first) if isinstance(first, str) else first)
    lb = luminance(parse(second) if isinstance(second, str) else second)
    light, dark = max(la, lb), min(la, lb)
    return (light + 0.05) / (dark + 0.05)


def readable_mix(text: str, background: str, weight: float, minimum: float = AA_CONTRAST) -> str:
    """A softer ``text`` (mixed toward ``background``) that still keeps ``minimum`` contrast."""
    while weight < 1:
        candidate = mix(text, background, weight)
        if contrast(candidate, background) >= minimum:
            return candidate
        weight = min(1.0, weight + 0.05)
    return mix(text, background, 1.0)


@dataclass(frozen=True)
class Scheme:
    """The colours of one scheme (light or dark)."""

    text: str
    muted: str
    background: str
    page: str
    accent: str
    rule: str
    tint: str
    #: Muted text on the page colour (the footer).
    page_muted: str


def scheme(text: str, background: str, accent: str) -> Scheme:
    """A whole scheme from its three chosen colours."""
    # The page around the content column is a little darker than the column,
    # in both schemes (a dark card on an even darker page reads as a card too).
    page = mix(background, "#000000", 0.95 if luminance(parse(background)) > 0.5 else 0.7)
    return Scheme(
        text=to_hex(parse(text)),
        muted=readable_mix(text, background, 0.7),
        background=to_hex(parse(background)),
        page=page,
        accent=to_hex(parse(accent)),
        rule=mix(text, background, 0.14),
        tint=mix(accent, background, 0.07),
        page_muted=readable_mix(text, page, 0.7),
    )


def weak_pairs(palette: Scheme, name: str) -> list[str]:
    """Warnings for colour pairs of ``palette`` below AA contrast."""
    warnings = []
    for label, fg, bg in (("text", palette.text, palette.background), ("accent", palette.accent, palette.background),
                          ("muted text", palette.muted, palette.background),
                          ("footer text", palette.page_muted, palette.page),
                          ("accent on the tint", palette.accent, palette.tint)):
        ratio = contrast(fg, bg)
        if ratio < AA_CONTRAST:
            warnings.append(f"{name} colours: {label} has a contrast of {ratio:.1f}:1, below {AA_CONTRAST}:1 (WCAG AA)")
    return warnings
