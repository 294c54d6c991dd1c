"""The register's tables (DESIGN §2).

Synced records (activities, networks, organisations, commitments, problem areas, the municipalities'
follow-ups, the länsstyrelser's redovisningar) share the system fields of `SyncedFields`; many-valued
fields are link tables so they can be filtered and joined.
Reference data (counties, municipalities) and code lists are seeded from `resources/`.
Bookkeeping tables (change log, register info, bundle receipts, sync bases) close the file.

Schema changes go through Alembic (`store/migrations`), never `create_all` on a user's register.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Column, DateTime, ForeignKey, Index, String, Text, TypeDecorator
from sqlmodel import Field, SQLModel

LONG_TEXT_MAX = 32_767
"""Excel's cell limit: every text field must fit in one bundle cell (DESIGN §3)."""


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UtcDateTime(TypeDecorator):
    """A moment stored in UTC that always comes back with its zone.

    PostgreSQL keeps the zone; SQLite returns a naive time, which `astimezone()` would then take for
    local time. Every stored moment is UTC, so the zone is put back on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


# --- reference data ---------------------------------------------------------------------------


class County(SQLModel, table=True):
    __tablename__ = "county"
    code: str = Field(primary_key=True, max_length=2)
    name: str


class Municipality(SQLModel, table=True):
    __tablename__ = "municipality"
    code: str = Field(primary_key=True, max_length=4)
    name: str
    county_code: str = Field(foreign_key="county.code", index=True, max_length=2)


class CodeItem(SQLModel, table=True):
    """One code of a code list. Retired codes stay (active=False) so old records remain valid."""

    __tablename__ = "code_item"
    list_name: str = Field(primary_key=True, max_length=40)
    code: str = Field(primary_key=True, max_length=40)
    label_sv: str
    label_en: str
    active: bool = True
    sort_order: int = 0


# --- synced records -------------------------------------------------------------------------


class SyncedFields(SQLModel):
    """System fields every synced record carries (DESIGN §2)."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    origin: str = Field(index=True, max_length=3)
    version: int = 1
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    updated_by: str = ""
    deleted: bool = Field(default=False, index=True)
    search_text: str = Field(default="", sa_column_kwargs={"nullable": False})
    """Case-folded text of the record's searchable fields, kept by the repository (not synced)."""
    content_hash: str | None = Field(default=None, max_length=64)
    """`content.normalised_hash` of the business content, kept with every write (not synced): an
    import knows that a re-sent record is the one held here without loading it. A migration must
    compute it again whenever a kind's fields change; None (unknown) only makes imports load the record."""


class Network(SyncedFields, table=True):
    __tablename__ = "network"
    name: str
    kind: str = Field(max_length=40)
    subject_area: str | None = Field(default=None, max_length=40)
    description: str | None = Field(default=None, sa_type=Text)
    active_from: date | None = None
    active_to: date | None = None
    convener_org_id: str | None = Field(default=None, foreign_key="organisation.id", index=True, max_length=36)
    meeting_cadence: str | None = Field(default=None, max_length=40)


class Organisation(SyncedFields, table=True):
    __tablename__ = "organisation"
    name: str
    org_type: str = Field(max_length=40)
    org_number: str | None = Field(default=None, max_length=11)
    municipality_code: str | None = Field(default=None, foreign_key="municipality.code", max_length=4)
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None


class Activity(SyncedFields, table=True):
    __tablename__ = "activity"
    __table_args__ = (Index("ix_activity_live_start", "deleted", "start_date", "id"),
                      Index("ix_activity_origin_start", "origin", "start_date"))
    """The first covers the default list (live activities by date) without touching the table. The
    second finds one producer's activities of a few years, which the tally recounts after an edit
    (`store/tally.py`); it serves every look-up by origin alone too, so the origin has no index of
    its own here."""
    origin: str = Field(max_length=3)
    title: str
    activity_type: str = Field(max_length=40)
    status: str = Field(max_length=40)
    start_date: date = Field(index=True)
    end_date: date | None = None
    network_id: str | None = Field(default=None, foreign_key="network.id", index=True, max_length=36)
    participants: int | None = None
    target_group: str | None = Field(default=None, max_length=40)
    county_role: str | None = Field(default=None, max_length=40)
    description: str | None = Field(default=None, sa_type=Text)
    outcome: str | None = Field(default=None, sa_type=Text)
    follow_up: str | None = Field(default=None, sa_type=Text)
    sharing: str | None = Field(default=None, max_length=40)


