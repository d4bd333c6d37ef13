#!/usr/bin/env python3
"""usage: measure-layout.py LIBREOFFICE.pdf CHROMIUM.pdf [--gongwen GONGWEN.pdf] [--require ID,ID,...] [--skip ID,...]
                         [--json FILE] [--per-record-numbers] [--expect-seal]

Measures two PDFs of the same Gongwen document — the .odt printed by LibreOffice and the .html
printed by Chromium — against GB/T 9704-2012 and against each other. Prints one line per check
with its id and measured value. Exits 1 if a required check fails (all checks when --require is
not given). Needs pdfplumber. With --gongwen, a third PDF of the same document — written by Gongwen
itself (`gongwen render … --format pdf`) — is measured by the same checks and compared with both.

Ids, each as lo-… for LibreOffice, ch-… for Chromium and (with --gongwen) gw-… for Gongwen's PDF:
  body-size              body text at 3号 (16 pt), the page not shrunk to fit
  left-edge              body text starts at x = 28 ± 1 mm
  first-line             the first line of every page after the first has its top at 37 ± 1 mm
  lines-per-page         22 lines on every page a paragraph runs on from; none has more
  chars-per-line         28 characters on every full line of plain text
  page-numbers           — N — below the 版心 (7 mm), odd numbers right and even numbers left;
                         N is the page's number, or with --per-record-numbers the number within
                         its record (see check_page_numbers); blank pages then carry none
  closing-not-alone      the 署名 never opens a page by itself
  colophon-rule          the 版记's last rule on the foot of the 版心 (262 ± 1 mm)
  heading-not-last       no page ends with a heading (一、 （一） 1. （1） or a 22 pt title line)
  numbers-whole          no number, decimal, percentage or 发文字号 broken over two lines
  separator-156          every red separator rule is 156 ± 0.5 mm wide from x = 28 ± 0.5 mm
  signer-align           a second line of 签发人 names starts under the first name (± 0.5 mm)
  table-header-one-line  every header cell of every table (on every page) is one line
  signature-blank-40mm   the underlined blank after a 签字/签名 label (beside it or on the line
                         below) is ≥ 40 mm, after 日期 ≥ 25 mm; 盖章 labels need none
  no-seal-ring           nothing red but the 发文机关标志 and the separator rule (no seal ring);
                         images (an electronic seal) are allowed and listed
  text-exact             the extracted text holds no CJK radical or compatibility ideograph
                         (⼈ for 人: a font whose cmap maps both to one glyph)
Ids comparing the engines: same-page-count, same-page-text, same-copy-to (the 抄送 lines of every
版记 break at the same characters and start at the same x, ± 0.5 mm), same-images (images, an
electronic seal, on the same pages at the same place, ± 1 mm).
Ids of Gongwen's own PDF (with --gongwen):
  gw-same-page-count     as many pages as the LibreOffice print and as the Chromium print
  gw-same-page-text      every page's text equal to the Chromium print's page (normalised as for
                         same-page-text: radicals to ideographs, no blanks)
  gw-same-copy-to        the 抄送 lines break and start as in the Chromium print (as same-copy-to)
  gw-same-images         images (an electronic seal) where the Chromium print has them (as same-images)
  gw-fonts-embedded      every font embedded (pdffonts: emb yes; also lists type, subset, ToUnicode)
  gw-qpdf                qpdf --check exits 0 (structure, xref, streams)
--skip ID,… leaves out checks that do not apply (colophon-rule for a form: every engine's).
--expect-seal: same-images fails when neither engine shows a seal (an electronic seal was given).

Positions are mm from the page's top-left corner. Baselines come from the text matrix (exact in
both engines); a line's top is its baseline less 7.25 mm (half-leading 6.48 pt + CJK ascent
0.88 em at 16 pt on a 28.95 pt pitch), so the first line of a page whose 版心 starts at 37 mm
has its top at 37 mm. Rules are thin filled rectangles (Chromium) or stroked lines
(LibreOffice); a table is a group of vertical rules that touch one another."""
import json, logging, re, sys, unicodedata
from collections import defaultdict

import pdfplumber

sys.path.insert(0, __import__("os").path.dirname(__file__))
from cjk_text import normalize as cjk_normalize  # noqa: E402

logging.getLogger("pdfminer").setLevel(logging.ERROR)
MM = 25.4 / 72
TYPE_TOP, TYPE_BOTTOM, TYPE_LEFT, TYPE_RIGHT = 37.0, 262.0, 28.0, 184.0
LINE_TOP_OFFSET = 7.25
NO_LINE_START = set("，。、；：？！）】》〉”’…—·")
THIN = 1.2  # mm: thicker than this is an area, not a rule


def line_top_offset(size_pt, pitch_pt=28.95):
    """Baseline to top of the line box for text of `size_pt` on the grid: half-leading + CJK
    ascent (0.88 em). 7.25 mm for 16 pt body text; a 22 pt title on a page's first line sits lower."""
    return ((pitch_pt - size_pt) / 2 + 0.88 * size_pt) * MM


def norm(text):
    """Radicals back to ideographs (see cjk_text.py), no blanks."""
    return re.sub(r"\s+", "", cjk_normalize(text))


def is_cjk(ch):
    o = ord(ch)
    return 0x3000 <= o <= 0x303F or 0x3400 <= o <= 0x9FFF or 0xFF00 <= o <= 0xFFEF or 0x2E80 <= o <= 0x2FDF or o in (0x201C, 0x201D, 0x2018, 0x2019)


def rgb(color):
    """pdfplumber's colour (gray, RGB or CMYK; a pattern name) as an RGB triple, or None."""
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not all(isinstance(v, (int, float)) for v in color):
        return None
    if len(color) == 1:
        return (color[0],) * 3
    if len(color) == 3:
        return tuple(color)
    if len(color) == 4:
        c, m, y, k = color
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def is_red(color):
    c = rgb(color)
    return c is not None and c[0] >= 0.6 and c[0] - max(c[1], c[2]) >= 0.4


