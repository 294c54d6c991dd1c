"""Forms to create and edit every kind of record, built from the field descriptions in `domain/fields.py`.

The main window needs only `open_record_editor` and `confirm_and_delete`; both put their change on
the window's undo stack. `RecordFormDialog` is exposed for tests and for embedding.
"""

from bra_desktop.ui.forms.actions import confirm_and_delete, open_record_editor
from bra_desktop.ui.forms.dialog import RecordFormDialog

__all__ = ["RecordFormDialog", "confirm_and_delete", "open_record_editor"]
