"""The web app over a store: server-rendered pages and a JSON API that mirrors them.

    from parley.web.app import create_app
    app = create_app("parley.db")            # read-only

Every page is a template over :mod:`parley.store.queries` (the same questions the CLI asks); the API
returns the same rows as JSON, described at ``/api/openapi.json``. The store is opened read-only
(SQLite ``mode=ro``): the app cannot change it. Lists are paged (at most ``PAGE`` rows a page, page
numbers bounded), search text is bounded (``MAX_QUERY`` characters), every page is escaped, and each
response carries a Content-Security-Policy that allows only the app's own script and style.
"""

import json
import sqlite3
import threading
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from .. import __version__
from ..errors import ParleyError, UsageError
from ..model import COMMENT_SCORES, SEGMENT_KINDS, Document
from ..store import queries
from ..store.schema import MIGRATIONS, applied
from . import charts
from .render import MAX_QUERY, document_context, render

PAGE = 50
MAX_PAGE = 2_000
CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SNIPPET_MARKS = ("\x02", "\x03")


class Store:
    """Read-only connections to one store, one per worker thread."""

    def __init__(self, db: str | Path):
        self.path = Path(db)
        if not self.path.is_file():
            raise UsageError(f"no store at {str(self.path)!r}", hint="create it with `parley ingest PATH... --db FILE`")
        self._local = threading.local()
        conn = self.connection()
        try:
            missing = [name for name, _ in MIGRATIONS if name not in applied(conn)]
        except sqlite3.DatabaseError as exc:
            raise UsageError(f"{str(self.path)!r} is not a parley store ({exc})") from exc
        if missing:
            raise UsageError(f"the store {str(self.path)!r} lacks migrations {', '.join(missing)}",
                             hint=f"bring it up to date with `parley stats --db {self.path}`, then serve it")

    def connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=30)
            conn.execute("PRAGMA query_only = ON")
            self._local.conn = conn
        return conn


def _page_offset(page: int) -> int:
    return (page - 1) * PAGE


def _snippet(text: str | None) -> list[tuple[str, bool]]:
    """A search snippet as (text, matched) parts: the matches are bold in the page, all of it escaped."""
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate((text or "").split(SNIPPET_MARKS[0])):
        if i == 0:
            parts.append((chunk, False))
            continue
        hit, _, rest = chunk.partition(SNIPPET_MARKS[1])
        parts += [(hit, True), (rest, False)]
    return [p for p in parts if p[0]]