class Commitment(SyncedFields, table=True):
    __tablename__ = "commitment"
    __table_args__ = (Index("ix_commitment_state", "deleted", "status", "network_id", "due_date",
                            "responsible_org_id", "origin", "id", "title"),)
    """The fields the figures count and list (`reports/figures.py`), so that they read live
    commitments as they stand from the index, not from rows that carry every description."""
    title: str
    description: str | None = Field(default=None, sa_type=Text)
    network_id: str | None = Field(default=None, foreign_key="network.id", index=True, max_length=36)
    responsible_org_id: str | None = Field(
        default=None, foreign_key="organisation.id", index=True, max_length=36
    )
    due_date: date | None = None
    status: str = Field(max_length=40)
    progress_note: str | None = Field(default=None, sa_type=Text)
    sharing: str | None = Field(default=None, max_length=40)


class ProblemArea(SyncedFields, table=True):
    __tablename__ = "problem_area"
    __table_args__ = (Index("ix_problem_area_state", "deleted", "trend", "status", "theme", "origin", "id"),)
    """The fields the figures count (`reports/figures.py`), read from the index as for commitments."""
    title: str
    description: str | None = Field(default=None, sa_type=Text)
    category: str = Field(max_length=40)
    trend: str = Field(max_length=40)
    first_observed: date | None = None
    status: str = Field(max_length=40)
    theme: str | None = Field(default=None, max_length=40)
    sharing: str | None = Field(default=None, max_length=40)


class MunicipalityFollowUp(SyncedFields, table=True):
    """How one municipality meets Lag (2023:196) in one year, as its county's coordinator follows it up.

    One per municipality and year (its id is derived from the two: `domain/followup.py`), owned by the
    länsstyrelse of the municipality's county."""

    __tablename__ = "municipality_follow_up"
    municipality_code: str = Field(foreign_key="municipality.code", index=True, max_length=4)
    year: int = Field(index=True)
    coordination_status: str = Field(max_length=40)
    coordination_since: date | None = None
    coordination_placement: str | None = None
    coordination_share: int | None = None
    coordinator_name: str | None = None
    coordinator_email: str | None = None
    coordinator_phone: str | None = None
    situation_status: str = Field(max_length=40)
    situation_date: date | None = None
    situation_with_police: str | None = Field(default=None, max_length=40)
    plan_status: str = Field(max_length=40)
    plan_decided_on: date | None = None
    plan_decided_by: str | None = Field(default=None, max_length=40)
    plan_valid_to: date | None = None
    police_agreement: str | None = Field(default=None, max_length=40)
    police_agreement_valid_to: date | None = None
    citizen_promises: str | None = Field(default=None, max_length=40)
    citizen_promises_valid_to: date | None = None
    support_needs: str | None = Field(default=None, sa_type=Text)
    notes: str | None = Field(default=None, sa_type=Text)
    next_follow_up: date | None = None


class CountyReport(SyncedFields, table=True):
    """A länsstyrelse's own words in its yearly redovisning to Brå (förordning 2016:1258): one per
    länsstyrelse and year (its id derives from the two: `domain/identity.py`)."""

    __tablename__ = "county_report"
    year: int = Field(index=True)
    case_number: str | None = None
    assessment: str | None = Field(default=None, sa_type=Text)
    priorities: str | None = Field(default=None, sa_type=Text)
    regional_picture: str | None = Field(default=None, sa_type=Text)
    police_cooperation: str | None = Field(default=None, sa_type=Text)
    resources: str | None = Field(default=None, sa_type=Text)
    development_needs: str | None = Field(default=None, sa_type=Text)


# --- many-valued fields -----------------------------------------------------------------------


def _owner(table: str) -> Column:
    return Column(
        String(36), ForeignKey(f"{table}.id", ondelete="CASCADE"), primary_key=True, nullable=False
    )


def _value(target: str | None, length: int = 40) -> Column:
    if target is None:
        return Column(String(length), primary_key=True, nullable=False)
    return Column(String(length), ForeignKey(target), primary_key=True, nullable=False, index=True)


