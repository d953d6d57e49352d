"""Charts as inline SVG, drawn here: no chart library, no network, nothing to execute in the page.

Every label that comes from a document is escaped before it goes into the SVG.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from markupsafe import Markup

#: one colour per PLOVER type family (cooperative, verbal conflict, material conflict)
TYPE_COLOURS = {
    "AGREE": "#2b8a3e", "CONSULT": "#40c057", "SUPPORT": "#69db7c", "CONCEDE": "#8ce99a", "COOPERATE": "#1c7ed6",
    "AID": "#4dabf7", "RETREAT": "#a5d8ff", "REQUEST": "#fab005", "ACCUSE": "#f76707", "REJECT": "#e8590c",
    "THREATEN": "#c92a2a", "PROTEST": "#f03e3e", "SANCTION": "#862e9c", "MOBILIZE": "#ae3ec9", "COERCE": "#5f3dc4",
    "ASSAULT": "#212529",
}


def _svg(width: int, height: int, body: list[str], title: str) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}"><title>{escape(title)}</title>')
    return Markup(head + "".join(body) + "</svg>")


def stance_bars(stance: dict[str, float], *, limit: int = 20) -> Markup:
    """Diverging bars, -1 (against) to +1 (for), one per actor, most discussed first (dict order)."""
    items = list(stance.items())[:limit]
    if not items:
        return Markup("")
    label_w, bar_w, row = 180, 300, 22
    mid = label_w + bar_w // 2
    body = [f'<line x1="{mid}" y1="0" x2="{mid}" y2="{row * len(items)}" class="axis"/>']
    for i, (name, value) in enumerate(items):
        value = max(-1.0, min(1.0, float(value)))
        y = i * row
        length = abs(value) * bar_w / 2
        x = mid if value >= 0 else mid - length
        kind = "pos" if value >= 0 else "neg"
        body.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(name[:40])}</text>')
        body.append(f'<rect class="{kind}" x="{x:.1f}" y="{y + 4}" width="{max(length, 1):.1f}" height="{row - 8}">'
                    f'<title>{escape(name)}: {value:+.2f}</title></rect>')
        body.append(f'<text x="{label_w + bar_w + 6}" y="{y + 15}">{value:+.2f}</text>')
    return _svg(label_w + bar_w + 50, row * len(items), body, "stance per actor, -1 to +1")


def histogram(values: list[float], *, bins: int = 10, title: str = "toxicity") -> Markup:
    """Counts of scores in [0, 1] per bin of width 1/bins."""
    if not values:
        return Markup("")
    counts = [0] * bins
    for v in values:
        counts[min(int(float(v) * bins), bins - 1)] += 1
    width, height, pad = 420, 160, 24
    bar = (width - 2 * pad) / bins
    top = max(counts)
    body = [f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" class="axis"/>']
    for i, n in enumerate(counts):
        h = (height - 2 * pad) * n / top if top else 0
        x, y = pad + i * bar, height - pad - h
        body.append(f'<rect class="bin" x="{x + 1:.1f}" y="{y:.1f}" width="{bar - 2:.1f}" height="{h:.1f}">'
                    f'<title>{i / bins:.1f}–{(i + 1) / bins:.1f}: {n} comments</title></rect>')
        if n:
            body.append(f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{n}</text>')
    for i in (0, bins // 2, bins):
        body.append(f'<text x="{pad + i * bar:.1f}" y="{height - 6}" text-anchor="middle">{i / bins:.1f}</text>')
    return _svg(width, height, body, f"distribution of {title} over the comments")


def timeline(rows: list[dict], *, title: str = "events per month by type") -> Markup:
    """Stacked bars: one bar per period, one colour per event type. ``rows`` are {period, type, events}."""
    if not rows:
        return Markup("")
    per: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rows:
        per[r["period"]][r["type"]] = per[r["period"]].get(r["type"], 0) + int(r["events"])
    periods = sorted(per)
    types = [t for t in TYPE_COLOURS if any(t in per[p] for p in periods)]
    top = max(sum(v.values()) for v in per.values())
    bar = max(8, min(40, 760 // max(len(periods), 1)))
    pad, plot_h = 30, 180
    width = pad * 2 + bar * len(periods)
    body = [f'<line x1="{pad}" y1="{pad + plot_h}" x2="{width - pad}" y2="{pad + plot_h}" class="axis"/>',
            f'<text x="{pad - 4}" y="{pad + 4}" text-anchor="end">{top}</text>']
    for i, period in enumerate(periods):
        y = pad + plot_h
        for t in types:
            n = per[period].get(t, 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            body.append(f'<rect x="{pad + i * bar + 1}" y="{y:.1f}" width="{bar - 2}" height="{h:.1f}" '
                        f'fill="{TYPE_COLOURS[t]}"><title>{escape(period)} {t}: {n}</title></rect>')
        if i % max(1, len(periods) // 12) == 0:
            body.append(f'<text x="{pad + i * bar + bar / 2:.1f}" y="{pad + plot_h + 14}" '
                        f'text-anchor="middle">{escape(period)}</text>')
    legend_y = pad + plot_h + 30
    for j, t in enumerate(types):
        x = pad + (j % 6) * 120
        y = legend_y + (j // 6) * 16
        body.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{TYPE_COLOURS[t]}"/>'
                    f'<text x="{x + 14}" y="{y}">{t}</text>')
    height = legend_y + 16 * ((len(types) + 5) // 6) + 4
    return _svg(max(width, 740), height, body, title)
