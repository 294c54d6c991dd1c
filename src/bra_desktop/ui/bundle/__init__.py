"""Exchanging bundles in the app: the export dialog, the import wizard and the import history."""