class ActivitySubjectArea(SQLModel, table=True):
    __tablename__ = "activity_subject_area"
    __table_args__ = (Index("ix_activity_subject_area_code", "code", "activity_id"),)
    """The subject-area filter starts from the code."""
    activity_id: str = Field(sa_column=_owner("activity"))
    code: str = Field(sa_column=_value(None))


class ActivityMunicipality(SQLModel, table=True):
    __tablename__ = "activity_municipality"
    activity_id: str = Field(sa_column=_owner("activity"))
    municipality_code: str = Field(sa_column=_value("municipality.code", 4))


class ActivityOrganisation(SQLModel, table=True):
    __tablename__ = "activity_organisation"
    activity_id: str = Field(sa_column=_owner("activity"))
    organisation_id: str = Field(sa_column=_value("organisation.id", 36))


class ActivityTargetGroup(SQLModel, table=True):
    __tablename__ = "activity_target_group"
    activity_id: str = Field(sa_column=_owner("activity"))
    code: str = Field(sa_column=_value(None))


class NetworkMember(SQLModel, table=True):
    __tablename__ = "network_member"
    network_id: str = Field(sa_column=_owner("network"))
    organisation_id: str = Field(sa_column=_value("organisation.id", 36))


class CommitmentMunicipality(SQLModel, table=True):
    __tablename__ = "commitment_municipality"
    commitment_id: str = Field(sa_column=_owner("commitment"))
    municipality_code: str = Field(sa_column=_value("municipality.code", 4))


class CommitmentActivity(SQLModel, table=True):
    __tablename__ = "commitment_activity"
    commitment_id: str = Field(sa_column=_owner("commitment"))
    activity_id: str = Field(sa_column=_value("activity.id", 36))


class ProblemAreaMunicipality(SQLModel, table=True):
    __tablename__ = "problem_area_municipality"
    problem_area_id: str = Field(sa_column=_owner("problem_area"))
    municipality_code: str = Field(sa_column=_value("municipality.code", 4))


class ProblemAreaActivity(SQLModel, table=True):
    __tablename__ = "problem_area_activity"
    problem_area_id: str = Field(sa_column=_owner("problem_area"))
    activity_id: str = Field(sa_column=_value("activity.id", 36))


class ProblemAreaCommitment(SQLModel, table=True):
    __tablename__ = "problem_area_commitment"
    problem_area_id: str = Field(sa_column=_owner("problem_area"))
    commitment_id: str = Field(sa_column=_value("commitment.id", 36))


class FollowUpMethod(SQLModel, table=True):
    __tablename__ = "municipality_follow_up_method"
    follow_up_id: str = Field(sa_column=_owner("municipality_follow_up"))
    code: str = Field(sa_column=_value(None))


# --- bookkeeping ------------------------------------------------------------------------------


class RegisterInfo(SQLModel, table=True):
    """Key/value facts of this register: whose it is (`producer`: county code or BRA) and so on."""

    __tablename__ = "register_info"
    key: str = Field(primary_key=True, max_length=40)
    value: str


class ActivityTally(SQLModel, table=True):
    """The activities counted per origin and year, kept up to date from the change log
    (`store/tally.py`): what Översikt, the annual report and the Kommuner section count, without
    visiting every activity and its links each time. Derived, never synced, rebuilt when lost."""

    __tablename__ = "activity_tally"
    origin: str = Field(primary_key=True, max_length=40)
    year: int = Field(primary_key=True)
    grouping: str = Field(primary_key=True, max_length=20)
    """What is counted: `tally.PARTICIPANTS`, `TYPE_BY_MONTH` and so on."""
    key: str = Field(primary_key=True, max_length=40)
    """A code, a record id or a municipality code; "" for none (no network, no subject area)."""
    detail: str = Field(default="", primary_key=True, max_length=40)
    """A second key where the grouping has one (the activity type of a municipality's support)."""
    month: int = Field(default=0, primary_key=True)
    """1–12 where the grouping is by month, else 0."""
    value: int


class YearEndState(SQLModel, table=True):
    """A commitment or problem area as it stood when a year ended, kept once the year is over
    (`store/year_end.py`): the fields the figures count. Derived, never synced."""

    __tablename__ = "year_end_state"
    table_name: str = Field(primary_key=True, max_length=40)
    year: int = Field(primary_key=True)
    record_id: str = Field(primary_key=True, max_length=36)
    title: str | None = Field(default=None, sa_type=Text)
    status: str | None = Field(default=None, max_length=40)
    due_date: str | None = Field(default=None, max_length=10)
    """ISO, as the change log writes it."""
    network_id: str | None = Field(default=None, max_length=36)
    responsible_org_id: str | None = Field(default=None, max_length=36)
    trend: str | None = Field(default=None, max_length=40)
    theme: str | None = Field(default=None, max_length=40)


