"""An `entity` facet: a column facet whose values are ids of another table's rows,
shown by that row's label ("Donald Trump" rather than "Q22686").

Datasette labels facet values only for declared foreign keys; instrument_mentions'
`actor_entity_id`/`target_entity_id` are plain columns. Configured in a table's
`facets` metadata as `- entity: {column: actor_entity_id, table: entities}` (the
table defaults to `entities`, so `?_facet_entity=COLUMN` works too).
"""

from __future__ import annotations

from datasette import hookimpl
from datasette.facets import ColumnFacet
from datasette.utils import escape_sqlite


async def row_labels(datasette, database: str, table: str, ids: list) -> dict:
    """Label of each given row id of `table` (its label_column), where it has one."""
    db = datasette.get_database(database)
    label = await db.label_column_for_table(table)
    pks = await db.primary_keys(table)
    if not label or len(pks) != 1 or not ids:
        return {}
    sql = "select {}, {} from {} where {} in ({})".format(
        escape_sqlite(pks[0]),
        escape_sqlite(label),
        escape_sqlite(table),
        escape_sqlite(pks[0]),
        ", ".join("?" * len(ids)),
    )
    return {row[0]: row[1] for row in (await db.execute(sql, ids)).rows if row[1] is not None}


class EntityFacet(ColumnFacet):
    type = "entity"

    async def suggest(self):
        return []  # the plain column facet already suggests every column

    async def facet_results(self):
        results, timed_out = await super().facet_results()
        tables = {
            c["config"].get("column") or c["config"]["simple"]: c["config"].get("table", "entities")
            for c in self.get_configs()
        }
        for facet in results:
            values = [r["value"] for r in facet["results"]]
            labels = await row_labels(self.ds, self.database, tables[facet["name"]], values)
            for result in facet["results"]:
                result["label"] = labels.get(result["value"], result["label"])
        return results, timed_out


@hookimpl
def register_facet_classes():
    return [EntityFacet]
