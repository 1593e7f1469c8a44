"""Groups of documents that rules can run on apart: the partition key of `check --engine dask`.

A finding ties together claims that the rules relate (docs/store.md, "What a check reads", and
`Rule.related_metrics`): claims of one document (conversions, parts, ratios to a base), claims of one
organisation and metric (a fact), and claims of one organisation under metrics a rule or the fact grouping
relates (revenue with ARR, valuations with the rounds that split them). Take documents and (organisation,
related metrics) as the nodes of a graph, with an edge from each document to the organisation and metrics of
each of its claims: the connected parts of that graph are groups no finding crosses, so the rules run per
group find exactly what they find over the whole corpus. Names are merged across the corpus (`same_names`)
before the groups are made. With `related` None (a rule that does not bound what it relates) every document is
in one group: correct, not parallel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


class _Parts:
    """Union-find over hashable nodes (path halving): linear in the nodes and edges, give or take."""

    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, node: object) -> object:
        parent = self.parent
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def join(self, a: object, b: object) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def metric_classes(related: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Each metric that `related` names, to one member of its class: metrics related directly or through
    another, in either direction (a rule relating revenue to ARR may find a finding from either side)."""
    parts = _Parts()
    for metric, others in sorted(related.items()):
        parts.find(metric)
        for other in sorted(others):
            parts.join(metric, other)
    return {str(m): str(parts.find(m)) for m in parts.parent}


def document_groups(
    topics: Iterable[tuple[str, Iterable[tuple[str, str]]]], related: Mapping[str, Iterable[str]] | None,
) -> dict[str, int]:
    """Each document's group, numbered 0, 1, … in order of first appearance. `topics`: per document source,
    the (organisation, metric) of each of its claims that has both, with names already merged across the
    corpus; `related`: what the rules relate (`check.related_metrics`), None for anything."""
    sources: list[str] = []
    if related is None:
        return {source: 0 for source, _ in topics}
    classes = metric_classes(related)
    parts = _Parts()
    for source, pairs in topics:
        sources.append(source)
        node = ("document", source)
        parts.find(node)
        for subject, metric in pairs:
            parts.join(node, ("topic", subject, classes.get(metric, metric)))
    numbers: dict[object, int] = {}
    return {source: numbers.setdefault(parts.find(("document", source)), len(numbers)) for source in sources}
