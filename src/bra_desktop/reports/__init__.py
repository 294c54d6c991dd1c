"""Yearly figures and the annual report (DESIGN §1): pure data and openpyxl, no Qt.

`figures` counts a year of the register (for the dashboard and the reports); `xlsx_report` writes
the annual workbook with native Excel charts.
"""
