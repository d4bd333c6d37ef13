#!/usr/bin/env python3
"""Makes the spreadsheet fixtures of the data-reader tests with LibreOffice, not with our code.

The source is 县级指标.fods (flat OpenDocument, written below, reviewed by eye): a merged
title row above the header, text codes with leading zeros, numbers shown with two decimals, a
formula, a percentage, dates, a boolean, an empty cell, a cell with a line break, and a second
sheet with wrong values. LibreOffice converts it to .xlsx, .ods, UTF-8 CSV, GB18030 CSV, tab-separated
UTF-8 and UTF-16 text
(LibreOffice's text encoding 85 = RTL_TEXTENCODING_GB_18030, per rtl/textenc.h).

Run again only to change the fixtures: `python3 Tests/Fixtures/data/make-fixtures.py`.
"""
import os
import shutil
import subprocess
import tempfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

GOOD = [
    # code, name, population, births, birth-rate formula, policy rate, date, met, remark
    ("660203", "清水县", 412345, 5432, "0.9312", "2025-06-30", True, "城关镇、坪上乡"),
    ("660204", "石门县", 298765, 4010, "0.8875", "2025-07-01", False, "备注含逗号,和\"引号\""),
    ("660205", "安平县", 356000, None, "0.91", "2025-12-31", True, "第一行\n第二行"),
    ("660206", "杨䶮县", 100001, 1200, "0.9", "2026-01-15", True, "=HYPERLINK(\"http://x.example\",\"点我\") <b>粗</b>"),
]

BAD = [
    # code, name, population (text), births, birth rate (text), policy rate, date, met, remark
    ("660203", "清水县", "412345", "5432", "1２.3‰", "0.9312", "2025-06-30", "是", ""),
    ("66020X", "石门县", "二十九万", "4010", "13.42", "1.5", "2025-13-01", "否", ""),
    ("660205", "", "356000", "-3", "999", "0.91", "2025-12-31", "不知道", ""),
]


def cell_text(value):
    lines = str(value).split("\n")
    return "".join(f"<text:p>{escape(line)}</text:p>" for line in lines)


def string_cell(value):
    return f'<table:table-cell office:value-type="string" calcext:value-type="string">{cell_text(value)}</table:table-cell>'


def number_cell(value, style=None):
    style_attr = f' table:style-name="{style}"' if style else ""
    return f'<table:table-cell{style_attr} office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'


def good_row(r, row):
    code, name, population, births, policy, date, met, remark = row
    cells = [string_cell(code), string_cell(name), number_cell(population)]
    cells.append(number_cell(births) if births is not None else "<table:table-cell/>")
    if births is not None:
        rate = round(births / population * 1000, 2)  # the cached result, as Calc would store it
        cells.append(f'<table:table-cell table:style-name="twoDecimals" table:formula="of:=ROUND([.D{r}]/[.C{r}]*1000;2)" office:value-type="float" office:value="{rate}"><text:p>{rate:.2f}</text:p></table:table-cell>')
    else:
        cells.append("<table:table-cell/>")
    cells.append(f'<table:table-cell table:style-name="percent" office:value-type="percentage" office:value="{policy}"><text:p>{policy}</text:p></table:table-cell>')
    cells.append(f'<table:table-cell table:style-name="date" office:value-type="date" office:date-value="{date}"><text:p>{date}</text:p></table:table-cell>')
    cells.append(f'<table:table-cell table:style-name="boolean" office:value-type="boolean" office:boolean-value="{"true" if met else "false"}"><text:p>{"TRUE" if met else "FALSE"}</text:p></table:table-cell>')
    cells.append(string_cell(remark))
    return "<table:table-row>" + "".join(cells) + "</table:table-row>"


HEADER = ["行政区划代码", "名称", "常住人口", "出生数", "出生率（‰）", "符合政策生育率", "考核日期", "达标", "备注"]


def header_row():
    return "<table:table-row>" + "".join(string_cell(h) for h in HEADER) + "</table:table-row>"


def title_row(text):
    return ('<table:table-row><table:table-cell table:number-columns-spanned="9" table:number-rows-spanned="1" '
            f'office:value-type="string">{cell_text(text)}</table:table-cell>'
            '<table:covered-table-cell table:number-columns-repeated="8"/></table:table-row>')


