"""Which records a bundle's rows may create or change: only a record's owner changes it
(DESIGN §4, Trust).

A record's owner is fixed when a register first stores it (its `origin`), and no bundle changes it.
A row may change or delete a stored record only when the bundle comes from that owner; Brå's
national bundle relays the counties' records to the other counties, but nothing but a county's own
edits changes that county's records in its own register. Edits made in Excel are taken only for
the receiving register's own records, in any bundle that carries them: an edit of another's record
in a copy would never reach its owner, and the copies would differ for good. New rows belong to the
bundle's producer, and are taken, like every edit in Excel, only in that producer's own register.

Every bundle carries the records its own rows refer to, whoever owns them (`export._carried`): a
copy of a record the register does not hold is taken as its owner's, so a bundle read into an
empty register gives back every row. A copy of a stored record from another sender than its owner
(and Brå) changes nothing: an older one is passed over, any other is refused.

These rules are pure: the planner asks them for every row it would write (`planner._plan_chunk`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bra_desktop.domain.producer import NATIONAL, owner_name


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    keep_local: bool = False
    """A relayed copy that is not taken, and no problem either: the register's own record, which
    stands against any copy of it, or an older copy of another's."""
    reason: str = ""
    """Why not, in Swedish, naming whose record it is."""


ALLOWED = Verdict(True)
KEEP_OWN = Verdict(False, keep_local=True, reason="registrets egen post: den ändras bara här")


def judge(*, receiver: str, sender: str, owner: str, stored: bool, hand_edited: bool, new_row: bool,
          older: bool = False) -> Verdict:
    """Whether a row of `sender`'s bundle may create (`stored` False) or change a record `owner`
    owns, in the register of `receiver`; `new_row`: a row added in Excel, without an id; `older`:
    the row is an older version than the stored record."""
    if stored and owner == receiver and sender != receiver:
        if sender == NATIONAL:
            return ALLOWED if hand_edited else KEEP_OWN  # an edit in Excel of its own record is the owner's own
        return KEEP_OWN if older and not hand_edited else _not_sender(owner, sender)
    if hand_edited and owner != receiver:
        if new_row:
            return Verdict(False, reason=f"raden är ny i Excel i ett paket från {owner_name(owner)} och blir "
                                         f"{owner_name(owner)}s post, men bara den som äger en post kan lägga till den: "
                                         "läs in raden i det egna registret och skicka den därifrån")
        return Verdict(False, reason=f"posten tillhör {owner_name(owner)} och kan bara ändras där; "
                                     "ändringen i Excel läses inte in")
    if sender == owner or sender == NATIONAL or not stored:
        return ALLOWED
    if older:
        return Verdict(False, keep_local=True, reason=f"äldre kopia av {owner_name(owner)}s post, i ett paket från "
                                                      f"{owner_name(sender)}: registrets version står kvar")
    return _not_sender(owner, sender)


def _not_sender(owner: str, sender: str) -> Verdict:
    return Verdict(False, reason=f"posten tillhör {owner_name(owner)} och kan bara ändras av {owner_name(owner)}, "
                                 f"men paketet kommer från {owner_name(sender)}")