def is_white(color):
    c = rgb(color)
    return c is not None and min(c) >= 0.95


class Page:
    def __init__(self, number, page):
        self.number = number
        self.width, self.height = page.width * MM, page.height * MM
        chars = [c for c in page.chars if c["text"].strip()]
        lines = defaultdict(list)
        for c in chars:
            lines[round((page.height - c["matrix"][5]) * MM, 1)].append(c)
        self.lines = []
        for y in sorted(lines):
            cs = sorted(lines[y], key=lambda c: c["x0"])
            self.lines.append({
                "y": y, "text": "".join(c["text"] for c in cs), "raw": "".join(c["text"] for c in cs), "x0": cs[0]["x0"] * MM, "x1": cs[-1]["x1"] * MM,
                "size": max(round(c["size"], 1) for c in cs),
                "chars": [{"text": c["text"], "x0": c["x0"] * MM, "x1": c["x1"] * MM, "size": c["size"],
                           "red": is_red(c.get("non_stroking_color"))} for c in cs],
            })
        # Horizontal rules: filled rectangles or stroked lines at least 100 mm long and at most 1 mm tall.
        rules = []
        for r in page.rects + page.lines:
            w, h = (r["x1"] - r["x0"]) * MM, abs(r["bottom"] - r["top"]) * MM
            if w > 100 and h < 1.2:
                rules.append({"y": (r["top"] + r["bottom"]) / 2 * MM, "x0": r["x0"] * MM, "x1": r["x1"] * MM, "h": h,
                              "color": r.get("stroking_color") or r.get("non_stroking_color")})
        self.rules = sorted(rules, key=lambda r: r["y"])
        self.text = norm("".join(l["text"] for l in self.lines))
        self._segments(page)

    def _segments(self, page):
        """Every drawn rule of any length (hrules, vrules: x0, x1, top, bottom in mm, colour) and every
        other drawing (shapes: rects that are areas, curves), with the colour it is drawn in."""
        self.hrules, self.vrules, self.shapes = [], [], []

        def add(x0, x1, top, bottom, color, kind):
            seg = {"x0": x0 * MM, "x1": x1 * MM, "top": top * MM, "bottom": bottom * MM, "color": color, "kind": kind}
            w, h = seg["x1"] - seg["x0"], seg["bottom"] - seg["top"]
            if h <= THIN and w > 0.5:
                seg["y"] = (seg["top"] + seg["bottom"]) / 2
                self.hrules.append(seg)
            elif w <= THIN and h > 0.5:
                seg["x"] = (seg["x0"] + seg["x1"]) / 2
                self.vrules.append(seg)
            elif w > THIN and h > THIN:
                self.shapes.append(seg)

        for r in page.rects:
            w, h = (r["x1"] - r["x0"]) * MM, (r["bottom"] - r["top"]) * MM
            if r.get("fill"):
                add(r["x0"], r["x1"], r["top"], r["bottom"], r.get("non_stroking_color"), "rect")
            if r.get("stroke") and w > THIN and h > THIN:  # an outlined box: its four edges are rules
                sc = r.get("stroking_color")
                for e in ((r["x0"], r["x1"], r["top"], r["top"]), (r["x0"], r["x1"], r["bottom"], r["bottom"]),
                          (r["x0"], r["x0"], r["top"], r["bottom"]), (r["x1"], r["x1"], r["top"], r["bottom"])):
                    add(*e, sc, "edge")
            elif r.get("stroke") and not r.get("fill"):
                add(r["x0"], r["x1"], r["top"], r["bottom"], r.get("stroking_color"), "rect")
        for l in page.lines:
            add(l["x0"], l["x1"], l["top"], l["bottom"], l.get("stroking_color"), "line")
        for c in page.curves:
            color = c.get("stroking_color") if c.get("stroke") else c.get("non_stroking_color")
            self.shapes.append({"x0": c["x0"] * MM, "x1": c["x1"] * MM, "top": c["top"] * MM, "bottom": c["bottom"] * MM,
                                "color": color, "kind": "curve"})
        self.images = [{"x0": i["x0"] * MM, "x1": i["x1"] * MM, "top": i["top"] * MM, "bottom": i["bottom"] * MM} for i in page.images]
        self.tables = self._tables()

    def _tables(self):
        """Tables: groups of dark vertical rules whose spans touch (each cell's side rules meet the
        next row's). Each is {x0, x1, top, bottom, xs: the vertical rules}."""
        vs = sorted((v for v in self.vrules if not is_white(v["color"]) and not is_red(v["color"])), key=lambda v: v["top"])
        groups = []
        for v in vs:
            g = next((g for g in groups if v["top"] <= g["bottom"] + 1.0 and v["bottom"] >= g["top"] - 1.0), None)
            if g is None:
                groups.append({"top": v["top"], "bottom": v["bottom"], "vs": [v]})
            else:
                g["top"], g["bottom"] = min(g["top"], v["top"]), max(g["bottom"], v["bottom"])
                g["vs"].append(v)
        tables = []
        for g in groups:
            xs = sorted({round(v["x"], 1) for v in g["vs"]})
            if len(xs) >= 2:
                tables.append({"top": g["top"], "bottom": g["bottom"], "x0": xs[0], "x1": xs[-1], "vs": g["vs"]})
        return tables

    def table_at(self, y):
        return next((t for t in self.tables if t["top"] - 0.5 <= y <= t["bottom"] + 0.5), None)

    @property
    def number_line(self):
        return next((l for l in self.lines if l["y"] > TYPE_BOTTOM + 3), None)

    @property
    def body(self):
        return [l for l in self.lines if l["y"] <= TYPE_BOTTOM + 1]

    @property
    def colophon_top(self):
        """Top of the 版记 block on this page (the rule above its first 抄送/印发 line), or None."""
        first = next((l for l in self.body if l["size"] < 15 and (norm(l["text"]).startswith("抄送") or norm(l["text"]).endswith("印发"))), None)
        if first is None:
            return None
        above = [r["y"] for r in self.rules if first["y"] - 15 < r["y"] < first["y"]]
        return max(above) if above else first["y"] - 7

    @property
    def main(self):
        """Body lines above the 版记 block (the text a page ends with)."""
        top = self.colophon_top
        return [l for l in self.body if top is None or l["y"] < top]

    def rule_between(self, y0, y1, x0, x1):
        """Is a dark horizontal rule drawn between baselines y0 < y1 across at least half of x0..x1
        (a table's row rule or the 版记's rules, not an underline under a few characters)?"""
        return any(y0 < r["y"] < y1 and min(r["x1"], x1) - max(r["x0"], x0) >= (x1 - x0) / 2 and not is_white(r["color"])
                   for r in self.hrules)


