"""The networks of a year's redovisning: who convenes each, who takes part, how often it meets, and
what it did (the year's activities, its commitments). Pure data, no Qt.

Scope: a county's report lists the networks the länsstyrelse runs that were active in the year,
and the national networks its activities or commitments used; the whole country's lists Brå's.
The counts come from `reports/figures.py`, with the same rules as the rest of the report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from bra_desktop.domain.models import Network, NetworkMember, Organisation
from bra_desktop.domain.producer import NATIONAL
from bra_desktop.store.queries import swedish_sort_key

CADENCES = "motesfrekvens"
KIND_ORDER = ("KARN", "OPERATIVT", "REGIONALT", "LOKALT")


@dataclass(frozen=True)
class NetworkLine:
    id: str
    name: str
    owner: str
    """Whose network: "Brå" or the county's name."""
    convener: str | None
    members: tuple[str, ...]
    """The member organisations' names, in Swedish order."""
    cadence: str | None
    activities: int
    """The year's activities of the scope in the network (`YearFigures.by_network`)."""
    commitments: int
    """The scope's commitments in the network, as they stood at the year's end (or now)."""
    open_commitments: int


@dataclass(frozen=True)
class _Facts:
    name: str
    origin: str
    kind: str
    convener: str | None
    members: tuple[str, ...]
    cadence: str | None
    active_from: date | None
    active_to: date | None

    def active_in(self, year: int) -> bool:
        return ((self.active_from is None or self.active_from <= date(year, 12, 31))
                and (self.active_to is None or self.active_to >= date(year, 1, 1)))


class NetworkFacts:
    """Every live network's name, owner, convener, members and cadence, read once for a report.
    `cadences` (code → label) and `county_names` are those the report has read already."""

    def __init__(self, connection: Any, cadences: dict[str, str], county_names: dict[str, str]) -> None:
        self.organisation_names: dict[str, str] = dict(connection.execute(select(Organisation.id, Organisation.name)).all())
        """Every organisation's name by its id, which the report's lists name too."""
        organisations = self.organisation_names
        members: dict[str, list[str]] = defaultdict(list)
        for network_id, organisation_id in connection.execute(select(NetworkMember.network_id,
                                                                    NetworkMember.organisation_id)).all():
            members[network_id].append(organisations.get(organisation_id, organisation_id))
        self.county_names = county_names
        query = select(Network.id, Network.name, Network.origin, Network.kind, Network.convener_org_id,
                       Network.meeting_cadence, Network.active_from, Network.active_to).where(Network.deleted.is_(False))
        self.facts = {
            network_id: _Facts(name, origin, kind, organisations.get(convener_id),
                               tuple(sorted(members.get(network_id, ()), key=swedish_sort_key)),
                               cadences.get(cadence, cadence), active_from, active_to)
            for network_id, name, origin, kind, convener_id, cadence, active_from, active_to in connection.execute(query).all()
        }

    def lines(self, year: int, county: str | None, activities: dict[str, int],
              commitments: dict[str, tuple[int, int]]) -> tuple[NetworkLine, ...]:
        """The scope's networks: `activities` network → the year's count, `commitments` network →
        (all, open), both of the scope."""
        chosen = []
        for network_id, facts in self.facts.items():
            used = bool(activities.get(network_id)) or network_id in commitments
            own = facts.origin == (county if county is not None else NATIONAL)
            if not ((own and facts.active_in(year)) or (county is not None and used and facts.origin == NATIONAL)):
                continue
            held, open_ = commitments.get(network_id, (0, 0))
            owner = "Brå" if facts.origin == NATIONAL else self.county_names.get(facts.origin, facts.origin)
            chosen.append((facts, NetworkLine(network_id, facts.name, owner, facts.convener, facts.members,
                                              facts.cadence, activities.get(network_id, 0), held, open_)))
        order = {kind: index for index, kind in enumerate(KIND_ORDER)}
        chosen.sort(key=lambda pair: (pair[0].origin != NATIONAL, order.get(pair[0].kind, len(order)),
                                      swedish_sort_key(pair[0].name)))
        return tuple(line for _facts, line in chosen)
