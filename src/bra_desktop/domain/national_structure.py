"""Brå's national network structure: the records every register holds from its first start.

The kärnnätverk and the four operative networks are Brå's, and every länsstyrelse links its own
activities and commitments to them. Were each register to make them, each would hold its own copy
under its own id, and Brå's national bundle would bring a sixth "Operativt nätverk för unga
lagöverträdare" to every county. They are therefore Brå's records with fixed ids and fixed first
versions, the same in every register (`store/national_records.py` puts them there), with the three
organisations they name. Brå edits them as any of its records, and its bundles carry the edits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from bra_desktop.domain.producer import NATIONAL

FIRST_VERSION_AT = datetime(2021, 1, 1, tzinfo=timezone.utc)
"""When the first versions were made, the same in every register: the year Brå set the structure up."""
MADE_BY = "Brå"

_NAMESPACE = uuid.UUID("0f6f2b0e-5a53-4c1e-9d7b-2b6a3c1f8e10")


def _fixed_id(name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, name))


@dataclass(frozen=True)
class NationalRecord:
    kind_key: str
    id: str
    content: dict[str, Any]

    @property
    def origin(self) -> str:
        return NATIONAL


BRA = _fixed_id("organisation/bra")
POLICE = _fixed_id("organisation/polismyndigheten")
SKR = _fixed_id("organisation/skr")

ORGANISATIONS: tuple[NationalRecord, ...] = (
    NationalRecord("organisation", BRA, {"name": "Brottsförebyggande rådet (Brå)", "org_type": "MYNDIGHET",
                                         "org_number": "202100-0902"}),
    NationalRecord("organisation", POLICE, {"name": "Polismyndigheten", "org_type": "POLIS",
                                            "org_number": "202100-0076"}),
    NationalRecord("organisation", SKR, {"name": "Sveriges Kommuner och Regioner (SKR)", "org_type": "ANNAN",
                                         "org_number": "222000-0315"}),
)

CORE_NETWORK = _fixed_id("network/karnnatverk")
YOUNG_OFFENDERS = _fixed_id("network/unga")
VIOLENCE = _fixed_id("network/vald")
ECONOMIC_CRIME = _fixed_id("network/eko")
LOCAL_BUSINESS = _fixed_id("network/naringsliv")


def _network(network_id: str, name: str, kind: str, subject: str | None, active_from: date, description: str,
             members: tuple[str, ...]) -> NationalRecord:
    return NationalRecord("network", network_id, {
        "name": name, "kind": kind, "subject_area": subject, "description": description, "active_from": active_from,
        "convener_org_id": BRA, "members": members,
    })


NETWORKS: tuple[NationalRecord, ...] = (
    _network(CORE_NETWORK, "Nationellt kärnnätverk för brottsförebyggande arbete", "KARN", None, date(2021, 1, 1),
             "Brå samordnar kärnnätverket där Brå, Polismyndigheten, Sveriges Kommuner och Regioner (SKR) och "
             "länsstyrelserna ingår. Nätverket identifierar angelägna samverkansområden och ger riktning och driv i "
             "åtagandena.", (BRA, POLICE, SKR)),
    _network(YOUNG_OFFENDERS, "Operativt nätverk för unga lagöverträdare", "OPERATIVT", "UNGA", date(2021, 3, 1),
             "Stödjer arbetet med unga lagöverträdare och tidiga insatser för unga i riskzon.", (BRA, POLICE)),
    _network(VIOLENCE, "Operativt nätverk för våldsförebyggande arbete", "OPERATIVT", "VALD", date(2021, 3, 1),
             "Samlar myndigheter och länsstyrelser kring kunskap och metoder för att förebygga våld.", (BRA, POLICE)),
    _network(ECONOMIC_CRIME, "Operativt nätverk mot ekonomisk brottslighet", "OPERATIVT", "EKO", date(2021, 9, 1),
             "Samordnar stödet mot välfärdsbrott, bedrägerier och kriminell infiltration i kommuner och näringsliv.",
             (BRA, POLICE)),
    _network(LOCAL_BUSINESS, "Operativt nätverk för lokalt näringsliv", "OPERATIVT", "NARINGSLIV", date(2022, 1, 1),
             "Stödjer det lokala näringslivet att bidra i det brottsförebyggande arbetet.", (BRA, POLICE)),
)

RECORDS: tuple[NationalRecord, ...] = (*ORGANISATIONS, *NETWORKS)
"""In an order in which every reference points to a record before it."""