def load(path):
    with pdfplumber.open(path) as pdf:
        return [Page(i, p) for i, p in enumerate(pdf.pages, 1)]


IDS = {"左边缘 28±1 mm": "left-edge", "首行上边缘 37±1 mm（无版头的页）": "first-line", "每个满页 22 行": "lines-per-page",
       "满行 28 字": "chars-per-line", "页码 — N — 单页右、双页左，版心下 7 mm": "page-numbers",
       "版记末条线在版心下边缘 262±1 mm": "colophon-rule", "署名不单独成页": "closing-not-alone",
       "正文字号 16 pt（页面未缩放）": "body-size", "标题不在页末": "heading-not-last", "数字、发文字号不断行": "numbers-whole",
       "红色分隔线 156±0.5 mm，起于 28 mm": "separator-156", "签发人回行与首个姓名对齐": "signer-align",
       "表头单元格不换行": "table-header-one-line", "签署栏空白线 ≥40 mm（日期 ≥25 mm）": "signature-blank-40mm",
       "提取的文字与原文相同（无部首字符）": "text-exact",
       "落款处无红色印章圈（红色仅限发文机关标志和分隔线）": "no-seal-ring"}

# After norm(): full-width brackets, colon and full stop are ASCII (NFKC).
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.(?!\d)|\(\d+\))")


def is_heading(line):
    """A heading line: a 22 pt title line, or a 3号 line set in from the left edge that begins with a
    heading number (一、 （一） 1. （1）), stops short of the right edge (one short paragraph) and is
    not a whole sentence (an item such as “一、完成上述目标。” ends with 。)."""
    text = norm(line["text"])
    if 20 <= line["size"] <= 24:
        return True
    return (line["size"] >= 15 and line["x0"] > TYPE_LEFT + 2 and bool(HEADING.match(text))
            and line["x1"] < TYPE_RIGHT - line["size"] * MM and not text.endswith(("。", ";", "!", "?")))


def text_columns(page):
    """Every line of the page cut into pieces of one column: a table row into its cells (between
    the table's vertical rules), any other line whole across the type area. Yields dicts with y,
    text, x0, x1, size, col (x0, x1 of the column) and table (the table or None)."""
    pieces = []
    for l in page.lines:
        if l is page.number_line:
            continue
        table = page.table_at(l["y"])
        if table is None:
            pieces.append({"y": l["y"], "text": norm(l["text"]), "x0": l["x0"], "x1": l["x1"], "size": l["size"],
                           "col": (TYPE_LEFT, TYPE_RIGHT), "table": None})
            continue
        xs = sorted({round(v["x"], 1) for v in table["vs"] if v["top"] - 0.5 <= l["y"] <= v["bottom"] + 0.5})
        cells = defaultdict(list)
        for c in l["chars"]:
            mid = (c["x0"] + c["x1"]) / 2
            left = max((x for x in xs if x <= mid), default=None)
            right = min((x for x in xs if x > mid), default=None)
            cells[(left, right)].append(c)
        for (left, right), cs in sorted(cells.items(), key=lambda kv: kv[1][0]["x0"]):
            pieces.append({"y": l["y"], "text": norm("".join(c["text"] for c in cs)), "x0": cs[0]["x0"], "x1": cs[-1]["x1"],
                           "size": max(round(c["size"], 1) for c in cs),
                           "col": (left if left is not None else cs[0]["x0"], right if right is not None else cs[-1]["x1"]),
                           "table": table})
    return pieces


def wraps(piece):
    """Did this line end because it was full (the text goes on below), not because its paragraph ended?
    Full: within 1.5 characters of its column's right edge (a table cell also has padding);
    or centred in its column (a title or a centred cell wraps short)."""
    left, right = piece["col"]
    em = piece["size"] * MM
    slack = 1.5 * em + (2.5 if piece["table"] else 0)
    centred = abs((piece["x0"] + piece["x1"]) / 2 - (left + right) / 2) < 1.5 and piece["x0"] - left > em
    return piece["x1"] >= right - slack or centred


def split_number(a, b):
    """Does a line ending in `a`, followed by a line starting with `b`, break a number or a 发文字号?"""
    if not a or not b:
        return False
    if (a[-1].isdigit() or a[-1] == ".") and (b[0].isdigit() or b[0] in ".%‰〕号"):
        return True
    if a[-1] == "〔" and re.match(r"\d+〕", b):
        return True
    if a[-1] == "〕" and re.match(r"\d+号", b):
        return True
    if re.match(r"〔\d{4}〕", b) and unicodedata.category(a[-1]) == "Lo":  # 南人口领发 / 〔2025〕17号
        return True
    return False