class ChangeLog(SQLModel, table=True):
    """Every create, update and delete of a synced record, with its content before and after."""

    __tablename__ = "change_log"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True, sa_type=UtcDateTime)
    user: str
    table_name: str = Field(max_length=40)
    record_id: str = Field(index=True, max_length=36)
    action: str = Field(max_length=10)
    source: str = Field(default="local", index=True, max_length=64)
    before: str | None = Field(default=None, sa_type=Text)
    after: str | None = Field(default=None, sa_type=Text)


class BundleReceipt(SQLModel, table=True):
    """One imported (or exported) bundle: who made it, what it held and what it did here."""

    __tablename__ = "bundle_receipt"
    id: int | None = Field(default=None, primary_key=True)
    bundle_id: str = Field(index=True, max_length=36)
    """Not unique: a bundle is exported once and may be imported, undone and imported again."""
    direction: str = Field(max_length=6)
    producer: str = Field(max_length=3)
    file_sha256: str = Field(max_length=64, index=True)
    file_name: str = ""
    created_at: datetime = Field(sa_type=UtcDateTime)
    processed_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    processed_by: str = ""
    counts: str = Field(default="{}", sa_type=Text)
    report: str = Field(default="", sa_type=Text)
    backup_file: str = ""
    """The backup taken just before an import (a file register's safety net)."""
    first_change_id: int | None = None
    """The change log's last id before the import wrote anything: its entries are those after it, up
    to `last_change_id`, with the bundle id as source (undo finds the records it created there).
    None for an export, and for an import made before this was kept."""
    last_change_id: int = 0
    """The change log's last id after the import: undo is refused if anything was changed since."""
    undone: bool = False
    signer: str = Field(default="", max_length=64)
    """The public key (base64) that signed the bundle: absence from a later full bundle deletes only
    records a bundle of the same key carried before (`planner._plan_missing`)."""


class ImportUndo(SQLModel, table=True):
    """What one import changed, as it was before: undoing the import writes it back.

    One row per record the import changed or whose base it moved, and per code it added or changed.
    A record it created, which had no base, has none: the import's change-log entries name it
    (`BundleReceipt.first_change_id`), and undoing removes it with the base it got.
    Kept in the register itself, so undo works the same on SQLite and on a PostgreSQL server.
    """

    __tablename__ = "import_undo"
    id: int | None = Field(default=None, primary_key=True)
    receipt_id: int = Field(foreign_key="bundle_receipt.id", index=True)
    table_name: str = Field(max_length=40)
    record_id: str = Field(max_length=100)
    """A record's id, or `list/code` for a code."""
    record_written: bool = False
    record: str | None = Field(default=None, sa_type=Text)
    """The record (or code) before the import as JSON; None if the import created it."""
    base_moved: bool = False
    base: str | None = Field(default=None, sa_type=Text)
    """The record's sync base row before the import as JSON; None if it had none."""


class TrustedSender(SQLModel, table=True):
    """A sender's public key, pinned when a person first trusted it (`bundle/signing.py`).

    One key per producer: a bundle from that producer signed by any other key is refused, until a
    person removes the pin (Arkiv → Betrodda avsändare), having heard from the sender why.
    """

    __tablename__ = "trusted_sender"
    producer: str = Field(primary_key=True, max_length=3)
    public_key: str = Field(max_length=64)
    pinned_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    pinned_by: str = ""
    how: str = Field(default="", max_length=20)
    """`bundle` (trusted on first contact, with its fingerprint shown) or `manual` (typed in)."""


class SyncBase(SQLModel, table=True):
    """The content of a record as last exchanged in a bundle: the base of three-way merges."""

    __tablename__ = "sync_base"
    table_name: str = Field(primary_key=True, max_length=40)
    record_id: str = Field(primary_key=True, max_length=36)
    content: str = Field(sa_type=Text)
    content_hash: str = Field(max_length=64)
    deleted: bool = False
    version: int = 0
    bundle_id: str = Field(max_length=36)
