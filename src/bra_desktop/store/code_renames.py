"""Replace retired codes in a register (`domain/code_renames.py`), once, when it is upgraded.

The register's own records that hold an old code are changed to the new one as its own edits (a
new version each, logged), so that they reach Brå and the other counties in the next bundle like
any edit. Records of others are theirs to change: they keep the old code until their owner's
bundle brings the new one. The old code is retired ("ur bruk"), so it is chosen no more.
"""

from __future__ import annotations

import logging

from sqlalchemy import update
from sqlalchemy.orm import Session

from bra_desktop.domain.code_renames import RENAMES, renames_for, with_new_codes
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.models import CodeItem
from bra_desktop.store.errors import ValidationFailed
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import update_record
from bra_desktop.store.stream import stream_records

SOURCE = "kodbyte"
"""The change-log source of the edits, so that the history says why the record changed."""
USER = "bra-desktop"

log = logging.getLogger(__name__)


def replace_retired_codes(session: Session, producer: str) -> int:
    """Change `producer`'s records from each old code to its new one and retire the old codes;
    return how many records changed. A record the rules refuse for another reason keeps its code."""
    reference = load_reference(session)
    changed = 0
    for kind in KINDS.values():
        renames = renames_for(kind)
        if not renames:
            continue
        held = [(record, content) for record in stream_records(session, kind, origins={producer})
                if not record.deleted and (content := with_new_codes(record.content, renames)) is not None]
        for record, content in held:
            try:
                update_record(session, kind, record.id, content, user=USER, reference=reference, source=SOURCE)
                changed += 1
            except ValidationFailed as refused:
                log.warning("%s %s keeps its old code: %s", kind.key, record.id, refused)
    for rename in RENAMES:
        session.execute(update(CodeItem).where(CodeItem.list_name == rename.list_name, CodeItem.code == rename.old)
                        .values(active=False))
    return changed
