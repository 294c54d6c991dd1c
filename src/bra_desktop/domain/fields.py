"""What each kind of record holds: its business fields, their types, labels and code lists.

This is the one description of the record kinds that the repository, the validation rules, the
forms, the table views and the bundle schema all read, so a field is described once.
Many-valued fields name the link table that stores them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from sqlmodel import SQLModel

from bra_desktop.domain import models as m


class FieldType(StrEnum):
    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # several lines
    DATE = "date"
    INTEGER = "integer"
    CODE = "code"  # one code of `code_list`
    CODES = "codes"  # several codes of `code_list`
    MUNICIPALITY = "municipality"
    MUNICIPALITIES = "municipalities"
    REF = "ref"  # id of a record of `ref_kind`
    REFS = "refs"
    ORG_NUMBER = "org_number"
    EMAIL = "email"
    PHONE = "phone"


MULTI_VALUED = {FieldType.CODES, FieldType.MUNICIPALITIES, FieldType.REFS}


@dataclass(frozen=True)
class LinkTable:
    """Where a many-valued field lives: a link table with an owner column and a value column."""

    table: type[SQLModel]
    owner_column: str
    value_column: str


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: FieldType
    label_sv: str
    label_en: str
    required: bool = False
    code_list: str | None = None
    ref_kind: str | None = None
    personal: bool = False
    """Personal data (contact details): left out of bundles unless asked for (DESIGN §5)."""
    link: LinkTable | None = None
    minimum: int = 0
    maximum: int = 1_000_000
    """The bounds of an INTEGER field."""
    form_part: str = ""
    """Which part of a form the field belongs with ("coordination", "plan", "assessment" …); empty:
    the form places it by its type (`ui/forms/sections.py`)."""
    since_format: int = 1
    """The bundle format that added the field to its kind: a bundle of an earlier format does not
    carry it (its records keep the register's value), and while it is empty it is left out of the
    record's canonical form, so that records which do not use it keep the hash they had before
    (`domain/content.py`)."""

    @property
    def multi(self) -> bool:
        return self.type in MULTI_VALUED

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_sv


@dataclass(frozen=True)
class RecordKind:
    key: str
    table: type[m.SyncedFields]
    label_sv: str
    label_en: str
    plural_sv: str
    plural_en: str
    fields: tuple[FieldSpec, ...]
    title_field: str
    searchable: tuple[str, ...] = field(default=())
    """Fields whose text goes into `search_text`."""
    identity: tuple[str, ...] = ()
    """Fields that say which record this is: at most one record per set of their values, its id
    derived from them (`domain/identity.py`), and they never change. Empty: ids are random."""
    identity_per_owner: bool = False
    """The identity names one record of each owner (each länsstyrelse's redovisning of a year)."""
    owned_by_municipality: str | None = None
    """A MUNICIPALITY field whose county's länsstyrelse alone owns the record."""
    counties_only: bool = False
    """Only a länsstyrelse makes records of the kind, never Brå."""
    since_format: int = 1
    """The bundle format that brought the kind: a bundle of an earlier one has no sheet for it, and
    the fields it came with are always in its canonical form, empty or not."""

    @property
    def table_name(self) -> str:
        return self.table.__tablename__  # type: ignore[return-value]

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(f"{self.key} has no field {name!r}")

    @cached_property
    def has_personal_fields(self) -> bool:
        """Whether the kind has contact details (personal data), which bundles carry only when asked to."""
        return any(spec.personal for spec in self.fields)

    @cached_property
    def added_fields(self) -> frozenset[str]:
        """The fields added after the kind's records were first hashed (`FieldSpec.since_format`)."""
        return frozenset(spec.name for spec in self.fields if spec.since_format > self.since_format)

    @property
    def scalar_fields(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if not f.multi)

    @property
    def multi_fields(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.multi)

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_sv

    def plural(self, language: str) -> str:
        return self.plural_en if language == "en" else self.plural_sv


F = FieldType

NETWORK = RecordKind(
    key="network",
    table=m.Network,
    label_sv="Nätverk",
    label_en="Network",
    plural_sv="Nätverk",
    plural_en="Networks",
    title_field="name",
    searchable=("name", "description"),
    fields=(
        FieldSpec("name", F.TEXT, "Namn", "Name", required=True),
        FieldSpec("kind", F.CODE, "Typ av nätverk", "Kind of network", True, code_list="natverkstyp"),
        FieldSpec("subject_area", F.CODE, "Ämnesområde", "Subject area", code_list="amnesomrade"),
        FieldSpec("description", F.LONG_TEXT, "Beskrivning", "Description"),
        FieldSpec("active_from", F.DATE, "Aktivt från", "Active from"),
        FieldSpec("active_to", F.DATE, "Aktivt till", "Active to"),
        FieldSpec("convener_org_id", F.REF, "Sammankallande", "Convener", ref_kind="organisation", since_format=3),
        FieldSpec(
            "members", F.REFS, "Medlemmar", "Members", ref_kind="organisation",
            link=LinkTable(m.NetworkMember, "network_id", "organisation_id"), since_format=3,
        ),
        FieldSpec("meeting_cadence", F.CODE, "Mötesfrekvens", "Meeting frequency", code_list="motesfrekvens",
                  since_format=3),
    ),
)

ORGANISATION = RecordKind(
    key="organisation",
    table=m.Organisation,
    label_sv="Organisation",
    label_en="Organisation",
    plural_sv="Organisationer",
    plural_en="Organisations",
    title_field="name",
    searchable=("name", "org_number", "contact_name"),
    fields=(
        FieldSpec("name", F.TEXT, "Namn", "Name", required=True),
        FieldSpec("org_type", F.CODE, "Typ av aktör", "Type of organisation", True, code_list="aktorstyp"),
        FieldSpec("org_number", F.ORG_NUMBER, "Organisationsnummer", "Organisation number"),
        FieldSpec("municipality_code", F.MUNICIPALITY, "Kommun", "Municipality"),
        FieldSpec("contact_name", F.TEXT, "Kontaktperson", "Contact person", personal=True),
        FieldSpec("contact_email", F.EMAIL, "E-post", "E-mail", personal=True),
        FieldSpec("contact_phone", F.PHONE, "Telefon", "Phone", personal=True),
    ),
)

ACTIVITY = RecordKind(
    key="activity",
    table=m.Activity,
    label_sv="Aktivitet",
    label_en="Activity",
    plural_sv="Aktiviteter",
    plural_en="Activities",
    title_field="title",
    searchable=("title", "description", "outcome", "follow_up"),
    fields=(
        FieldSpec("title", F.TEXT, "Rubrik", "Title", required=True),
        FieldSpec("activity_type", F.CODE, "Typ av aktivitet", "Type of activity", True, code_list="aktivitetstyp"),
        FieldSpec("status", F.CODE, "Status", "Status", True, code_list="aktivitetsstatus"),
        FieldSpec("start_date", F.DATE, "Startdatum", "Start date", required=True),
        FieldSpec("end_date", F.DATE, "Slutdatum", "End date"),
        FieldSpec("network_id", F.REF, "Nätverk", "Network", ref_kind="network"),
        FieldSpec(
            "subject_areas", F.CODES, "Ämnesområden", "Subject areas", code_list="amnesomrade",
            link=LinkTable(m.ActivitySubjectArea, "activity_id", "code"),
        ),
        FieldSpec(
            "municipalities", F.MUNICIPALITIES, "Kommuner", "Municipalities",
            link=LinkTable(m.ActivityMunicipality, "activity_id", "municipality_code"),
        ),
        FieldSpec(
            "organisations", F.REFS, "Organisationer", "Organisations", ref_kind="organisation",
            link=LinkTable(m.ActivityOrganisation, "activity_id", "organisation_id"),
        ),
        FieldSpec("participants", F.INTEGER, "Antal deltagare", "Participants"),
        FieldSpec("county_role", F.CODE, "Länsstyrelsens roll", "The county board's role", code_list="lansstyrelsens_roll",
                  since_format=3),
        FieldSpec("target_group", F.CODE, "Målgrupp", "Target group", code_list="malgrupp"),
        FieldSpec(
            "other_target_groups", F.CODES, "Fler målgrupper", "Further target groups", code_list="malgrupp",
            link=LinkTable(m.ActivityTargetGroup, "activity_id", "code"), since_format=3,
        ),
        FieldSpec("description", F.LONG_TEXT, "Beskrivning", "Description"),
        FieldSpec("outcome", F.LONG_TEXT, "Resultat och erfarenheter", "Outcome and lessons"),
        FieldSpec("follow_up", F.LONG_TEXT, "Uppföljning", "Follow-up"),
        FieldSpec("sharing", F.CODE, "Delning", "Sharing", code_list="delning", since_format=3),
    ),
)

COMMITMENT = RecordKind(
    key="commitment",
    table=m.Commitment,
    label_sv="Åtagande",
    label_en="Commitment",
    plural_sv="Åtaganden",
    plural_en="Commitments",
    title_field="title",
    searchable=("title", "description", "progress_note"),
    fields=(
        FieldSpec("title", F.TEXT, "Rubrik", "Title", required=True),
        FieldSpec("description", F.LONG_TEXT, "Beskrivning", "Description"),
        FieldSpec("network_id", F.REF, "Nätverk", "Network", ref_kind="network"),
        FieldSpec("responsible_org_id", F.REF, "Ansvarig organisation", "Responsible organisation", ref_kind="organisation"),
        FieldSpec(
            "municipalities", F.MUNICIPALITIES, "Kommuner", "Municipalities",
            link=LinkTable(m.CommitmentMunicipality, "commitment_id", "municipality_code"), since_format=3,
        ),
        FieldSpec("due_date", F.DATE, "Klart senast", "Due date"),
        FieldSpec("status", F.CODE, "Status", "Status", True, code_list="atagandestatus"),
        FieldSpec("progress_note", F.LONG_TEXT, "Lägesbeskrivning", "Progress note"),
        FieldSpec(
            "activities", F.REFS, "Aktiviteter", "Activities", ref_kind="activity",
            link=LinkTable(m.CommitmentActivity, "commitment_id", "activity_id"),
        ),
        FieldSpec("sharing", F.CODE, "Delning", "Sharing", code_list="delning", since_format=3),
    ),
)

PROBLEM_AREA = RecordKind(
    key="problem_area",
    table=m.ProblemArea,
    label_sv="Problemområde",
    label_en="Problem area",
    plural_sv="Problemområden",
    plural_en="Problem areas",
    title_field="title",
    searchable=("title", "description"),
    fields=(
        FieldSpec("title", F.TEXT, "Rubrik", "Title", required=True),
        FieldSpec("description", F.LONG_TEXT, "Beskrivning", "Description"),
        FieldSpec("category", F.CODE, "Kategori", "Category", True, code_list="problemkategori"),
        FieldSpec("theme", F.CODE, "Nationellt tema", "National theme", code_list="tema", since_format=3),
        FieldSpec("trend", F.CODE, "Trend", "Trend", True, code_list="trend"),
        FieldSpec("first_observed", F.DATE, "Först observerat", "First observed"),
        FieldSpec("status", F.CODE, "Status", "Status", True, code_list="problemstatus"),
        FieldSpec(
            "municipalities", F.MUNICIPALITIES, "Kommuner", "Municipalities",
            link=LinkTable(m.ProblemAreaMunicipality, "problem_area_id", "municipality_code"),
        ),
        FieldSpec(
            "activities", F.REFS, "Aktiviteter", "Activities", ref_kind="activity",
            link=LinkTable(m.ProblemAreaActivity, "problem_area_id", "activity_id"),
        ),
        FieldSpec(
            "commitments", F.REFS, "Åtaganden", "Commitments", ref_kind="commitment",
            link=LinkTable(m.ProblemAreaCommitment, "problem_area_id", "commitment_id"),
        ),
        FieldSpec("sharing", F.CODE, "Delning", "Sharing", code_list="delning", since_format=3),
    ),
)

FOLLOW_UP = RecordKind(
    key="follow_up",
    table=m.MunicipalityFollowUp,
    label_sv="Kommunuppföljning",
    label_en="Municipal follow-up",
    plural_sv="Kommunuppföljningar",
    plural_en="Municipal follow-ups",
    title_field="municipality_code",
    searchable=("coordination_placement", "coordinator_name", "support_needs", "notes"),
    identity=("municipality_code", "year"),
    owned_by_municipality="municipality_code",
    since_format=2,
    fields=(
        FieldSpec("municipality_code", F.MUNICIPALITY, "Kommun", "Municipality", required=True),
        FieldSpec("year", F.INTEGER, "År", "Year", required=True, minimum=2023, maximum=2100),
        FieldSpec("coordination_status", F.CODE, "Samordningsfunktion", "Coordination function", True,
                  code_list="samordningsstatus"),
        FieldSpec("coordination_since", F.DATE, "Samordningsfunktion sedan", "Coordination function since", form_part="coordination"),
        FieldSpec("coordination_placement", F.TEXT, "Samordningsfunktionens placering", "Where the function is placed", form_part="coordination"),
        FieldSpec("coordination_share", F.INTEGER, "Samordningsfunktionens omfattning (% av heltid)",
                  "Size of the function (% of full time)", maximum=2000, form_part="coordination"),
        FieldSpec("coordinator_name", F.TEXT, "Kommunal samordnare", "Municipal coordinator", personal=True),
        FieldSpec("coordinator_email", F.EMAIL, "Samordnarens e-post", "Coordinator's e-mail", personal=True),
        FieldSpec("coordinator_phone", F.PHONE, "Samordnarens telefon", "Coordinator's phone", personal=True),
        FieldSpec("situation_status", F.CODE, "Lägesbild", "Situation picture", True, code_list="lagesbildstatus"),
        FieldSpec("situation_date", F.DATE, "Senaste lägesbild", "Latest situation picture", form_part="plan"),
        FieldSpec("situation_with_police", F.CODE, "Lägesbild gjord med polisen", "Made with the police",
                  code_list="svar", form_part="plan"),
        FieldSpec("plan_status", F.CODE, "Åtgärdsplan", "Action plan", True, code_list="atgardsplanstatus"),
        FieldSpec("plan_decided_on", F.DATE, "Åtgärdsplan beslutad", "Action plan decided on", form_part="plan"),
        FieldSpec("plan_decided_by", F.CODE, "Beslutad av", "Decided by", code_list="beslutsorgan", form_part="plan"),
        FieldSpec("plan_valid_to", F.DATE, "Åtgärdsplan gäller till", "Action plan valid until", form_part="plan"),
        FieldSpec("police_agreement", F.CODE, "Samverkansöverenskommelse med polisen", "Cooperation agreement with the police",
                  code_list="svar", form_part="police"),
        FieldSpec("police_agreement_valid_to", F.DATE, "Överenskommelsen gäller till", "Agreement valid until", form_part="police"),
        FieldSpec("citizen_promises", F.CODE, "Medborgarlöften", "Citizens' promises", code_list="svar", form_part="police"),
        FieldSpec("citizen_promises_valid_to", F.DATE, "Medborgarlöften gäller till", "Citizens' promises valid until", form_part="police"),
        FieldSpec(
            "methods", F.CODES, "Metoder", "Methods", code_list="metod",
            link=LinkTable(m.FollowUpMethod, "follow_up_id", "code"), form_part="police",
        ),
        FieldSpec("support_needs", F.LONG_TEXT, "Stödbehov", "Support needs", form_part="support"),
        FieldSpec("notes", F.LONG_TEXT, "Samordnarens anteckningar", "Coordinator's notes", form_part="support"),
        FieldSpec("next_follow_up", F.DATE, "Nästa uppföljning", "Next follow-up"),
    ),
)

COUNTY_REPORT = RecordKind(
    key="county_report",
    table=m.CountyReport,
    label_sv="Redovisning",
    label_en="Annual account",
    plural_sv="Redovisningar",
    plural_en="Annual accounts",
    title_field="year",
    searchable=("case_number", "assessment", "priorities", "regional_picture", "police_cooperation", "resources",
                "development_needs"),
    identity=("year",),
    identity_per_owner=True,
    counties_only=True,
    since_format=2,
    fields=(
        FieldSpec("year", F.INTEGER, "År", "Year", required=True, minimum=2016, maximum=2100),
        FieldSpec("case_number", F.TEXT, "Diarienummer", "Case number"),
        FieldSpec("assessment", F.LONG_TEXT, "Länsstyrelsens bedömning", "The board's assessment", form_part="assessment"),
        FieldSpec("priorities", F.LONG_TEXT, "Prioriteringar", "Priorities", form_part="assessment"),
        FieldSpec("regional_picture", F.LONG_TEXT, "Regional lägesbild", "Regional situation picture", form_part="county"),
        FieldSpec("police_cooperation", F.LONG_TEXT, "Samverkan med polisregionen", "Cooperation with the police region",
                  form_part="county"),
        FieldSpec("resources", F.LONG_TEXT, "Resurser", "Resources", form_part="resources"),
        FieldSpec("development_needs", F.LONG_TEXT, "Utvecklingsbehov", "Development needs", form_part="resources"),
    ),
)

KINDS: dict[str, RecordKind] = {
    kind.key: kind for kind in (ACTIVITY, COMMITMENT, PROBLEM_AREA, NETWORK, ORGANISATION, FOLLOW_UP, COUNTY_REPORT)
}
"""All record kinds, in the order the app shows them."""

DEPENDENCY_ORDER: tuple[str, ...] = ("organisation", "network", "activity", "commitment", "problem_area", "follow_up",
                                     "county_report")
"""An order in which every record's references point to kinds already written."""
