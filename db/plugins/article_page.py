"""The annotated article on a document's row page: every tag highlighted in place.

Enabled for a table by a `statecraft-article` block in that table's `plugins`
metadata (colors and label descriptions live there). It adds an `article` variable
to the row template: the text as nested, escaped HTML (`annotate.render_article`),
one tooltip per tag with its attributes and links to its other mentions, a legend
and the layer list for the toggles.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import tilde_encode, urlsafe_components

from db.plugins.annotate import Tag, css_class, render_article, split_blocks

PLUGIN = "statecraft-article"
_COLOR = re.compile(r"^#[0-9a-fA-F]{3,8}$")
# layer key → (config section, display name, rank among equal spans: lower is outer)
LAYERS = {
    "ins": ("instruments", "Instruments", 0),
    "date": ("dates", "Dates and times", 1),
    "ent": ("entities", "Entities", 2),
}

ENTITY_SQL = """
select m.id, m.start, m.end, m.text, m.label, m.entity_id, m.kb_id,
       e.name, e.mention_count, e.document_count
from entity_mentions m left join entities e on e.id = m.entity_id
where m.document_id = :id order by m.start, m.end desc
"""
DATE_SQL = """
select m.id, m.start, m.end, m.text, m.timex_type, m.value, m.granularity, m.anchor,
       m.value_start, m.value_end, m.timex_mod,
       (select count(*) from date_mentions o where o.value = m.value) as value_count
from date_mentions m where m.document_id = :id order by m.start, m.end desc
"""
INSTRUMENT_SQL = """
select m.id, m.start, m.end, m.text, m.instrument, m.action, m.actor, m.target,
       m.actor_entity_id, m.target_entity_id, m.magnitude, m.deadline, m.negated,
       m.hypothetical, m.cameo, m.plover, a.name as actor_name, t.name as target_name,
       i.description as instrument_description, i.mention_count as instrument_count
from instrument_mentions m
left join entities a on a.id = m.actor_entity_id
left join entities t on t.id = m.target_entity_id
left join instruments i on i.id = m.instrument
where m.document_id = :id order by m.start, m.end desc
"""
KIND_SQL = "select start, kind from sentences where document_id = :id and kind is not null"


class _Links:
    """URLs of the pages that list mentions, built with Datasette's URL helpers."""

    def __init__(self, datasette, database: str) -> None:
        self.datasette = datasette
        self.database = database

    def table(self, table: str, **filters: object) -> str:
        url = self.datasette.urls.table(self.database, table)
        query = {k: v for k, v in filters.items() if v not in (None, "")}
        return f"{url}?{urlencode(query)}" if query else str(url)

    def row(self, table: str, pk: str) -> str:
        return str(self.datasette.urls.row(self.database, table, tilde_encode(str(pk))))

    def query(self, name: str, **params: object) -> str:
        return f"{self.datasette.urls.query(self.database, name)}?{urlencode(params)}"


def _rows(pairs: list[tuple[str, object]]) -> list[tuple[str, str]]:
    return [(name, str(value)) for name, value in pairs if value not in (None, "")]


def _who(name: object, wikidata: object) -> str | None:
    """An actor or target: its name, and its Wikidata id when that is not the name."""
    if not name:
        return None
    return str(name) if wikidata in (None, "", name) else f"{name} ({wikidata})"


def _flag(value: object) -> str | None:
    return None if value is None else ("yes" if value else "no")


def _entity(row, links: _Links, labels: dict) -> dict:
    label = row["label"]
    name = row["name"] or row["text"]
    described = labels.get(label)
    tip_rows = _rows(
        [
            ("label", f"{label} ({described})" if described else label),
            ("canonical entity", row["name"]),
            ("entity id", row["entity_id"]),
            ("Wikidata", row["kb_id"]),
            ("mentions in corpus", row["mention_count"]),
        ]
    )
    tip_links = []
    if row["entity_id"]:
        count = row["mention_count"]
        tip_links.append(
            (
                f"All {count} mentions of {name}" if count else f"All mentions of {name}",
                links.table("entity_mentions", entity_id=row["entity_id"]),
            )
        )
        tip_links.append((f"Entity: {name}", links.row("entities", row["entity_id"])))
    tip_links.append((f"All {label} mentions", links.table("entity_mentions", label=label)))
    summary = " · ".join(str(p) for p in (label, row["name"], row["kb_id"]) if p)
    return {"label": label, "rows": tip_rows, "links": tip_links, "summary": summary}