def create_app(db: str | Path):
    """The FastAPI application serving the store at ``db``."""
    from fastapi import FastAPI, HTTPException, Query, Request
    from fastapi import Path as PathParam
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse
    from fastapi.staticfiles import StaticFiles
    from starlette.exceptions import HTTPException as StarletteHTTPException

    store = Store(db)
    app = FastAPI(title="parley", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="What parley found in a corpus of official statements and the comments under them. "
                  "Every row carries the document and segment it comes from.")
    static = Path(__file__).with_name("static")
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api")

    def error(request: Request, status: int, message: str, hint: str | None = None):
        if wants_json(request):
            return JSONResponse({"error": message, "hint": hint}, status_code=status)
        return HTMLResponse(render("error.html", status=status, message=message, hint=hint), status_code=status)

    @app.exception_handler(ParleyError)
    async def parley_error(request: Request, exc: ParleyError):
        hint = getattr(exc, "hint", None)
        return error(request, 400, str(exc), hint if hint and hint not in str(exc) else None)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ())[1:])}: {e.get('msg')}" for e in exc.errors())
        return error(request, 422, f"invalid request: {problems}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return error(request, exc.status_code, str(exc.detail))

    conn = store.connection
    Text = Annotated[str | None, Query(max_length=200)]
    Date = Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
    Page = Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)]
    Kind = Annotated[str | None, Query(max_length=20)]

    def page(template: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(render(template, app=True, **context))

    def doc_filters(since, until, speaker, country, kind) -> dict[str, Any]:
        return {"since": since or None, "until": until or None, "speaker": speaker or None,
                "country": (country or "").upper() or None, "kind": kind or None}

    def load(document_id: str) -> Document:
        row = queries.document(conn(), document_id)
        if row is None:
            raise HTTPException(404, f"no document {document_id!r} in this store")
        return Document.from_dict(json.loads(row["json"]))

    # -- documents -------------------------------------------------------------------------------
    def list_documents(since, until, speaker, country, kind, page_no):
        filters = doc_filters(since, until, speaker, country, kind)
        rows = queries.documents(conn(), limit=PAGE, offset=_page_offset(page_no), **filters)
        total = queries.count_documents(conn(), **filters)
        return filters, rows, total

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(since: Date = None, until: Date = None, speaker: Text = None, country: Text = None, kind: Kind = None,
             page_no: Page = 1):
        filters, rows, total = list_documents(since, until, speaker, country, kind, page_no)
        return page("index.html", rows=rows, total=total, filters=filters, kinds=SEGMENT_KINDS,
                    pager=_pager("/", filters, page_no, total))

    @app.get("/api/documents", tags=["documents"], summary="Documents, with filters")
    def api_documents(since: Date = None, until: Date = None, speaker: Text = None, country: Text = None,
                      kind: Kind = None, page_no: Page = 1):
        _, rows, total = list_documents(since, until, speaker, country, kind, page_no)
        return {"total": total, "page": page_no, "page_size": PAGE, "documents": rows}

    @app.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(document_id: Annotated[str, PathParam(max_length=64)],
                      part: Annotated[int, Query(ge=1, le=100_000)] = 1):
        return page("document.html", **document_context(load(document_id), part=part))

    @app.get("/api/documents/{document_id}", tags=["documents"],
             summary="One document as parley.document/1 JSON (the analyze command's output)")
    def api_document(document_id: Annotated[str, PathParam(max_length=64)]):
        return load(document_id).to_dict()

    # -- search ----------------------------------------------------------------------------------
    Q = Annotated[str, Query(min_length=1, max_length=MAX_QUERY)]

    def run_search(q, kind, speaker, since, until, page_no):
        return queries.search(conn(), q, kind=kind or None, speaker=speaker or None, since=since or None,
                              until=until or None, limit=PAGE, offset=_page_offset(page_no), marks=SNIPPET_MARKS)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: Annotated[str, Query(max_length=MAX_QUERY)] = "", kind: Kind = None, speaker: Text = None,
                    since: Date = None, until: Date = None, page_no: Page = 1):
        rows = run_search(q, kind, speaker, since, until, page_no) if q.strip() else []
        for row in rows:
            row["parts"] = _snippet(row["snippet"])
        filters = {"q": q, "kind": kind, "speaker": speaker, "since": since, "until": until}
        return page("search.html", q=q, rows=rows, filters=filters, kinds=SEGMENT_KINDS,
                    pager=_pager("/search", filters, page_no, None, len(rows)))

    @app.get("/api/search", tags=["search"], summary="Full-text search over segments, best first")
    def api_search(q: Q, kind: Kind = None, speaker: Text = None, since: Date = None, until: Date = None,
                   page_no: Page = 1):
        rows = run_search(q, kind, speaker, since, until, page_no)
        for row in rows:
            row["snippet"] = row["snippet"].replace(SNIPPET_MARKS[0], "[").replace(SNIPPET_MARKS[1], "]")
        return {"q": q, "page": page_no, "page_size": PAGE, "results": rows}

    # -- actors ----------------------------------------------------------------------------------
    def list_actors(name, country, page_no):
        return queries.actors(conn(), name=name or None, country=country or None, limit=PAGE,
                              offset=_page_offset(page_no))

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(name: Text = None, country: Text = None, page_no: Page = 1):
        rows = list_actors(name, country, page_no)
        filters = {"name": name, "country": country}
        return page("actors.html", rows=rows, filters=filters,
                    pager=_pager("/actors", filters, page_no, None, len(rows)))

    @app.get("/api/actors", tags=["actors"], summary="Actors across the store, most mentioned first")
    def api_actors(name: Text = None, country: Text = None, page_no: Page = 1):
        return {"page": page_no, "page_size": PAGE, "actors": list_actors(name, country, page_no)}

    Key = Annotated[str, PathParam(min_length=1, max_length=200)]

    def one_actor(key: str) -> dict[str, Any]:
        data = queries.actor(conn(), key, limit=200)
        if not data["about"]:
            raise HTTPException(404, f"no actor {key!r} in this store")
        return data

    @app.get("/actors/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(key: Key):
        data = one_actor(key)
        return page("actor.html", a=data, chart=charts.timeline(data["timeline"],
                                                                 title=f"events of {key} per month by type"))

    @app.get("/api/actors/{key:path}", tags=["actors"],
             summary="One actor (country code or name): what it said and its events as actor or recipient")
    def api_actor(key: Key):
        return one_actor(key)

    # -- dyads -----------------------------------------------------------------------------------
    Side = Annotated[str, Query(max_length=200)]

    @app.get("/dyad", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(a: Side = "", b: Side = "", since: Date = None, until: Date = None):
        data = queries.dyad(conn(), a, b, since=since, until=until, limit=500) if a and b else None
        chart = charts.timeline(data["timeline"], title=f"events between {a} and {b} per month") if data else ""
        return page("dyad.html", a=a, b=b, since=since, until=until, data=data, chart=chart)

    @app.get("/api/dyad", tags=["events"], summary="Events between two sides per month and type, and the events")
    def api_dyad(a: Side, b: Side, since: Date = None, until: Date = None):
        return queries.dyad(conn(), a, b, since=since, until=until, limit=500)

    # -- moderation ------------------------------------------------------------------------------
    Attribute = Annotated[str, Query(max_length=30)]
    Threshold = Annotated[float, Query(ge=0.0, le=1.0)]

    def flagged(attribute, threshold, page_no):
        return queries.comments(conn(), attribute=attribute, threshold=threshold, limit=PAGE,
                                offset=_page_offset(page_no))

    @app.get("/moderation", response_class=HTMLResponse, include_in_schema=False)
    def moderation_page(attribute: Attribute = "toxicity", threshold: Threshold = 0.5, page_no: Page = 1):
        rows = flagged(attribute, threshold, page_no)
        filters = {"attribute": attribute, "threshold": threshold}
        return page("moderation.html", rows=rows, filters=filters, attributes=COMMENT_SCORES,
                    pager=_pager("/moderation", filters, page_no, None, len(rows)))

    @app.get("/api/comments", tags=["moderation"], summary="Comments by score, highest first, with flag evidence")
    def api_comments(attribute: Attribute = "toxicity", threshold: Threshold = 0.5, page_no: Page = 1):
        return {"attribute": attribute, "threshold": threshold, "page": page_no, "page_size": PAGE,
                "comments": flagged(attribute, threshold, page_no)}

    # -- about -----------------------------------------------------------------------------------
    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_index():
        routes = [(r.path, r.summary) for r in app.routes if getattr(r, "include_in_schema", False)]
        return page("api.html", routes=routes)

    @app.get("/api/stats", tags=["store"], summary="What the store holds")
    def api_stats():
        return queries.stats(conn())

    return app


def _pager(path: str, filters: dict[str, Any], page_no: int, total: int | None,
           shown: int | None = None) -> dict[str, str | None]:
    """Links to the previous and next pages, keeping the filters."""
    keep = {k: v for k, v in filters.items() if v not in (None, "")}
    more = (page_no * PAGE < total) if total is not None else (shown == PAGE)
    link = lambda n: f"{path}?{urlencode({**keep, 'page': n})}"  # noqa: E731
    return {"previous": link(page_no - 1) if page_no > 1 else None,
            "next": link(page_no + 1) if more and page_no < MAX_PAGE else None, "page": str(page_no)}

