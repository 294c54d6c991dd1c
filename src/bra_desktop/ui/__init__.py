"""The PySide6 user interface: a thin layer over `store`, `bundle` and `reports`."""