def fods():
    good = [title_row("2025年南岭省县级人口和计划生育指标"), header_row()]
    good += [good_row(i + 3, row) for i, row in enumerate(GOOD)]
    bad = [header_row()] + ["<table:table-row>" + "".join(string_cell(v) for v in row) + "</table:table-row>" for row in BAD]
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
  xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <number:number-style style:name="N2"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/></number:number-style>
  <number:percentage-style style:name="P1"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
  <number:date-style style:name="D1"><number:year number:style="long"/><number:text>年</number:text><number:month/><number:text>月</number:text><number:day/><number:text>日</number:text></number:date-style>
  <style:style style:name="twoDecimals" style:family="table-cell" style:data-style-name="N2"/>
  <style:style style:name="percent" style:family="table-cell" style:data-style-name="P1"/>
  <number:boolean-style style:name="B1"><number:boolean/></number:boolean-style>
  <style:style style:name="date" style:family="table-cell" style:data-style-name="D1"/>
  <style:style style:name="boolean" style:family="table-cell" style:data-style-name="B1"/>
 </office:automatic-styles>
 <office:body><office:spreadsheet>
  <table:table table:name="县级指标">{"".join(good)}</table:table>
  <table:table table:name="有错误">{"".join(bad)}</table:table>
 </office:spreadsheet></office:body>
</office:document>
'''


def convert(source, target_ext, filter_spec, out_name, workdir):
    profile = "file://" + os.path.join(workdir, "profile")
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", filter_spec,
                    "--outdir", workdir, source], check=True, stdout=subprocess.DEVNULL)
    produced = os.path.join(workdir, os.path.splitext(os.path.basename(source))[0] + "." + target_ext)
    shutil.move(produced, os.path.join(HERE, out_name))


def main():
    source = os.path.join(HERE, "县级指标.fods")
    with open(source, "w", encoding="utf-8") as f:
        f.write(fods())
    with tempfile.TemporaryDirectory() as work:
        convert(source, "xlsx", "xlsx:Calc MS Excel 2007 XML", "县级指标.xlsx", work)
        convert(source, "ods", "ods", "县级指标.ods", work)
        convert(source, "csv", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true', "县级指标-utf8.csv", work)
        convert(source, "csv", 'csv:Text - txt - csv (StarCalc):44,34,85,1,,0,false,true,true', "县级指标-gb18030.csv", work)
        convert(source, "csv", 'csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,true', "县级指标-tab.csv", work)
        # 65535 = RTL_TEXTENCODING_UNICODE: UTF-16LE with a BOM, as Excel's “Unicode text”.
        convert(source, "csv", 'csv:Text - txt - csv (StarCalc):9,34,65535,1,,0,false,true,true', "县级指标-utf16.txt", work)



# Hand-made workbooks for what LibreOffice never writes: inline strings (written by many
# statistics systems' exporters), and hostile files. Each is the smallest valid-looking .xlsx.
import zipfile

CONTENT_TYPES = '''<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'''
ROOT_RELS = '''<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'''
WORKBOOK = '''<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'''


def workbook_rels(extra=""):
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            + extra + '</Relationships>')


def sheet(rows_xml):
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + rows_xml + '</sheetData></worksheet>')


def write_xlsx(name, parts):
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts.items():
            info = zipfile.ZipInfo(part, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)


def hand_made():
    base = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "xl/workbook.xml": WORKBOOK,
            "xl/_rels/workbook.xml.rels": workbook_rels()}
    inline = ('<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="B1" t="inlineStr"><is><t>出生率</t></is></c><c r="C1" t="inlineStr"><is><t>达标</t></is></c></row>'
              '<row r="2"><c r="A2" t="inlineStr"><is><r><t>清水</t></r><r><t>县</t></r></is></c><c r="B2"><v>13.170000000000002</v></c><c r="C2" t="b"><v>1</v></c></row>'
              '<row r="4"><c r="A4" t="inlineStr"><is><t xml:space="preserve"> 石门县 </t></is></c><c r="B4" t="e"><v>#DIV/0!</v></c><c r="C4" t="b"><v>0</v></c></row>')
    write_xlsx("inline-strings.xlsx", {**base, "xl/worksheets/sheet1.xml": sheet(inline)})

    # An entity declaration (billion laughs) in the shared strings.
    laughs = '<!DOCTYPE sst [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + ']>'
    write_xlsx("entities.xlsx", {**base, "xl/worksheets/sheet1.xml": sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
                                 "xl/sharedStrings.xml": '<?xml version="1.0"?>' + laughs + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&j;</t></si></sst>'})

    # An external entity pointing at a local file, and relationships pointing outside the archive.
    write_xlsx("external.xlsx", {**base,
        "xl/_rels/workbook.xml.rels": workbook_rels(
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="../../../../../../etc/passwd"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="file:///etc/passwd" TargetMode="External"/>'),
        "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>'})

    # A zip bomb: a 300 MB worksheet of blanks that deflates to a few hundred kilobytes.
    with zipfile.ZipFile(os.path.join(HERE, "bomb.xlsx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for part, text in base.items():
            z.writestr(part, text)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            chunk = b" " * (1024 * 1024)
            for _ in range(300):
                f.write(chunk)
            f.write(b"</sheetData></worksheet>")



if __name__ == "__main__":
    main()
    hand_made()
