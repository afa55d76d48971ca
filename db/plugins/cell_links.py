"""Table and query cells that read well: ids become labelled links, long labels are cut.

Configured by the instance-level `statecraft-cells` block in metadata: `links` maps a
column that holds a row id without being a declared foreign key (a canned query's
`document_id`, instrument_mentions' `actor_entity_id`, ...) to the table it names; the
cell then shows that row's label (its table's `label_column`) linking to the row, as
Datasette does for foreign keys; in a canned query, which selects the labels it wants as
columns of its own, the id only links (no query per cell). `max_label` cuts long labels
(a mention's sentence), with the full text kept in the title attribute. Everything is
escaped.
"""

from __future__ import annotations

import weakref

from datasette import hookimpl
from datasette.utils import escape_sqlite, tilde_encode
from markupsafe import Markup, escape

PLUGIN = "statecraft-cells"
# Datasette instance → its `statecraft-cells` settings; metadata is fixed for a server's life
_SETTINGS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def cell_settings(datasette) -> dict:
    """The plugin's settings, read once per Datasette instance: `render_cell` runs for
    every cell, and reading metadata for each of a 1,000-row page's 14,000 cells took
    about a third of the page's time."""
    settings = _SETTINGS.get(datasette)
    if settings is None:
        settings = _SETTINGS[datasette] = datasette.plugin_config(PLUGIN) or {}
    return settings


def cut(label: str, limit: int) -> str:
    """`label` shortened to at most `limit` characters at a word boundary, with an ellipsis."""
    if not limit or len(label) <= limit:
        return label
    head = label[: limit - 1]
    if " " in head[limit // 2 :]:
        head = head[: head.rindex(" ")]
    return head.rstrip(" ,;:") + "…"


def labelled_link(href: str, label: str | None, value: object, limit: int) -> Markup:
    """`<a>label</a> <em>id</em>` like Datasette's foreign-key cells, or a bare id link."""
    value = str(value)
    if not label or label == value:
        return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')
    shown = cut(label, limit)
    title = f' title="{escape(label)}"' if shown != label else ""
    return Markup(
        f'<a href="{escape(href)}"{title}>{escape(shown)}</a>&nbsp;<em>{escape(value)}</em>'
    )


# (database, table) → (label column, primary key): asked once per table, not once per cell
_LABEL_SOURCES: dict[tuple[str, str], tuple[str | None, str | None]] = {}


async def _label_source(db, table: str) -> tuple[str | None, str | None]:
    key = (db.name, table)
    if key not in _LABEL_SOURCES:
        column = await db.label_column_for_table(table)
        pks = await db.primary_keys(table)
        _LABEL_SOURCES[key] = (column, pks[0] if len(pks) == 1 else None)
    return _LABEL_SOURCES[key]


async def _label(datasette, database: str, table: str, value: object) -> str | None:
    db = datasette.get_database(database)
    column, pk = await _label_source(db, table)
    if not column or not pk:
        return None
    pks = [pk]
    sql = "select {} from {} where {} = ?".format(*map(escape_sqlite, (column, table, pks[0])))
    rows = (await db.execute(sql, [value])).rows
    return str(rows[0][0]) if rows and rows[0][0] is not None else None


@hookimpl
def render_cell(value, column, table, database, datasette):
    config = cell_settings(datasette)
    limit = int(config.get("max_label") or 0)
    target = (config.get("links") or {}).get(column)
    if isinstance(value, dict):  # a declared foreign key, expanded by Datasette
        label = str(value.get("label") or "")
        if not (limit and len(label) > limit and table):
            return None

        async def short_label():
            db = datasette.get_database(database)
            keys = {
                fk["column"]: fk["other_table"] for fk in await db.foreign_keys_for_table(table)
            }
            if column not in keys:
                return None
            href = datasette.urls.row(database, keys[column], tilde_encode(str(value["value"])))
            return labelled_link(href, label, value["value"], limit)

        return short_label
    if not target or target == table or value in (None, "") or not isinstance(value, str | int):
        return None

    async def link():
        try:
            href = datasette.urls.row(database, target, tilde_encode(str(value)))
            # a canned query (no table) selects the labels it wants as columns of its own:
            # its id cells only link, so a 1,000-row result costs no query per cell
            label = await _label(datasette, database, target, value) if table else None
        except KeyError:
            return None
        return labelled_link(href, label, value, limit)

    return link
