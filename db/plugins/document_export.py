"""`/-/export/<database>/<document>.jsonl`: one document in the exchange (eval) format.

The same dict `statecraft export` writes for that document (`pipeline.export`), so the
article page's export link and the corpus export agree line for line. Read-only, behind
the same view permissions as the document's row page.
"""

from __future__ import annotations

import json
import re

from datasette import hookimpl
from datasette.utils import tilde_decode
from datasette.utils.asgi import NotFound, Response

TABLE = "documents"


def export_document(conn, document_id: str) -> dict | None:
    """The exchange-format dict of one stored document, or None when it is not stored."""
    from sqlite_utils import Database

    from pipeline.export import export_document as exchange_document

    return exchange_document(Database(conn), document_id)


async def export_view(request, datasette):
    try:
        database = datasette.get_database(route=tilde_decode(request.url_vars["database"]))
    except KeyError as exc:
        raise NotFound("Database not found") from exc
    await datasette.ensure_permissions(
        request.actor,
        [("view-table", (database.name, TABLE)), ("view-database", database.name), "view-instance"],
    )
    document_id = tilde_decode(request.url_vars["document"])
    document = await database.execute_fn(lambda conn: export_document(conn, document_id))
    if document is None:
        raise NotFound("Document not found")
    filename = re.sub(r"[^A-Za-z0-9._-]+", "_", document_id)[:100] or "document"
    return Response(
        json.dumps(document, ensure_ascii=False) + "\n",
        content_type="application/x-ndjson; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{filename}.jsonl"'},
    )


@hookimpl
def register_routes():
    return [(r"^/-/export/(?P<database>[^/]+)/(?P<document>[^/]+)\.jsonl$", export_view)]
