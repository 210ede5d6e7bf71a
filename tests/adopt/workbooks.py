"""XLSX workbooks made part by part with zipfile, for what a spreadsheet program would not
write: parts that expand hugely, document type declarations, cells far away."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def cells(rows: list[list[object]], first_row: int = 1) -> str:
    """`sheetData` for rows of values: text as inline strings, numbers as numbers."""
    xml = []
    for number, values in enumerate(rows, start=first_row):
        row = []
        for column, value in enumerate(values):
            where = f"{chr(ord('A') + column)}{number}"
            if value is None:
                continue
            if isinstance(value, int | float):
                row.append(f'<c r="{where}"><v>{value}</v></c>')
            else:
                text = escape(str(value))
                row.append(f'<c r="{where}" t="inlineStr"><is><t>{text}</t></is></c>')
        xml.append(f'<row r="{number}">{"".join(row)}</row>')
    return "".join(xml)


def write(
    path: Path,
    sheets: list[tuple[str, str, str]],
    strings: Iterable[bytes] = (),
    *,
    after_sheet_data: str = "",
    prologue: bytes = b"",
) -> Path:
    """A workbook with `sheets` as (name, state, sheetData's content), a shared strings part
    streamed from `strings` (written as they come: a part of gigabytes takes little memory),
    and `prologue` put before the shared strings' root element."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{TYPES}.worksheet+xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    listed = "".join(
        f'<sheet name={quoteattr(name)} sheetId="{n}" state="{state}" r:id="rId{n}"/>'
        for n, (name, state, _) in enumerate(sheets, start=1)
    )
    targets = "".join(
        f'<Relationship Id="rId{n}" Type="{RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType="'
            f'application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{TYPES}'
            f'.sheet.main+xml"/>{overrides}<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{TYPES}.sharedStrings+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{listed}'
            "</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{PACKAGE}">{targets}<Relationship '
            f'Id="rIdS" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        for number, (_, _, data) in enumerate(sheets, start=1):
            archive.writestr(
                f"xl/worksheets/sheet{number}.xml",
                f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{data}</sheetData>'
                f"{after_sheet_data}</worksheet>",
            )
        with archive.open("xl/sharedStrings.xml", "w") as part:
            part.write(b'<?xml version="1.0"?>' + prologue + f'<sst xmlns="{MAIN}">'.encode())
            for chunk in strings:
                part.write(chunk)
            part.write(b"</sst>")
    return path
