"""Server-rendered SVG charts for the dashboard: no JavaScript, no chart library, text in the page's own fonts."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

COLOURS = {"red": "#c0392b", "orange": "#d9822b", "yellow": "#d4ac0d"}


@dataclass(frozen=True)
class Bar:
    label: str
    parts: list[tuple[str, int]]  # (colour key, value)


def stacked_bars(bars: list[Bar], *, title: str, width: int = 560) -> SafeString:
    """Horizontal stacked bars, one per row, with the total at the end of each."""
    row, label_width, gap = 22, 170, 6
    height = max(1, len(bars)) * (row + gap) + 10
    top = max((sum(v for _, v in bar.parts) for bar in bars), default=0) or 1
    scale = (width - label_width - 50) / top
    out = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for i, bar in enumerate(bars):
        y = 5 + i * (row + gap)
        out.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(bar.label)}</text>'
        )
        x = float(label_width)
        for colour, value in bar.parts:
            if value:
                w = value * scale
                out.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row}" fill="{COLOURS.get(colour, "#607d8b")}">'
                    f"<title>{value}</title></rect>"
                )
                x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + 15}" font-size="12">{sum(v for _, v in bar.parts)}</text>')
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308  (every text above is escaped)


def rate_bars(
    rows: list[tuple[str, float | None]], *, title: str, width: int = 560, lower_is_better: bool = False
) -> SafeString:
    """Horizontal bars of a rate between 0 and 1 (on-time rate per unit, or a correction rate where lower is
    better); "—" where there is nothing to rate."""
    row, label_width, gap = 20, 170, 6
    height = max(1, len(rows)) * (row + gap) + 10
    span = width - label_width - 60
    out = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for i, (label, rate) in enumerate(rows):
        y = 5 + i * (row + gap)
        out.append(f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end" font-size="12">{escape(label)}</text>')
        out.append(f'<rect x="{label_width}" y="{y}" width="{span}" height="{row}" fill="#eceff1"/>')
        if rate is not None:
            good = 1 - rate if lower_is_better else rate
            colour = "#2e7d32" if good >= 0.9 else "#d9822b" if good >= 0.7 else "#c0392b"
            out.append(f'<rect x="{label_width}" y="{y}" width="{span * rate:.1f}" height="{row}" fill="{colour}"/>')
        text = f"{rate:.0%}" if rate is not None else "—"
        out.append(f'<text x="{label_width + span + 6}" y="{y + 14}" font-size="12">{text}</text>')
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308  (every text above is escaped)
