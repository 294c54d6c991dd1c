"""The layers the guide fixes: the UI is a thin layer over the register, through one door.

`ui/service.py` owns the register's sessions: widgets and the jobs they start ask it
(`RegisterService.read` and its writes), so that what a job changed is told to the views in one
place. A new `register.session()` anywhere else in `ui/` fails here, with where it is.
"""

from __future__ import annotations

import ast
from pathlib import Path

import bra_desktop.ui

UI = Path(bra_desktop.ui.__file__).parent


def _session_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "session"]


def test_only_the_register_service_opens_sessions():
    opened = {f"{path.relative_to(UI)}:{line}" for path in sorted(UI.rglob("*.py")) if path.name != "service.py"
              for line in _session_calls(path)}
    assert opened == set()


def test_the_check_sees_a_session_opened_in_a_widget(tmp_path):
    widget = tmp_path / "widget.py"
    widget.write_text("def fill(register):\n    with register.session() as session:\n        return session\n")
    assert _session_calls(widget) == [2]
