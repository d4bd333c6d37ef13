#!/usr/bin/env python3
"""Writes the inputs of Benchmarks/memory.sh into a folder: data files small on disk that cost a
reader far more than their size (issue 15 item 6), and ordinary large ones for comparison.

Usage: memory_inputs.py FOLDER [LIST_ROWS ...]
Prints one line per case: name, data file, template, extra arguments (tab-separated).
"""
import os
import random
import sys
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PART = 128 * 1024 * 1024  # the most a part may inflate to (ZipParts.maximumPartSize)

out = sys.argv[1]
list_rows = [int(n) for n in sys.argv[2:]] or [100_000]
cases = []


def path(name):
    return os.path.join(out, name)


def case(name, data, template="plain.xml", *args):
    cases.append("\t".join([name, path(data), path(template), *args]))


def zip_parts(name, parts):
    with zipfile.ZipFile(path(name), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
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
    zip_parts(name, parts)


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def column(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def table_xlsx(name, header, rows):
    """A sheet of `header` and `rows` (lists of str or numbers), cells inline."""
    parts = []
    for r, cells in enumerate([header] + rows, start=1):
        cs = "".join(f'<c r="{column(c)}{r}"><v>{v}</v></c>' if isinstance(v, (int, float)) else inline(f"{column(c)}{r}", v)
                     for c, v in enumerate(cells))
        parts.append(f'<row r="{r}">{cs}</row>')
    xlsx(name, "".join(parts))


def write(name, text):
    with open(path(name), "w", encoding="utf-8") as f:
        f.write(text)


os.makedirs(out, exist_ok=True)
# A template with no data contract: every record is merged once.
write("plain.xml", "<公文><标题>通知</标题><正文><段>{{ 名称 | default('') }}</段></正文></公文>\n")
HEADER = '<row r="1">' + inline("A1", "名称") + inline("B1", "值") + "</row>"

# Spreadsheets: the hostile files of Tests/Fixtures/data/make-hostile.py, and the issue's own.
sst = f'<?xml version="1.0"?><sst xmlns="{MAIN}"><si><t>名称</t></si><si><t>值</t></si>'
one_row = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
xlsx("shared-strings-1m.xlsx", one_row, shared=sst + "<si/>" * 1_000_000 + "</sst>")
case("xlsx: 1M empty shared strings", "shared-strings-1m.xlsx")
xlsx("shared-strings-26m.xlsx", one_row, shared=sst + "<si/>" * ((PART - 200) // 5) + "</sst>")
case("xlsx: 26M empty shared strings (issue)", "shared-strings-26m.xlsx")
xlsx("styles-25m.xlsx", HEADER, styles=f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><cellXfs>'
     + "<xf/>" * ((PART - 200) // 5) + "</cellXfs></styleSheet>")
case("xlsx: 25M cell formats", "styles-25m.xlsx")
xlsx("wide-rows.xlsx", HEADER + "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(2, 20_002)))
case("xlsx: 20k rows in column XFD", "wide-rows.xlsx")


def ods_cell(text):
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
           'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
           '<table:table table:name="表">'
           f'<table:table-row>{ods_cell("名称")}{ods_cell("值")}</table:table-row>'
           + f'<table:table-row table:number-rows-repeated="1000000">{ods_cell("清水县")}{ods_cell("1")}</table:table-row>' * 20
           + '</table:table></office:spreadsheet></office:body></office:document-content>')
zip_parts("repeated-rows.ods", {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": content})
case("ods: row repeated 20x1M", "repeated-rows.ods")

random.seed(15)
COUNTIES = ["清水县", "石门县", "龙溪县", "河西特区", "云岭区", "凯里市", "黄平县", "施秉县"]
header10 = ["名称", "代码", "人口", "出生率", "符合政策生育率", "性别比", "得分", "上期黄牌", "负责人", "备注"]


def record10(i):
    return [f"{random.choice(COUNTIES)}{i}", f"{520100 + i % 899:06d}", 10_000 + i % 90_000,
            round(random.uniform(8, 16), 2), round(random.uniform(85, 98), 2), round(random.uniform(100, 125), 1),
            round(random.uniform(60, 99), 1), random.choice(["是", "否"]), "张三", "按期完成"]


table_xlsx("rows-100k.xlsx", header10, [record10(i) for i in range(100_000)])
case("xlsx: 100k rows x 10 columns", "rows-100k.xlsx")

# JSON: trees that expand, and ordinary records for comparison.
write("json-empty-objects.json", "[" + ",".join(["{}"] * 10_000_000) + "]")
case("json: 10M empty objects", "json-empty-objects.json")
write("json-one-key-objects.json", "[" + ",".join(['{"a":0}'] * 4_000_000) + "]")
case("json: 4M objects of one key", "json-one-key-objects.json")
write("json-nested-lists.json", "[" + ",".join(["[[]]"] * 6_000_000) + "]")
case("json: 6M lists in lists", "json-nested-lists.json")
write("json-many-keys.json", "{" + ",".join(f'"k{i}":0' for i in range(2_000_000)) + "}")
case("json: one object of 2M keys", "json-many-keys.json")
write("json-deep.json", "[" * 1_000_000 + "]" * 1_000_000)
case("json: nested 1M deep", "json-deep.json")
write("json-records-50k.json", "[" + ",".join(
    "{" + ",".join(f'"{k}":{v}' if isinstance(v, (int, float)) else f'"{k}":"{v}"' for k, v in zip(header10, record10(i))) + "}"
    for i in range(50_000)) + "]")
case("json: 50k records x 10 fields", "json-records-50k.json")

# YAML: the same, and aliases.
write("yaml-empty-objects.yaml", "- {}\n" * 3_000_000)
case("yaml: 3M empty objects", "yaml-empty-objects.yaml")
write("yaml-flow-empty.yaml", "[" + ",".join(["{}"] * 5_000_000) + "]\n")
case("yaml: 5M empty objects, flow", "yaml-flow-empty.yaml")
laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
for i in range(1, 9):
    laughs += f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n"
write("yaml-billion-laughs.yaml", laughs)
case("yaml: billion laughs", "yaml-billion-laughs.yaml")
write("yaml-deep.yaml", "[" * 1_000_000 + "]" * 1_000_000 + "\n")
case("yaml: nested 1M deep", "yaml-deep.yaml")
write("yaml-many-keys.yaml", "".join(f"k{i}: 0\n" for i in range(1_400_000)))
case("yaml: one object of 1.4M keys", "yaml-many-keys.yaml")
write("yaml-records-50k.yaml", "".join(
    "- {" + ", ".join(f"{k}: {v}" for k, v in zip(header10, record10(i))) + "}\n" for i in range(50_000)))
case("yaml: 50k records x 10 fields", "yaml-records-50k.yaml")

# A list template over every row: 动态综合排名通报 loops over all the rows of its sheet.
write("shared.yaml", """发文机关: 龙溪州人口和计划生育领导小组
机关代字: 龙人口领发
年份: 2025
发文序号: 14
期别: 2025年5月
范围: 州
主送机关: 各县（市、区、特区）党委和人民政府
奖惩依据: 《龙溪州人口计生工作实施办法》
整改期限: 2025-06-30
成文日期: 2025-06-10
印发机关: 龙溪州人口和计划生育领导小组办公室
印发日期: 2025-06-10
抄送机关: [州委办公室, 州人大常委会办公室]
""")
header6 = ["名称", "出生率", "符合政策生育率", "出生人口性别比", "得分", "上期黄牌"]
for n in list_rows:
    rows = []
    for i in range(n):
        r = record10(i)
        rows.append([r[0], r[3], r[4], r[5], r[6], r[7]])
    table_xlsx(f"list-{n}.xlsx", header6, rows)
    cases.append("\t".join([f"list template over {n // 1000}k rows", path(f"list-{n}.xlsx"), "动态综合排名通报",
                            "--shared", path("shared.yaml")]))

print("\n".join(cases))