def check_engine(name, pages, results, per_record_numbers=False):
    prefix = {"LibreOffice": "lo-", "Chromium": "ch-", "Gongwen": "gw-"}[name]

    def record(clause, ok, detail):
        results.append({"id": prefix + IDS[clause], "engine": name, "check": clause, "ok": bool(ok), "detail": detail})

    # Body text at 3号 (16 pt): a page the engine shrank to fit overflowing content shows no
    # 16 pt text and sizes that are none of GB/T 9704's (3号 16, 4号 14, 2号 22 pt).
    sizes = defaultdict(int)
    for p in pages:
        for l in p.body:
            sizes[l["size"]] += len(l["text"])
    common = max(sizes, key=sizes.get) if sizes else 0
    has_body = any(abs(size - 16) < 0.3 for size in sizes)
    record("正文字号 16 pt（页面未缩放）", has_body and any(abs(common - v) < 0.3 for v in (16, 14, 22)),
           f"most common size {common} pt" + ("" if has_body else ", no 16 pt text"))

    # Left edge of body text (3号 and larger; table cells sit inside their rules and padding):
    # nothing left of it, and on a page where a line wraps, the next line starts on it (a page
    # holding only indented one-line paragraphs has no line there).
    x0s, wrong = [], []
    for p in pages:
        big = [l for l in p.body if l["size"] >= 15]
        if not big:
            continue
        x0 = min(l["x0"] for l in big)
        x0s.append(x0)
        # A line of running text (starting at the edge or indented two characters, not a 署名
        # set to the right) that reaches the right edge, with more text after it.
        wraps = any(a["x0"] < TYPE_LEFT + 12 and a["x1"] > TYPE_RIGHT - 1.5 and abs(b["size"] - a["size"]) < 0.6
                    for a, b in zip(big, big[1:]))
        if x0 < TYPE_LEFT - 1 or (wraps and x0 > TYPE_LEFT + 1):
            wrong.append(p.number)
    record("左边缘 28±1 mm", not wrong, "min x0 per page " + ", ".join(f"{x:.1f}" for x in x0s))

    # First line on pages without a 版头 (every page after the first).
    # Pages that open with a table row (4号 text placed inside the row by each engine's own
    # rule) are left out: the row, not a line of text, starts on the first grid line there.
    tops = [(p.number, p.body[0]["y"] - line_top_offset(p.body[0]["size"])) for p in pages[1:] if p.body and p.body[0]["size"] >= 15]
    record("首行上边缘 37±1 mm（无版头的页）", all(abs(t - TYPE_TOP) <= 1 for _, t in tops),
           ", ".join(f"p{n} {t:.1f}" for n, t in tops) or "no page after the first opens with text")

    # 22 lines on every full page, at most 22 on any: a page is full when a paragraph runs on
    # from it to the next page (its last line reaches the right edge and the next page opens
    # flush left, not with an indented paragraph, a heading or a table). Pages that end early
    # because a heading, the 署名 or a paragraph's single first line went to the next page are
    # not full (keep rules; orphans 2).
    def sixteen(p):
        return [l for l in p.body if abs(l["size"] - 16) < 0.6]
    # A full page's last line is on the grid's last line (baseline 258.8–259.6 mm): counted as a
    # position, not as lines, so that table rows and titles on the page count as what they take.
    counts, over = [], []
    for i, p in enumerate(pages):
        lines = sixteen(p)
        if len(lines) > 22:
            over.append(f"p{p.number} {len(lines)} lines")
        following = sixteen(pages[i + 1]) if i + 1 < len(pages) else []
        if lines and following and lines[-1]["x1"] > TYPE_RIGHT - 1.5 and abs(following[0]["x0"] - TYPE_LEFT) < 0.6 \
                and p.body and p.body[-1] is lines[-1]:
            counts.append((p.number, lines[-1]["y"]))
    short = [f"p{n} last line at {y:.1f}" for n, y in counts if y < 257.5]
    record("每个满页 22 行", not over and not short,
           ", ".join(over + short) or (f"{len(counts)} page(s) run a paragraph on, each to the last grid line" if counts
                                        else "no page runs a paragraph on to the next"))

    # 28 characters on every full line of plain text (CJK only, flush left, reaching the right
    # edge). A line is shorter when its last characters moved down with a mark that may not
    # begin a line (，。、；：？！）” …) or with a number that may not be broken.
    bad, seen = [], 0
    for p in pages:
        for i, l in enumerate(p.body):
            t = l["text"]
            if abs(l["size"] - 16) < 0.6 and abs(l["x0"] - TYPE_LEFT) < 0.6 and l["x1"] > TYPE_RIGHT - 1.5 and all(is_cjk(c) for c in t):
                seen += 1
                following = p.body[i + 1]["text"] if i + 1 < len(p.body) else ""
                # Characters that went down with a mark that may not begin a line (，）” …), or
                # a number that is not broken (14.62‰): the line is short and justified.
                pushed = (len(t) >= 25 and any(ch in NO_LINE_START for ch in following[:3])) or \
                    (len(t) >= 22 and following[:1].isascii() and following[:1].isalnum())
                if len(t) != 28 and not pushed:
                    bad.append(f"p{p.number} y={l['y']} {len(t)}")
    # A document of short paragraphs has no full line to measure (other documents do).
    record("满行 28 字", not bad, f"{seen} full lines" + ("; " + "; ".join(bad) if bad else ""))

    check_page_numbers(pages, record, per_record_numbers)

    # The 署名 and 成文日期 never open a page by themselves: a page whose first line is set far to
    # the right (a 署名) must not be followed only by the date.
    alone = [p.number for p in pages[1:] if p.body and p.body[0]["x0"] > 60 and abs(p.body[0]["size"] - 16) < 0.6]
    record("署名不单独成页", not alone, "pages opening with the 署名: " + ", ".join(map(str, alone)) if alone else "none")

    # 版记: its last rule on the bottom edge of the 版心 (on the last page).
    last = pages[-1]
    black = [r for r in last.rules if r["y"] > 150]
    if black:
        y = black[-1]["y"]
        record("版记末条线在版心下边缘 262±1 mm", abs(y - TYPE_BOTTOM) <= 1, f"last rule y={y:.1f}, width {black[-1]['x1'] - black[-1]['x0']:.1f} mm")
    else:
        record("版记末条线在版心下边缘 262±1 mm", False, "no rule found on the last page")

    check_heading_not_last(pages, record)
    check_numbers_whole(pages, record)
    check_separator(pages, record)
    check_signer_align(pages, record)
    check_table_headers(pages, record)
    check_signature_blanks(pages, record)
    check_no_seal_ring(pages, record)
    check_text_exact(pages, record)


