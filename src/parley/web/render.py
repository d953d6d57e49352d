"""Pages from templates: the self-contained report of one document, and the web app's pages.

One Jinja2 environment with autoescaping on for every template: a string from a document is always
text, never markup. The only markup not escaped is our own (the stylesheet, the script, the SVG charts
that ``charts`` builds with escaped labels).
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from .. import __version__
from ..model import Document
from . import charts
from .views import PART_SIZE, document_view

#: the longest search text the pages accept (the API says the same)
MAX_QUERY = 500


@cache
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("parley.web", "templates"), autoescape=True, undefined=StrictUndefined)
    env.filters["part"] = lambda value: quote(str(value), safe="")  # one URL path segment, "/" included
    env.globals.update(part_size=PART_SIZE, version=__version__, max_query=MAX_QUERY, inline=False, q="", app=False,
                       stance_chart="", toxicity_chart="")
    return env


@cache
def asset(name: str) -> str:
    return (resources.files("parley.web") / "static" / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def document_context(doc: Document, part: int | None = None) -> dict[str, Any]:
    view = document_view(doc, part=part)
    summary = view["summary"]
    return {"v": view, "stance_chart": charts.stance_bars(summary.stance) if summary else "",
            "toxicity_chart": charts.histogram(view["toxicity"])}


def report(doc: Document) -> str:
    """One self-contained HTML page for ``doc``: styles and script inline, nothing fetched.

    The page's Content-Security-Policy allows only this page's own style and script (by hash), no
    network at all, and images only as inline data: a script that came in with the document's text
    could not run even if it were ever left unescaped."""
    css, js = asset("parley.css"), asset("parley.js")
    csp = (f"default-src 'none'; style-src {_sha256(css)}; script-src {_sha256(js)}; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    return render("report.html", inline=True, css=Markup(css), js=Markup(js), csp=csp, app=False,
                  **document_context(doc))
