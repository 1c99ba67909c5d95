"""How sources are named to readers: never by their internal id."""

from __future__ import annotations

from indicators.load.dataset import Dataset


def short_citation(ds: Dataset, source_id: str) -> str:
    """'Author (year)' for a source id, as a reader would cite it in passing."""
    src = ds.sources.set_index("source_id")
    if source_id not in src.index:
        return source_id
    return f"{src.at[source_id, 'author']!s} ({src.at[source_id, 'year']!s})"


def publisher_name(ds: Dataset, source_id: str) -> str:
    """Who publishes a series, and through whom ('World Bank via datahub.io core/gdp')."""
    src = ds.sources.set_index("source_id")
    if source_id not in src.index:
        return source_id
    author, publisher = str(src.at[source_id, "author"]), src.at[source_id, "publisher"]
    if not isinstance(publisher, str) or not publisher:
        return author
    return publisher if publisher.startswith(author.split(" (")[0]) else f"{author}, {publisher}"


def cite(ds: Dataset, provenance: str) -> str:
    """'source_id (locator); …' as the derivations write it, each id replaced by its short citation, once each."""
    parts = []
    for part in str(provenance).split("; "):
        sid, _, rest = part.partition(" (")
        parts.append(f"{short_citation(ds, sid)}, {rest.removesuffix(')')}" if rest else short_citation(ds, sid))
    return "; ".join(dict.fromkeys(parts))