def check_page_numbers(pages, record, per_record):
    """Page numbers: — N —, odd numbers right and even numbers left, one character in, 7 mm below
    the 版心. N is the page's number; with per_record (a combined file in which every record, or
    every copy of a form, numbers its pages from 1) N is 1 + the pages since the latest record
    start, a record starting on every page whose first line reads as page 1's first line (the
    title repeats on every copy; a 份号 line is passed over), and a blank page (no text at all: a duplex filler) carries no
    number and is not counted. The side follows the displayed number."""
    clause = "页码 — N — 单页右、双页左，版心下 7 mm"
    problems, shown = [], []

    def opening(p):  # the page's first body line, passing over a 份号 (digits only: it differs per copy)
        return next((norm(l["text"]) for l in p.body if not norm(l["text"]).isdigit()), None)

    first = opening(pages[0]) if pages else None
    n = 0
    for p in pages:
        if per_record:
            if not p.lines:
                continue
            n = 1 if first is not None and opening(p) == first else n + 1
        else:
            n = p.number
        l = p.number_line
        if l is None:
            problems.append(f"p{p.number} none")
            continue
        side_ok = abs(l["x1"] - (TYPE_RIGHT - 4.94)) < 1.5 if n % 2 else abs(l["x0"] - (TYPE_LEFT + 4.94)) < 1.5
        if norm(l["text"]) != f"—{n}—" or not side_ok or not (268 <= l["y"] <= 271):
            problems.append(f"p{p.number} '{l['text']}' x={l['x0']:.1f}..{l['x1']:.1f} y={l['y']}" + (f" (expected —{n}—)" if per_record else ""))
        shown.append(f"p{p.number} y={l['y']}" + (f" —{n}—" if per_record else ""))
    record(clause, not problems, "; ".join(problems) or ", ".join(shown))


def check_heading_not_last(pages, record):
    """No page ends with a heading: the last line above the 版记 block and the page number."""
    bad, last_lines = [], 0
    for p in pages:
        main = p.main
        if not main:
            continue
        last_lines += 1
        if is_heading(main[-1]):
            bad.append(f"p{p.number} ends with “{norm(main[-1]['text'])}” ({main[-1]['size']} pt, y={main[-1]['y']})")
    record("标题不在页末", not bad, "; ".join(bad) or f"{last_lines} page ends, none a heading")


def check_numbers_whole(pages, record):
    """No number is broken over two lines: a line (or table cell line) that wrapped ends in a digit
    or '.', and the next line of the same paragraph (same column, no rule between, at most 2.3 em
    below; or the first line of the next page) starts with a digit, '.', %, ‰, 〕 or 号; likewise a
    发文字号 broken at 〔 or 〕. Lines of different table cells are never paired."""
    bad, pairs = [], 0
    carry = None  # the last wrapped body line of the previous page
    for p in pages:
        pieces = text_columns(p)
        top = p.colophon_top
        if carry is not None:
            first = pieces[0] if pieces and pieces[0]["table"] is None else None
            if first is not None:
                pairs += 1
                if split_number(carry["text"], first["text"]):
                    bad.append(f"p{p.number - 1}→p{p.number} “…{carry['text'][-6:]}” / “{first['text'][:6]}…”")
        for i, a in enumerate(pieces):
            if not wraps(a):
                continue
            below = [b for b in pieces[i + 1:] if b["y"] > a["y"] and b["col"] == a["col"] and b["table"] is a["table"]]
            if not below:
                continue
            b = min(below, key=lambda b: b["y"])
            if b["y"] - a["y"] > 2.3 * max(a["size"], b["size"]) * MM or p.rule_between(a["y"], b["y"], *a["col"]):
                continue
            pairs += 1
            if split_number(a["text"], b["text"]):
                bad.append(f"p{p.number} y={a['y']} “…{a['text'][-6:]}” / “{b['text'][:6]}…”")
        main = [q for q in pieces if top is None or q["y"] < top]
        carry = main[-1] if main and main[-1]["table"] is None and wraps(main[-1]) else None
    record("数字、发文字号不断行", not bad, "; ".join(bad) or f"{pairs} line breaks inside paragraphs, none inside a number")


def check_separator(pages, record):
    """Every red horizontal rule (the separator under the 发文字号) is 156 ± 0.5 mm wide from x = 28 ± 0.5."""
    found, bad = [], []
    for p in pages:
        for r in p.hrules:
            if is_red(r["color"]) and r["x1"] - r["x0"] > 20:
                w = r["x1"] - r["x0"]
                s = f"p{p.number} x={r['x0']:.2f}..{r['x1']:.2f} width {w:.2f} mm"
                found.append(s)
                if abs(w - 156) > 0.5 or abs(r["x0"] - TYPE_LEFT) > 0.5:
                    bad.append(s)
    record("红色分隔线 156±0.5 mm，起于 28 mm", not bad, ("; ".join(bad) if bad else "; ".join(found)) or "no red rule")


def check_signer_align(pages, record):
    """签发人 (上行文): when the names take a second line, its first name starts at the x of the first
    name after “签发人：” (GB/T 9704 7.2.5). The names on a later line are the line's right-hand
    run of characters (the 发文字号 shares the last line on the left)."""
    details, ok = [], True
    for p in pages:
        for i, l in enumerate(p.lines):
            t = "".join(norm(c["text"])[:1] or "?" for c in l["chars"])  # one character per char
            k = t.find("签发人:")
            if k < 0 or k + 4 >= len(l["chars"]):
                continue
            name_x = l["chars"][k + 4]["x0"]
            found = [f"p{p.number} first name at x={name_x:.2f}"]
            prev = l
            for nxt in p.lines[i + 1:]:
                if nxt["y"] - prev["y"] > 2.3 * nxt["size"] * MM:
                    break
                run = [nxt["chars"][-1]]
                for c in reversed(nxt["chars"][:-1]):
                    if run[0]["x0"] - c["x1"] > 1.2 * c["size"] * MM:
                        break
                    run.insert(0, c)
                if run[0]["x0"] < (l["x0"] + TYPE_LEFT) / 2:  # a line of the 发文字号 side alone, not names
                    break
                found.append(f"“{norm(''.join(c['text'] for c in run))}” at x={run[0]['x0']:.2f}")
                ok = ok and abs(run[0]["x0"] - name_x) <= 0.5
                prev = nxt
            details.append(", ".join(found) if len(found) > 1 else found[0] + ", one line of names")
    record("签发人回行与首个姓名对齐", ok, "; ".join(details) or "no 签发人")


