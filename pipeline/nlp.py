"""Build the spaCy pipeline from `statecraft.cfg` and fingerprint everything that shapes its output.

The base model is an installed package named in the config (never downloaded at run
time); the project's components are registered factories added after it. The
fingerprint decides whether stored annotations are still current.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

import pipeline
import pipeline.components  # noqa: F401  (registers the factories)

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_CONFIG = PACKAGE_DIR / "statecraft.cfg"
# the base model alone: the baseline `statecraft eval --raw` scores
RAW_CONFIG = PACKAGE_DIR / "raw.cfg"
# Files whose content changes the tags: the config, the components' code, pattern data.
FINGERPRINT_GLOBS = (
    "statecraft.cfg",
    "components/*.py",
    "data/*",
    "rows.py",
    "chunking.py",
    "tagging.py",
    "kb.py",
    "entities/*.py",
    "timex/*.py",
    "instruments/*.py",
)


class PipelineError(Exception):
    """The pipeline cannot be built (missing model, bad config): one-line, user-facing."""


@dataclass(frozen=True)
class PipelineSettings:
    """The `[nlp]` section: what to load and how to feed it."""

    base_model: str
    exclude: tuple[str, ...]
    components: tuple[str, ...]
    batch_size: int
    max_chunk_chars: int
    index_attribute_ruler: bool = True
    split_dotted_compounds: bool = True


def load_settings(config_path: Path = DEFAULT_CONFIG) -> tuple[PipelineSettings, dict]:
    """Read the config; returns the `[nlp]` settings and the `[components]` section.

    Each component section may carry `[initialize.components.NAME]` settings, passed to
    the component's `initialize()` (as spaCy's own training config does).
    """
    try:
        config = spacy.util.load_config(config_path)
    except Exception as exc:  # confection raises several kinds for a bad file
        raise PipelineError(f"{config_path}: cannot read pipeline config: {exc}") from exc
    nlp_section = config.get("nlp", {})
    try:
        settings = PipelineSettings(
            base_model=str(nlp_section["base_model"]),
            exclude=tuple(nlp_section.get("exclude", [])),
            components=tuple(nlp_section.get("components", [])),
            batch_size=int(nlp_section.get("batch_size", 32)),
            max_chunk_chars=int(nlp_section.get("max_chunk_chars", 100_000)),
            index_attribute_ruler=bool(nlp_section.get("index_attribute_ruler", False)),
            split_dotted_compounds=bool(nlp_section.get("split_dotted_compounds", False)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise PipelineError(f"{config_path}: bad [nlp] section: {exc}") from exc
    components = {name: dict(section) for name, section in config.get("components", {}).items()}
    for name, section in config.get("initialize", {}).get("components", {}).items():
        components.setdefault(name, {})["__initialize__"] = dict(section)
    return settings, components


def build_nlp(config_path: Path = DEFAULT_CONFIG) -> Language:
    """Load the base model and add the project's components as the config says."""
    settings, components = load_settings(config_path)
    if not spacy.util.is_package(settings.base_model):
        raise PipelineError(
            f"base model {settings.base_model!r} is not installed "
            "(pip install -e . installs the pinned model)"
        )
    nlp = spacy.load(settings.base_model, exclude=list(settings.exclude))
    if settings.index_attribute_ruler:
        _index_attribute_ruler(nlp)
    if settings.split_dotted_compounds:
        _split_dotted_compounds(nlp)
    for name in settings.components:
        if name not in components:
            raise PipelineError(f"{config_path}: no [components.{name}] section")
        component_config = dict(components[name])
        init_settings = component_config.pop("__initialize__", {})
        factory = component_config.pop("factory", name)
        # placement keys are ours, not the factory's: a segmenter must run before the parser
        placement = {
            k: component_config.pop(k) for k in ("before", "after") if k in component_config
        }
        component = nlp.add_pipe(factory, name=name, config=component_config, **placement)
        if hasattr(component, "initialize"):
            component.initialize(lambda: [], nlp=nlp, **init_settings)
    nlp.max_length = max(nlp.max_length, settings.max_chunk_chars + 1)
    return nlp


def _index_attribute_ruler(nlp: Language) -> None:
    """Swap the base model's `attribute_ruler` for the same patterns matched through a
    hash index (`pipeline.components.attribute_ruler`): same attributes, 10% less time."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    stock = nlp.get_pipe("attribute_ruler")
    if type(stock).__name__ != "AttributeRuler":
        return
    indexed = nlp.replace_pipe("attribute_ruler", "statecraft_attribute_ruler")
    indexed.add_patterns(stock.patterns)


# a hyphen after an abbreviation's last period: "U.S.-China", "U.S.-led", "D.C.-based"
DOTTED_COMPOUND_INFIX = r"(?<=[A-Z]\.)[-–](?=[A-Za-z0-9])"


def _split_dotted_compounds(nlp: Language) -> None:
    """Split "U.S.-China" into "U.S.", "-", "China" as the tokenizer already splits
    "US-China": left whole, the token hides both countries from the model and the KB."""
    finditer = nlp.tokenizer.infix_finditer
    infixes = [finditer.__self__.pattern] if finditer is not None else []
    infixes.append(DOTTED_COMPOUND_INFIX)
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def cached_nlp(config_path: Path = DEFAULT_CONFIG) -> Language:
    """One loaded pipeline per process and config: loading the model costs about a second."""
    return _cached_nlp(Path(config_path).resolve())


@lru_cache(maxsize=4)
def _cached_nlp(config_path: Path) -> Language:
    return build_nlp(config_path)


def fingerprint(config_path: Path = DEFAULT_CONFIG) -> str:
    """A hash of everything that determines the tags a document gets.

    Package version, spaCy version, base model name and version, the lookups tables'
    version, the config and the pattern/code files: when any of them changes, stored
    annotations are stale.
    """
    settings, _ = load_settings(config_path)
    digest = hashlib.sha256()
    model_meta = spacy.util.get_package_version(settings.base_model) or "missing"
    # the case table the truecaser reads (pipeline/entities/truecase.py)
    lookups = spacy.util.get_package_version("spacy-lookups-data") or "missing"
    for part in (pipeline.__version__, spacy.__version__, settings.base_model, model_meta, lookups):
        digest.update(part.encode() + b"\0")
    files = {Path(config_path).resolve()}
    for pattern in FINGERPRINT_GLOBS:
        files.update(PACKAGE_DIR.glob(pattern))
    for path in sorted(files):
        if path.is_file():
            name = path.relative_to(PACKAGE_DIR) if path.is_relative_to(PACKAGE_DIR) else path.name
            digest.update(str(name).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def model_label(config_path: Path = DEFAULT_CONFIG) -> str:
    """`name==version` of the base model, for the runs table."""
    settings, _ = load_settings(config_path)
    version = spacy.util.get_package_version(settings.base_model)
    return f"{settings.base_model}=={version}"