def _date(row, links: _Links, labels: dict) -> dict:
    label = row["timex_type"] or "TIMEX"
    span = None
    if row["value_start"] or row["value_end"]:
        span = f"{row['value_start'] or '?'} – {row['value_end'] or '?'}"
    tip_rows = _rows(
        [
            ("TIMEX type", row["timex_type"]),
            ("value", row["value"] or "not normalized"),
            ("granularity", row["granularity"]),
            ("anchor", row["anchor"]),
            ("range", span),
            ("mod", row["timex_mod"]),
        ]
    )
    tip_links = []
    if row["value"]:
        tip_links.append(
            (
                f"All {row['value_count']} mentions of {row['value']}",
                links.table("date_mentions", value=row["value"]),
            )
        )
    else:
        tip_links.append(
            (f"Mentions written “{row['text']}”", links.table("date_mentions", text=row["text"]))
        )
    tip_links.append(
        (f"All {label} expressions", links.table("date_mentions", timex_type=row["timex_type"]))
    )
    summary = " · ".join(str(p) for p in (label, row["value"]) if p)
    return {"label": label, "rows": tip_rows, "links": tip_links, "summary": summary}


def _instrument(row, links: _Links, labels: dict) -> dict:
    label = row["instrument"] or "instrument"
    actor = row["actor_name"] or row["actor"]
    target = row["target_name"] or row["target"]
    tip_rows = _rows(
        [
            ("instrument", label),
            ("type", row["instrument_description"]),
            ("action", row["action"]),
            ("actor", _who(actor, row["actor"])),
            ("target", _who(target, row["target"])),
            ("magnitude", row["magnitude"]),
            ("deadline", row["deadline"]),
            ("negated", _flag(row["negated"])),
            ("hypothetical", _flag(row["hypothetical"])),
            ("CAMEO", row["cameo"]),
            ("PLOVER", row["plover"]),
        ]
    )
    tip_links = [
        (
            f"All {row['instrument_count']} {label} mentions",
            links.table("instrument_mentions", instrument=row["instrument"]),
        )
    ]
    if row["action"]:
        tip_links.append(
            (
                f"{label} · {row['action']}",
                links.table(
                    "instrument_mentions", instrument=row["instrument"], action=row["action"]
                ),
            )
        )
    if row["actor_entity_id"]:
        tip_links.append(
            (
                f"Instruments used by {actor}",
                links.table("instrument_mentions", actor_entity_id=row["actor_entity_id"]),
            )
        )
    if row["target_entity_id"] or row["target"]:
        tip_links.append(
            (
                f"Instruments aimed at {target}",
                links.query(
                    "instruments_aimed_at", target=row["target_entity_id"] or row["target"]
                ),
            )
        )
    parts = [label, row["action"]]
    if actor:
        parts.append(f"by {actor}")
    if target:
        parts.append(f"on {target}")
    parts.append(row["magnitude"])
    summary = " · ".join(str(p) for p in parts if p)
    return {"label": label, "rows": tip_rows, "links": tip_links, "summary": summary}


DESCRIBE = {"ent": _entity, "date": _date, "ins": _instrument}


def _colors(config: dict, layer: str) -> tuple[dict[str, str], str]:
    section = config.get(LAYERS[layer][0]) or {}
    colors = {
        str(label): color
        for label, color in (section.get("colors") or {}).items()
        if isinstance(color, str) and _COLOR.match(color)
    }
    default = section.get("default")
    return colors, default if isinstance(default, str) and _COLOR.match(default) else "#999999"


def _http_url(value: object) -> str | None:
    """Only http(s) addresses become links: a `javascript:` URL stays text."""
    if isinstance(value, str) and re.match(r"^https?://", value.strip(), re.IGNORECASE):
        return value.strip()
    return None