def check_table_headers(pages, record):
    """Each table's top row on each page (its header; repeated on continuation pages) has every
    cell's text on one line. The row runs from the table's top to the next horizontal rule across
    it; its cells lie between the vertical rules that cross the row."""
    bad, seen = [], []
    for p in pages:
        for t in p.tables:
            ys = sorted(r["y"] for r in p.hrules if t["top"] - 0.5 <= r["y"] <= t["bottom"] + 0.5
                        and r["x0"] < t["x1"] - 1 and r["x1"] > t["x0"] + 1 and not is_white(r["color"]))
            below = [y for y in ys if y > t["top"] + 2]
            if not below:
                continue
            row_top, row_bottom = t["top"], below[0]
            xs = sorted({round(v["x"], 1) for v in t["vs"] if v["top"] < row_bottom - 1 and v["bottom"] > row_top + 1})
            cells = []
            for left, right in zip(xs, xs[1:]):
                lines = defaultdict(list)
                for l in p.lines:
                    if row_top < l["y"] < row_bottom:
                        for c in l["chars"]:
                            if left < (c["x0"] + c["x1"]) / 2 < right:
                                lines[l["y"]].append(c["text"])
                if lines:
                    cells.append((norm("".join("".join(v) for _, v in sorted(lines.items()))), len(lines)))
            seen.append(f"p{p.number} y={row_top:.1f}: " + " | ".join(text for text, _ in cells))
            bad += [f"p{p.number} y={row_top:.1f} “{text}” on {n} lines" for text, n in cells if n > 1]
    record("表头单元格不换行", not bad, "; ".join(bad) if bad else ("; ".join(seen) or "no table"))


SIGN_LABEL = re.compile(r"(签字|签名|签章|日期)\)?:$")


def check_signature_blanks(pages, record):
    """Signature blocks of forms: a label ending in “（签字）：”, “签名：” or “日期：” that ends its run of
    text (nothing filled in after it) is followed by an underline — dark horizontal rules outside
    tables, pieces less than 1 mm apart joined — at least 40 mm long, 25 mm for 日期: on the label's
    baseline (−2 … +3 mm) after it, or on the next line (within 1.6 lines below) starting under the
    label. A “（盖章）：” label needs no line: the seal is pressed over it."""
    found, bad = [], []
    for p in pages:
        unders = sorted((r for r in p.hrules if not is_white(r["color"]) and not is_red(r["color"])
                         and r["x1"] - r["x0"] < 150 and p.table_at(r["y"]) is None), key=lambda r: r["x0"])
        for l in p.body:
            if p.table_at(l["y"]) is not None:
                continue
            runs, run = [], [l["chars"][0]]
            for c in l["chars"][1:]:
                if c["x0"] - run[-1]["x1"] > 1.2 * c["size"] * MM:
                    runs.append(run)
                    run = [c]
                else:
                    run.append(c)
            runs.append(run)
            for run in runs:
                label = norm("".join(c["text"] for c in run))
                if not SIGN_LABEL.search(label):
                    continue
                end = run[-1]["x1"]
                start = run[0]["x0"]

                def joined(pieces, limit):
                    blank = None
                    for r in pieces:
                        if blank is None:
                            if r["x0"] > limit:
                                break
                            blank = [r["x0"], r["x1"]]
                        elif r["x0"] - blank[1] <= 1:
                            blank[1] = max(blank[1], r["x1"])
                        else:
                            break
                    return blank

                blank = joined([r for r in unders if -2 <= r["y"] - l["y"] <= 3 and r["x1"] > end - 1], end + 3)
                if blank is None:
                    below = [r for r in unders if 3 < r["y"] - l["y"] <= 1.6 * 10.21 + 3 and r["x1"] > start and r["x0"] >= start - 2]
                    blank = joined(below, start + 2)
                need = 25 if "日期" in label else 40
                name = re.sub(r"^.*?([^,。;]*:)$", r"\1", label)
                if blank is None:
                    bad.append(f"p{p.number} {name} no underline")
                    continue
                s = f"p{p.number} {name} {blank[1] - blank[0]:.1f} mm"
                found.append(s)
                if blank[1] - blank[0] < need:
                    bad.append(s + f" < {need}")
    record("签署栏空白线 ≥40 mm（日期 ≥25 mm）", not bad, "; ".join(bad) if bad else ("; ".join(found) or "no signature labels"))


def check_no_seal_ring(pages, record):
    """Nothing red but the 发文机关标志 (red text of 20 pt or more above the page's red rule, or in
    the top 150 mm of a page without one) and the separator (a red rule of 100 mm or more on a page with that mark):
    no red ring, curve, box or text elsewhere, in the closing area above all. Images are allowed
    (an electronic seal) and listed."""
    bad, marks, rules, images = [], [], [], []
    for p in pages:
        seps = [r for r in p.hrules if is_red(r["color"]) and r["x1"] - r["x0"] >= 100]
        limit = min(r["y"] for r in seps) if seps else 150
        mark = [l for l in p.lines if l["y"] < limit and any(c["red"] and c["size"] >= 20 for c in l["chars"])]
        other = {(l["y"], norm(l["text"])) for l in p.lines for c in l["chars"] if c["red"] and not (c["size"] >= 20 and l["y"] < limit)}
        if mark:
            marks.append(f"p{p.number}")
        for y, text in sorted(other):
            bad.append(f"p{p.number} red text “{text}” y={y}")
        for r in p.hrules + p.vrules + p.shapes:
            if not is_red(r["color"]):
                continue
            w, h = r["x1"] - r["x0"], r["bottom"] - r["top"]
            if r in seps and mark and r["y"] > max(l["y"] for l in mark):
                rules.append(f"p{p.number}")
                continue
            bad.append(f"p{p.number} red {r['kind']} {w:.1f}×{h:.1f} mm at x={r['x0']:.1f} y={r['top']:.1f}")
        images += [f"p{p.number} {i['x1'] - i['x0']:.1f}×{i['bottom'] - i['top']:.1f} mm at x={i['x0']:.1f} y={i['top']:.1f}" for i in p.images]
    detail = "; ".join(bad) if bad else f"red only for the issuer mark ({', '.join(marks) or 'none'}) and separator ({', '.join(rules) or 'none'})"
    record("落款处无红色印章圈（红色仅限发文机关标志和分隔线）", not bad, detail + "; images: " + ("; ".join(images) or "none"))


