"""Regenerate `pipeline/data/kb_countries.jsonl` from maintained country packages.

Sources: `country_converter` (the list of UN member states, short and official names)
and `countryinfo` (capital, demonym, alternative names), merged with the curated
Wikidata ids and corrections of `pipeline/data/kb_country_overrides.yml`. The result is
shipped as data, so tagging needs neither package; run this after upgrading them:

    python -m pipeline.entities.kb_build          # rewrite the file
    python -m pipeline.entities.kb_build --check  # exit 1 if the file is out of date
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from importlib import resources
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"
OVERRIDES = DATA / "kb_country_overrides.yml"
OUTPUT = DATA / "kb_countries.jsonl"


def _latin(text: str) -> bool:
    """True when every letter is Latin (native-script spellings are of no use in English)."""
    return all("LATIN" in unicodedata.name(c, "") for c in text if c.isalpha())


def _plural(demonym: str) -> list[str]:
    """ "Russian" → "Russians", "Iraqi" → "Iraqis"; "Chinese", "British" have no plural."""
    if demonym.endswith("man") and demonym != "German":  # "Dutchman" → given as "Dutchmen"
        return []
    if demonym.endswith(("an", "i", "er")):  # also "South African" → "South Africans"
        return [demonym + "s"]
    return []


def _package_rows() -> tuple[list[dict], dict[str, dict]]:
    """UN member rows of country_converter and countryinfo's record per ISO alpha-3."""
    import country_converter  # noqa: F401  (imported for its data file)
    import countryinfo  # noqa: F401

    table = resources.files("country_converter") / "country_data.tsv"
    with table.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r.get("UNmember")]
    info: dict[str, dict] = {}
    for item in (resources.files("countryinfo") / "data").iterdir():
        if item.name.endswith(".json"):
            record = json.loads(item.read_text(encoding="utf-8"))
            iso3 = (record.get("ISO") or {}).get("alpha3")
            if iso3:
                info[iso3] = record
    return rows, info


def _clean(names: list[str], exclude: set[str]) -> list[str]:
    seen: list[str] = []
    for name in names:
        name = " ".join(name.split())
        if name and name not in seen and name not in exclude:
            seen.append(name)
    return seen


def _country_records(iso3: str, names: dict, info: dict, over: dict) -> list[dict]:
    """The country, its capital and its demonym as KB records."""
    name = over.get("name") or info.get("name") or names.get("name_short") or iso3
    alt = [a for a in info.get("altSpellings", []) if " " in a.strip() and _latin(a)]
    alt = [a.strip() for a in alt if a.strip()[:1].isupper() and "," not in a]
    aliases = [names.get("name_short", ""), names.get("name_official", ""), info.get("name", "")]
    aliases += [over.get("official", "")] + alt + list(over.get("aliases", []))
    aliases = _clean(aliases, {name})
    kb_id = over.get("id")
    records = [
        {
            "kb_id": kb_id,
            "name": name,
            "label": "GPE",
            "kind": "country",
            "aliases": aliases,
            "acts_for": kb_id,
            "iso3": iso3,
        }
    ]
    taken = {name.casefold(), *(a.casefold() for a in aliases)}
    capital = over.get("capital") or info.get("capital")
    if capital and capital.casefold() not in taken:
        cap_aliases = _clean(list(over.get("capital_aliases", [])), {capital})
        records.append(
            {
                "kb_id": over.get("capital_id"),
                "name": capital,
                "label": "GPE",
                "kind": "capital",
                "aliases": cap_aliases,
                "acts_for": over.get("capital_acts_for", kb_id),
                "iso3": iso3,
            }
        )
        taken |= {capital.casefold(), *(a.casefold() for a in cap_aliases)}
    for seat in over.get("seats", []):
        records.append(
            {
                "kb_id": None,
                "name": seat,
                "label": "GPE",
                "kind": "seat",
                "aliases": [],
                "acts_for": kb_id,
                "iso3": iso3,
            }
        )
        taken.add(seat.casefold())
    demonyms = [] if over.get("no_demonym") else (info.get("demonym") or "").split(",")
    demonyms = [d.strip() for d in demonyms if d.strip() and d.strip().casefold() not in taken]
    demonyms += [d for d in over.get("demonyms", []) if d not in demonyms]
    if demonyms:
        forms = _clean(demonyms + [p for d in demonyms for p in _plural(d)], {demonyms[0]})
        records.append(
            {
                "kb_id": None,
                "name": demonyms[0],
                "label": "NORP",
                "kind": "demonym",
                "aliases": forms,
                "acts_for": kb_id,
                "iso3": iso3,
            }
        )
    return records


def build_records() -> list[dict]:
    """All country, capital and demonym records, UN members first, in ISO order."""
    overrides = yaml.safe_load(OVERRIDES.read_text(encoding="utf-8"))
    extra = overrides.pop("extra", {}) or {}
    rows, info = _package_rows()
    records: list[dict] = []
    for row in sorted(rows, key=lambda r: r["ISO3"]):
        iso3 = row["ISO3"]
        records += _country_records(iso3, row, info.get(iso3, {}), overrides.get(iso3, {}))
    for iso3, over in sorted(extra.items()):
        records += _country_records(iso3, {}, {}, over)
    return records


def render(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, do not write")
    args = parser.parse_args(argv)
    text = render(build_records())
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is out of date: run python -m pipeline.entities.kb_build")
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"{OUTPUT}: {text.count(chr(10))} records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
