"""How far one source went: a card's lineage with its own and its branches' results.

"One survey -> 14 pieces -> 1.2 M reach -> 320 leads": the tree of cards
derived (directly or not) from a source, each node carrying the results of its
own metric records and the sums over its whole branch.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from db import models as m
from db.enums import CardKind, Stage
from db.unit_of_work import UnitOfWork
from desktop.board import children_map, descendants_of
from desktop.errors import NotFoundError
from desktop.numbers import compact_number, counted

#: The metric records that make up each result, by metric name.
RESULT_METRICS = {"reach": "reach", "clicks": "clicks", "leads": "leads", "cost": "cost"}


@dataclass(frozen=True)
class Results:
    reach: float = 0.0
    clicks: float = 0.0
    leads: float = 0.0
    cost: float = 0.0
    coverage: int = 0  # media-coverage pieces

    def __add__(self, other: Results) -> Results:
        return Results(self.reach + other.reach, self.clicks + other.clicks,
                       self.leads + other.leads, self.cost + other.cost,
                       self.coverage + other.coverage)

    @property
    def cost_per_lead(self) -> float | None:
        return self.cost / self.leads if self.leads else None


@dataclass(frozen=True)
class LineageNode:
    card_id: int
    title: str
    kind: CardKind
    stage: Stage
    own: Results
    total: Results
    children: tuple[LineageNode, ...] = field(default_factory=tuple)

    @property
    def pieces(self) -> int:
        """Cards derived from this one, at any depth."""
        return sum(1 + child.pieces for child in self.children)


def source_of(session, card_id: int) -> int:  # noqa: ANN001
    """Walk derived-from links up to the card that started it all."""
    seen = {card_id}
    current = session.get(m.Card, card_id)
    while current is not None and current.derived_from_id is not None:
        parent = session.get(m.Card, current.derived_from_id)
        if parent is None or parent.deleted_at is not None or parent.id in seen:
            break
        seen.add(parent.id)
        current = parent
    return current.id


def _own_results(session, card_ids: list[int]) -> dict[int, Results]:  # noqa: ANN001
    sums: dict[int, dict[str, float]] = defaultdict(dict)
    query = (select(m.MetricRecord.card_id, m.MetricRecord.metric, func.sum(m.MetricRecord.value))
             .where(m.MetricRecord.card_id.in_(card_ids),
                    m.MetricRecord.metric.in_(list(RESULT_METRICS.values())))
             .group_by(m.MetricRecord.card_id, m.MetricRecord.metric))
    for card_id, metric, total in session.execute(query):
        sums[card_id][metric] = float(total or 0)
    return {card_id: Results(**{name: sums[card_id].get(metric, 0.0)
                                for name, metric in RESULT_METRICS.items()})
            for card_id in card_ids}


def lineage(uow: UnitOfWork, card_id: int, *, from_source: bool = True) -> LineageNode:
    """The lineage tree of ``card_id``'s source (or of the card itself), with results."""
    with uow.read() as session:
        card = session.get(m.Card, card_id)
        if card is None or card.deleted_at is not None:
            raise NotFoundError("That card has been deleted.")
        root_id = source_of(session, card_id) if from_source else card_id
        children = children_map(session)
        ids = [root_id, *descendants_of(children, root_id)]
        cards = {row.id: row for row in session.scalars(select(m.Card).where(m.Card.id.in_(ids)))}
        own = _own_results(session, ids)

        def build(node_id: int) -> LineageNode:
            row = cards[node_id]
            coverage = 1 if row.kind == CardKind.MEDIA_COVERAGE else 0
            mine = own[node_id] + Results(coverage=coverage)
            kids = tuple(build(child) for child in sorted(
                children.get(node_id, []), key=lambda c: (cards[c].position, c)))
            total = mine
            for kid in kids:
                total = total + kid.total
            return LineageNode(node_id, row.title, CardKind(row.kind), Stage(row.stage),
                               mine, total, kids)

        return build(root_id)


def headline(node: LineageNode) -> str:
    """The one line for management: "Survey -> 14 pieces -> 1.2 M reach -> 320 leads"."""
    return (f"{node.title} -> {counted(node.pieces, 'piece')} -> {compact_number(node.total.reach)} reach -> "
            f"{compact_number(node.total.leads)} leads")

