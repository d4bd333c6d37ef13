#!/usr/bin/env python3
"""Makes the hostile spreadsheets of the reliability tests (Tests/GongwenDataTests/Reliability*.swift).

Each file is small on disk and was made to cost a reader far more than its size: entries that
inflate to nothing but each take a slot in memory, rows repeated by an attribute, cells padded to
the last column. A reader must end each of them in a
located error after a bounded amount of memory and time (peak RSS of `gongwen check` ≤ 256 MB).

Run again only to change the fixtures: `python3 Tests/Fixtures/data/make-hostile.py`.
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# The most a part may inflate to (ZipParts.maximumPartSize): an attack fills it.
PART = 128 * 1024 * 1024


def write(name, parts):
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for part, text in parts.items():
            z.writestr(part, text)


def xlsx(name, sheet, shared=None, styles=None):
    rels = (f'<Relationship Id="s1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="s2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="s3" Type="{DOC}/styles" Target="styles.xml"/>')
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{RELS}"><Relationship Id="r1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets><sheet name="表" sheetId="1" r:id="s1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{RELS}">{rels}</Relationships>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{sheet}</sheetData></worksheet>',
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    if styles is not None:
        parts["xl/styles.xml"] = styles
    write(name, parts)


HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="B1" t="inlineStr"><is><t>值</t></is></c></row>'


def ods(name, rows):
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               f'<table:table table:name="表">{rows}</table:table></office:spreadsheet></office:body></office:document-content>')
    write(name, {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": content})


def ods_cell(text):
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def main():
    # A shared-string table of 26 million empty entries: 190 KB on disk, 128 MB inflated,
    # 816 MB of peak memory before entries were counted.
    empty = "<si/>"
    shared = f'<?xml version="1.0"?><sst xmlns="{MAIN}"><si><t>名称</t></si><si><t>值</t></si>'
    shared += empty * ((PART - 200) // len(empty)) + "</sst>"
    xlsx("hostile-shared-strings.xlsx", '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>', shared=shared)

    # Twenty-five million cell formats.
    xf = "<xf/>"
    styles = f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><cellXfs>' + xf * ((PART - 200) // len(xf)) + "</cellXfs></styleSheet>"
    xlsx("hostile-styles.xlsx", HEADER, styles=styles)

    # Rows of one cell each in the last column: every row is 16,384 cells wide once read.
    wide = HEADER + "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(2, 20_002))
    xlsx("hostile-wide-rows.xlsx", wide)

    # An .ods whose rows are repeated a million times each by an attribute: 20 million rows of
    # data from a few hundred bytes.
    header = f'<table:table-row>{ods_cell("名称")}{ods_cell("值")}</table:table-row>'
    repeated = f'<table:table-row table:number-rows-repeated="1000000">{ods_cell("清水县")}{ods_cell("1")}</table:table-row>'
    ods("hostile-repeated-rows.ods", header + repeated * 20)

    # One .ods cell of a hundred thousand `text:s` elements of a thousand spaces each: 100 MB of text.
    spaces = '<text:s text:c="1000"/>' * 100_000
    ods("hostile-spaces.ods", header + f'<table:table-row>{ods_cell("清水县")}{ods_cell(spaces)}</table:table-row>')


if __name__ == "__main__":
    main()
