"""Highlighted FTS snippets for a table searched from Datasette's search box.

Enabled per table by `statecraft-snippets` in its `plugins` metadata (`column`:
the column to cut snippets from, `title`: the column to show as the hit's title).
SQLite marks the matched terms with private-use characters, and only after the text
is escaped do those become `<mark>` elements, so article text can never inject HTML.
The same rendering serves any query column named `snippet` (canned queries).
"""

from __future__ import annotations

import re

from datasette import hookimpl
from datasette.utils import escape_fts, escape_sqlite, path_from_row_pks
from markupsafe import Markup, escape

PLUGIN = "statecraft-snippets"
START, END = "\ue000", "\ue001"
_HIT = re.compile(f"{START}([^{START}{END}]*){END}")


def highlight(snippet: str) -> Markup:
    """Escape a snippet, then turn each marked hit into <mark>; stray markers are dropped."""
    escaped = str(escape(snippet))
    marked = _HIT.sub(r'<mark class="sc-hit">\1</mark>', escaped)
    return Markup(marked.replace(START, "").replace(END, ""))


async def search_hits(datasette, database: str, table: str, search: str, config: dict) -> list:
    """The best-ranked matches of `search` with a snippet each (empty without an FTS table)."""
    db = datasette.get_database(database)
    fts = await db.fts_table(table)
    column = config.get("column")
    if not fts or not column or not search.strip():
        return []
    fts_columns = await db.table_columns(fts)
    if column not in fts_columns:
        return []
    pks = await db.primary_keys(table)
    title = config.get("title")
    limit = int(config.get("limit", 10))
    tokens = int(config.get("tokens", 24))
    title_sql = f"t.{escape_sqlite(title)}" if title else "null"
    pk_sql = ", ".join(f"t.{escape_sqlite(pk)}" for pk in pks) or "t.rowid"
    index = escape_sqlite(fts)
    sql = f"""
        select {pk_sql}, {title_sql} as _title,
               snippet({index}, {fts_columns.index(column)}, :start, :end, '…', :tokens)
                 as _snippet
        from {index} join {escape_sqlite(table)} t on t.rowid = {index}.rowid
        where {index} match :search
        order by rank limit :limit
    """
    params = {"start": START, "end": END, "tokens": tokens, "limit": limit, "search": search}
    try:
        rows = (await db.execute(sql, params)).rows
    except Exception:  # a malformed raw FTS query: Datasette's own search reports it
        return []
    hits = []
    for row in rows:
        row_path = path_from_row_pks(row, pks, not pks)
        hits.append(
            {
                "href": datasette.urls.row(database, table, row_path),
                "title": row["_title"] or row_path,
                "snippet": highlight(row["_snippet"] or ""),
            }
        )
    return hits


@hookimpl
def extra_template_vars(datasette, database, table, view_name, request):
    if view_name != "table" or request is None or not table:
        return {}
    search = request.args.get("_search")
    config = datasette.plugin_config(PLUGIN, database=database, table=table)
    if not config or not search:
        return {}
    mode = request.args.get("_searchmode") or datasette.table_metadata(database, table).get(
        "searchmode"
    )
    if mode != "raw":
        search = escape_fts(search)

    async def snippet_vars() -> dict:
        return {"search_hits": await search_hits(datasette, database, table, search, config)}

    return snippet_vars


@hookimpl
def render_cell(value, column, table):
    if table is None and column == "snippet" and isinstance(value, str) and START in value:
        return highlight(value)
    return None