def check_text_exact(pages, record):
    """Text extracted from the PDF (pdfplumber, which reads the fonts' ToUnicode maps and ignores
    ActualText, as copy and paste in most viewers does) holds no CJK radical or compatibility
    ideograph: none of Gongwen's documents has one, so each is an ideograph the PDF names wrongly
    (⼈ for 人, when a font maps both to one glyph)."""
    bad = []
    for p in pages:
        for l in p.lines:
            wrong = [c for c in l["raw"] if 0x2E80 <= ord(c) <= 0x2FDF or 0xF900 <= ord(c) <= 0xFAFF or 0x2F800 <= ord(c) <= 0x2FA1F]
            if wrong:
                bad.append(f"p{p.number} “{''.join(wrong)}” in “{l['raw'][:20]}”")
    record("提取的文字与原文相同（无部首字符）", not bad, "; ".join(bad[:8]) + (f" … {len(bad)} lines" if len(bad) > 8 else "") if bad else "no radicals or compatibility ideographs")


def same_images(lo, ch, names=("LibreOffice", "Chromium")):
    """Images (an electronic seal) on the same pages at the same place in both engines, ± 1 mm.
    An SVG seal is drawn, not an image: its largest red shape of 20 mm or more stands for it."""
    def placed(page):
        boxes = [(i["x0"], i["top"], i["x1"] - i["x0"], i["bottom"] - i["top"]) for i in page.images]
        drawn = [(s["x0"], s["top"], s["x1"] - s["x0"], s["bottom"] - s["top"]) for s in page.shapes
                 if is_red(s["color"]) and s["x1"] - s["x0"] >= 20 and s["bottom"] - s["top"] >= 20]
        return sorted(boxes + sorted(drawn, key=lambda d: -d[2] * d[3])[:1])
    found, bad = [], []
    for a, b in zip(lo, ch):
        ia, ib = placed(a), placed(b)
        if len(ia) != len(ib):
            bad.append(f"p{a.number}: {len(ia)} image(s) in {names[0]}, {len(ib)} in {names[1]}")
            continue
        for x, y in zip(ia, ib):
            found.append(f"p{a.number} {x[2]:.1f}×{x[3]:.1f} mm at ({x[0]:.1f}, {x[1]:.1f}) / ({y[0]:.1f}, {y[1]:.1f})")
            if max(abs(u - v) for u, v in zip(x, y)) > 1:
                bad.append(found[-1])
    return not bad, "; ".join(bad) if bad else ("; ".join(found) or "no images")


def copy_to_blocks(pages):
    """The 抄送 lines of every 版记: the line starting 抄送 and the lines after it up to the next rule."""
    blocks = []
    for p in pages:
        lines = p.body
        for i, l in enumerate(lines):
            if not norm(l["text"]).startswith("抄送"):
                continue
            block = [l]
            for nxt in lines[i + 1:]:
                if nxt["y"] - block[-1]["y"] > 2.5 * nxt["size"] * MM or any(block[-1]["y"] < r["y"] < nxt["y"] for r in p.rules):
                    break
                block.append(nxt)
            blocks.append((p.number, [(l["x0"], norm(l["text"])) for l in block]))
    return blocks


def same_copy_to(lo, ch, names=("LibreOffice", "Chromium")):
    """The k-th 抄送 block of each engine: as many lines, the same text on each, the same x0 (± 0.5 mm)."""
    a, b = copy_to_blocks(lo), copy_to_blocks(ch)
    if not a and not b:
        return True, "no 抄送"
    bad = []
    if len(a) != len(b):
        bad.append(f"{len(a)} 抄送 blocks in {names[0]}, {len(b)} in {names[1]}")
    for (pa, la), (pb, lb) in zip(a, b):
        if len(la) != len(lb):
            bad.append(f"p{pa}: {len(la)} lines in {names[0]}, {len(lb)} in {names[1]}")
        for k, ((xa, ta), (xb, tb)) in enumerate(zip(la, lb), 1):
            if ta != tb:
                bad.append(f"p{pa} line {k}: {names[0]} “{ta}” ≠ {names[1]} “{tb}”")
            if abs(xa - xb) > 0.5:
                bad.append(f"p{pa} line {k}: x0 {names[0]} {xa:.1f}, {names[1]} {xb:.1f}")
    ok = not bad
    return ok, "; ".join(bad) if bad else "; ".join(f"p{pa} {len(la)} line(s), x0 " + "/".join(f"{x:.1f}" for x, _ in la) for pa, la in a)


def fonts_embedded(path):
    """Every font of the PDF embedded, read from `pdffonts` (poppler-utils): its columns are cut at
    the header's dashes. Returns (ok, detail)."""
    import shutil, subprocess
    if shutil.which("pdffonts") is None:
        return False, "pdffonts not found (install poppler-utils)"
    run = subprocess.run(["pdffonts", path], capture_output=True, text=True)
    lines = run.stdout.splitlines()
    if run.returncode != 0 or len(lines) < 2:
        return False, f"pdffonts exit {run.returncode}: {run.stderr.strip()[:200]}"
    # name type encoding emb sub uni object ID, read from the right (a long name pushes the
    # columns; a type such as “CID Type 0C” has blanks).
    fonts = []
    for line in lines[2:]:
        t = line.split()
        if len(t) >= 8:
            fonts.append({"name": t[0], "type": " ".join(t[1:-6]), "emb": t[-5], "sub": t[-4], "uni": t[-3]})
    if not fonts:
        return False, "no fonts"
    missing = [f["name"] or "(no name)" for f in fonts if f["emb"] != "yes"]
    listed = "; ".join(f"{f['name']} ({f['type']}, emb {f['emb']}, sub {f['sub']}, uni {f['uni']})" for f in fonts)
    return not missing, ("not embedded: " + ", ".join(missing) + "; " if missing else "") + f"{len(fonts)} font(s): " + listed


