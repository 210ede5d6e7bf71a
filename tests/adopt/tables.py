"""Spreadsheets for the tests, made the way the tools export them."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

VIVA_HEADER = [
    "Row ID", "Title", "Parent", "Entity", "Owner Email", "Owner Name", "Team", "Time Period",
    "Start Date", "End Date", "Start Value", "Target Value", "Current Value", "Progress",
    "Status", "Metric Unit",
]  # fmt: skip
VIVA_ROWS = [
    [101, "Become the default choice for mid-size warehouses", None, "Objective",
     "ceo@acme.example", "Ada Lovelace", None, "Q1 2027", "2027-01-01", "2027-03-31",
     None, None, None, 40, "On track", None],
    [102, "Win the cold-chain segment", 101, "Objective", "sales@acme.example", "Grace Hopper",
     "Sales", "Q1 2027", "2027-01-01", "2027-03-31", None, None, None, 30, "Behind", None],
    [103, "Signed cold-chain customers", 102, "Key Result", "sales@acme.example", None, "Sales",
     "Q1 2027", "2027-01-01", "2027-03-31", 4, 12, 7, 37, "Behind", "customers"],
    [104, "Average deal size", 102, "Key Result", None, None, "Sales", "Q1 2027",
     "2027-01-01", "2027-03-31", None, 25000, 18000, 0, "At risk", "EUR"],
    [105, "Launch the partner program", 102, "Initiative", "bd@acme.example", "Alan Turing",
     "Sales", "Q1 2027", "2027-01-01", "2027-03-31", None, None, None, 100, "Closed", None],
    [106, "Open the Berlin office", 101, "Objective", "ops@acme.example", None, "Operations",
     "Q1 2027", "2027-01-01", "2027-03-31", None, None, None, 0, "Cancelled", None],
    [107, "Office lease signed", 106, "Key Result", "ops@acme.example", None, "Operations",
     "Q1 2027", "2027-01-01", "2027-03-31", None, None, None, 0, "Cancelled", None],
    [108, "Net promoter score", 101, "Key Result", "ceo@acme.example", None, None, "Q1 2027",
     "2027-01-01", "2027-03-31", 31, 45, "=B3*2", 0, "On track", "points"],
]  # fmt: skip


def viva_xlsx(
    path: Path, header: list[str] | None = None, rows: list[list[object]] | None = None
) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header or VIVA_HEADER)
    for row in VIVA_ROWS if rows is None else rows:
        sheet.append(row)
    book.save(path)
    return path


MAPPED_CSV = """\
Goal,Level,Goal ID,Parent goal,Lead,Quarter,Start,Target,Actual,Unit
Grow recurring revenue,Goal,G1,,maria@shop.example,2026-Q4,,,,
Monthly recurring revenue,Metric,M1,G1,maria@shop.example,2026-Q4,80000,120000,95000,EUR
Churned customers per month,Metric,M2,G1,tom@shop.example,2026-Q4,30,15,22,customers
Make checkout effortless,Goal,G2,G1,tom@shop.example,2026-Q4,,,,
Checkout conversion,Metric,M3,G2,tom@shop.example,2026-Q4,2.1,3,,%
"""
MAPPING = """\
columns:
  title: Goal
  type: Level
  ref: Goal ID
  parent: Parent goal
  owner: Lead
  period: Quarter
  baseline: Start
  target: Target
  current: Actual
  unit_of_measure: Unit
types:
  objective: Goal
  key_result: [Metric]
"""