def _section(value: object) -> str | None:
    if not value:
        return None
    try:
        items = json.loads(value)
    except (TypeError, ValueError):
        return str(value)
    return ", ".join(str(i) for i in items) if isinstance(items, list) else str(items)


async def build_article(datasette, database: str, table: str, document_id: str, config: dict):
    """Everything the row template needs to draw one document, or None if it is missing."""
    db = datasette.get_database(database)
    found = (await db.execute(f"select * from [{table}] where id = :id", {"id": document_id})).rows
    if not found:
        return None
    document = found[0]
    text = document["text"] or ""
    params = {"id": document_id}
    links = _Links(datasette, database)
    results = {
        "ent": (await db.execute(ENTITY_SQL, params)).rows,
        "date": (await db.execute(DATE_SQL, params)).rows,
        "ins": (await db.execute(INSTRUMENT_SQL, params)).rows,
    }
    kinds = {row["start"]: row["kind"] for row in (await db.execute(KIND_SQL, params)).rows}
    tags, tips, legend, styles = [], [], [], []
    for layer, rows in results.items():
        section, layer_name, rank = LAYERS[layer]
        labels = (config.get(section) or {}).get("labels") or {}
        colors, default = _colors(config, layer)
        styles.append(f".sc-article .tag.{layer}, .sc-swatch.{layer} {{ --c: {default}; }}")
        counts: Counter = Counter()
        for row in rows:
            info = DESCRIBE[layer](row, links, labels)
            key = f"{layer}-{row['id']}"
            label_class = f"{layer}-{css_class(info['label'])}"
            counts[info["label"]] += 1
            tags.append(
                Tag(
                    key,
                    layer,
                    row["start"],
                    row["end"],
                    rank,
                    {
                        "class": label_class,
                        "role": "link",
                        "title": info["summary"],
                        "aria-describedby": f"tip-{key}",
                        "data-href": info["links"][0][1],
                        "data-label": info["label"],
                    },
                )
            )
            tips.append(
                {
                    "id": f"tip-{key}",
                    "layer": layer,
                    "class": label_class,
                    "text": row["text"],
                    **info,
                }
            )
        entries = []
        for label, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            color = colors.get(label, default)
            label_class = f"{layer}-{css_class(label)}"
            styles.append(
                f".sc-article .tag.{label_class}, .sc-swatch.{label_class} {{ --c: {color}; }}"
            )
            filter_column = {"ent": "label", "date": "timex_type", "ins": "instrument"}[layer]
            entries.append(
                {
                    "label": label,
                    "class": label_class,
                    "count": count,
                    "description": labels.get(label, ""),
                    "href": links.table(
                        section_table(layer), **{filter_column: label, "document_id": document_id}
                    ),
                }
            )
        legend.append({"key": layer, "name": layer_name, "count": len(rows), "labels": entries})
    blocks = split_blocks(text, kinds)
    fields = [
        ("author", document["author"], None),
        ("source", document["source"], None),
        ("section", _section(document["section"]), None),
        ("published", document["published"], None),
        ("url", document["url"], _http_url(document["url"])),
        ("words", document["word_count"], None),
        ("tagged", document["tagged_at"], None),
    ]
    return {
        "id": document_id,
        "title": document["title"] or document_id,
        "fields": [(name, value, href) for name, value, href in fields if value not in (None, "")],
        "html": render_article(text, blocks, tags),
        "tips": tips,
        "legend": legend,
        "style": "\n".join(styles),
        "export_url": datasette.urls.path(
            f"/-/export/{tilde_encode(database)}/{tilde_encode(document_id)}.jsonl"
        ),
    }


def section_table(layer: str) -> str:
    return {"ent": "entity_mentions", "date": "date_mentions", "ins": "instrument_mentions"}[layer]


@hookimpl
def extra_template_vars(datasette, database, table, view_name, request):
    if view_name != "row" or request is None or not database or not table:
        return {}
    config = datasette.plugin_config(PLUGIN, database=database, table=table)
    if not config:
        return {}
    pks = urlsafe_components(request.url_vars.get("pks", ""))
    if len(pks) != 1:
        return {}

    async def article_vars() -> dict:
        return {"article": await build_article(datasette, database, table, pks[0], config)}

    return article_vars