def qpdf_check(path):
    """`qpdf --check` exits 0 (no errors, no warnings). Returns (ok, detail)."""
    import shutil, subprocess
    if shutil.which("qpdf") is None:
        return False, "qpdf not found (install qpdf)"
    run = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    said = [l for l in (run.stdout + run.stderr).splitlines() if l.strip()]
    problems = [l for l in said if not l.startswith(("checking ", "PDF Version", "File is not encrypted", "File is not linearized",
                                                      "No syntax or stream encoding errors", "errors that qpdf cannot detect"))]
    return run.returncode == 0, f"exit {run.returncode}" + ("; " + "; ".join(problems[:5]) if problems else ": no syntax or stream encoding errors")


def main():
    args = [a for a in sys.argv[1:] if a != "--per-record-numbers"]
    per_record = len(args) != len(sys.argv) - 1
    gongwen = None
    if "--gongwen" in args:
        k = args.index("--gongwen")
        if k + 1 >= len(args):
            sys.exit(__doc__)
        gongwen = args[k + 1]
        del args[k:k + 2]
    if len(args) < 2:
        sys.exit(__doc__)
    lo, ch = load(args[0]), load(args[1])
    results = []
    check_engine("LibreOffice", lo, results, per_record)
    check_engine("Chromium", ch, results, per_record)
    results.append({"id": "same-page-count", "engine": "both", "check": "页数相同", "ok": len(lo) == len(ch), "detail": f"LibreOffice {len(lo)}, Chromium {len(ch)}"})
    differing = [str(a.number) for a, b in zip(lo, ch) if a.text != b.text]
    results.append({"id": "same-page-text", "engine": "both", "check": "每页文字相同", "ok": not differing and len(lo) == len(ch),
                    "detail": "pages differ: " + ", ".join(differing) if differing else "all pages equal"})
    ok, detail = same_copy_to(lo, ch)
    results.append({"id": "same-copy-to", "engine": "both", "check": "抄送各行断行与缩进相同", "ok": ok, "detail": detail})
    images = same_images(lo, ch)
    # --expect-seal: an electronic seal was given, so there must be one to compare.
    seal_ok = images[0] and ("--expect-seal" not in args or images[1] != "no images")
    results.append({"id": "same-images", "engine": "both", "check": "图片（电子印章）位置相同", "ok": seal_ok, "detail": images[1]})
    if gongwen is not None:
        gw = load(gongwen)
        check_engine("Gongwen", gw, results, per_record)
        results.append({"id": "gw-same-page-count", "engine": "Gongwen", "check": "页数与两个引擎相同", "ok": len(gw) == len(lo) == len(ch),
                        "detail": f"Gongwen {len(gw)}, LibreOffice {len(lo)}, Chromium {len(ch)}"})
        differing = [str(a.number) for a, b in zip(gw, ch) if a.text != b.text]
        results.append({"id": "gw-same-page-text", "engine": "Gongwen", "check": "每页文字与 Chromium 相同",
                        "ok": not differing and len(gw) == len(ch),
                        "detail": "pages differ: " + ", ".join(differing) if differing else
                        ("all pages equal" if len(gw) == len(ch) else f"{len(gw)} pages, Chromium {len(ch)}")})
        ok, detail = same_copy_to(gw, ch, ("Gongwen", "Chromium"))
        results.append({"id": "gw-same-copy-to", "engine": "Gongwen", "check": "抄送各行断行与缩进与 Chromium 相同", "ok": ok, "detail": detail})
        images = same_images(gw, ch, ("Gongwen", "Chromium"))
        seal_ok = images[0] and ("--expect-seal" not in args or images[1] != "no images")
        results.append({"id": "gw-same-images", "engine": "Gongwen", "check": "图片（电子印章）位置与 Chromium 相同", "ok": seal_ok, "detail": images[1]})
        ok, detail = fonts_embedded(gongwen)
        results.append({"id": "gw-fonts-embedded", "engine": "Gongwen", "check": "字体全部嵌入（pdffonts）", "ok": ok, "detail": detail})
        ok, detail = qpdf_check(gongwen)
        results.append({"id": "gw-qpdf", "engine": "Gongwen", "check": "qpdf --check 通过", "ok": ok, "detail": detail})
    required = {r["id"] for r in results}
    if "--skip" in args:
        # Checks that do not apply (a form has no 版记): an id names both engines' checks.
        skip = set(args[args.index("--skip") + 1].split(","))
        unknown = {s for s in skip if not any(r["id"] in (s, "lo-" + s, "ch-" + s, "gw-" + s) for r in results)}
        if unknown:
            sys.exit(f"measure-layout: unknown check ids: {', '.join(sorted(unknown))}")
        required = {i for i in required if i not in skip and i[3:] not in skip}
    if "--require" in args:
        required = set(args[args.index("--require") + 1].split(","))
        unknown = required - {r["id"] for r in results}
        if unknown:
            sys.exit(f"measure-layout: unknown check ids: {', '.join(sorted(unknown))}")
    for r in results:
        status = ("ok  " if r["ok"] else "FAIL") if r["id"] in required else ("ok  " if r["ok"] else "n/a ")
        print(f"{status} {r['id']:<18} {r['check']}  {r['detail']}")
    if "--json" in args:
        json.dump(results, open(args[args.index("--json") + 1], "w"), ensure_ascii=False, indent=1)
    sys.exit(0 if all(r["ok"] for r in results if r["id"] in required) else 1)


if __name__ == "__main__":
    main()
