"""Who sent a bundle, as far as the register can tell: by its signature and the keys it trusts.

A file says who made it (Info `producer`), but anyone can write that. The signature says which key
made it, and the register knows whose keys it trusts (`store/keys.py`). A file is read only when:

- it is signed, and its signature holds over its Info sheet;
- a county reads its own bundles and Brå's; Brå reads every county's;
- a file that says it is Brå's is signed by Brå: in Brå's own register with that register's own
  key (or another Brå register's that a person entered under Betrodda avsändare, never on first
  contact), in a county's with the key the county trusts as Brå's;
- its key is the one trusted for its producer, or no key is trusted for that producer yet: then a
  person compares the key's fingerprint with the sender's before the file is applied, and the key
  is trusted from then on (`Sender.first_contact`);
- what it carries is what was signed, or a person has accepted the edits (`Sender.edited`): people
  may edit bundles in Excel, and what they edit is then read under the ownership rules
  (`authority.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bra_desktop.bundle.problems import BundleError
from bra_desktop.bundle.reader import BundleContents
from bra_desktop.domain.producer import NATIONAL, owner_name
from bra_desktop.domain.signing import fingerprint
from bra_desktop.store.keys import own_public_key, trusted_key


@dataclass(frozen=True)
class Sender:
    """The sender of a bundle as the register knows it."""

    producer: str
    key: bytes
    first_contact: bool
    """No key is trusted for `producer` yet: a person must compare the fingerprint before applying."""
    edited: bool
    """The file's rows or code lists differ from what was signed: a person must accept that."""
    own: bool
    """Signed by this register's own key: a bundle this register exported."""

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key)

    @property
    def name(self) -> str:
        return owner_name(self.producer)


def check_sender(session: Session, receiver: str, contents: BundleContents) -> Sender:
    """The bundle's sender, or BundleError saying in Swedish why the file is not read at all."""
    info, name = contents.info, contents.path.name
    claimed = owner_name(info.producer)
    if info.signer_key is None:
        raise BundleError(
            f"Paketet {name} är inte signerat, så det går inte att veta vem som har gjort det. Det kan vara gjort av en "
            "äldre version av programmet. Be avsändaren exportera paketet igen.",
            f"The bundle {name} is not signed, so who made it cannot be known. Ask the sender to export it again.",
        )
    if not info.signature_valid:
        raise BundleError(
            f"Paketets signatur stämmer inte med fliken Info i {name}: uppgifterna om paketet har ändrats efter att "
            "det gjordes. Be avsändaren om ett nytt paket.",
            f"The signature of {name} does not match its Info sheet: the bundle's details were changed after it was "
            "made. Ask the sender for a new bundle.",
        )
    if receiver != NATIONAL and info.producer not in (receiver, NATIONAL):
        raise BundleError(
            f"Paketet {name} kommer från {claimed}. Ett län läser bara in sina egna paket och Brås.",
            f"The bundle {name} comes from {claimed}. A county imports only its own bundles and Brå's.",
        )
    key, own = info.signer_key, own_public_key(session)
    if key == own and info.producer != receiver:
        raise BundleError(  # this register signs as its own producer only: the Info sheet was changed
            f"Paketet {name} är signerat av det här registret men säger att det kommer från {claimed}.",
            f"The bundle {name} is signed by this register but says it comes from {claimed}.",
        )
    if info.producer == NATIONAL and receiver == NATIONAL and key != own and trusted_key(session, NATIONAL) != key:
        raise BundleError(  # another Brå register's key is trusted only when a person put it in by hand
            f"Paketet {name} säger att det kommer från Brå men är inte signerat av Brås register. Det läses inte in.",
            f"The bundle {name} says it comes from Brå but is not signed by Brå's register. It is not read.",
        )
    trusted = own if info.producer == receiver and key == own else trusted_key(session, info.producer)
    if trusted is not None and trusted != key:
        raise BundleError(
            f"Paketet {name} säger att det kommer från {claimed} men är signerat med en annan nyckel (fingeravtryck "
            f"{fingerprint(key)}) än den som registret litar på för {claimed} (fingeravtryck {fingerprint(trusted)}). "
            "Det läses inte in. Har avsändaren fått en ny dator eller ett nytt register? Ring och jämför fingeravtrycket, "
            "och byt sedan nyckel under Arkiv → Betrodda avsändare.",
            f"The bundle {name} says it comes from {claimed} but is signed with another key ({fingerprint(key)}) than "
            f"the one trusted for {claimed} ({fingerprint(trusted)}). It is not read.",
        )
    return Sender(info.producer, key, first_contact=trusted is None, edited=contents.edited_after_signing, own=key == own)
