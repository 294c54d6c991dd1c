"""Whose register or bundle it is: a county's two-digit code, or Brå's.

A module of its own, free of the tables, so that the command line can know it without loading the
database layer (`bra-desktop --version` answers at once).
"""

NATIONAL = "BRA"
"""The producer code of Brå's national register (a county's is its two-digit county code)."""
