#!/usr/bin/env python3
"""usage: measure-layout.py LIBREOFFICE.pdf CHROMIUM.pdf [--require ID,ID,...] [--json FILE]

Measures two PDFs of the same Gongwen document — the .odt printed by LibreOffice and the .html
printed by Chromium — against GB/T 9704-2012 and against each other. Prints one line per check
with its id and measured value. Exits 1 if a required check fails (all checks when --require is
not given). Ids: left-edge, first-line, lines-per-page, chars-per-line, page-numbers, colophon-rule
(each as lo-… for LibreOffice and ch-… for Chromium), same-page-count, same-page-text.
Needs pdfplumber.

Positions are mm from the page's top-left corner. Baselines come from the text matrix (exact in
both engines); a line's top is its baseline less 7.25 mm (half-leading 6.48 pt + CJK ascent
0.88 em at 16 pt on a 28.95 pt pitch), so the first line of a page whose 版心 starts at 37 mm
has its top at 37 mm."""
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


class Page:
    def __init__(self, number, page):
        self.number = number
        chars = [c for c in page.chars if c["text"].strip()]
        lines = defaultdict(list)
        for c in chars:
            lines[round((page.height - c["matrix"][5]) * MM, 1)].append(c)
        self.lines = []
        for y in sorted(lines):
            cs = sorted(lines[y], key=lambda c: c["x0"])
            self.lines.append({
                "y": y, "text": "".join(c["text"] for c in cs), "x0": cs[0]["x0"] * MM, "x1": cs[-1]["x1"] * MM,
                "size": max(round(c["size"], 1) for c in cs),
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

    @property
    def number_line(self):
        return next((l for l in self.lines if l["y"] > TYPE_BOTTOM + 3), None)

    @property
    def body(self):
        return [l for l in self.lines if l["y"] <= TYPE_BOTTOM + 1]


def load(path):
    with pdfplumber.open(path) as pdf:
        return [Page(i, p) for i, p in enumerate(pdf.pages, 1)]


IDS = {"左边缘 28±1 mm": "left-edge", "首行上边缘 37±1 mm（无版头的页）": "first-line", "每个满页 22 行": "lines-per-page",
       "满行 28 字": "chars-per-line", "页码 — N — 单页右、双页左，版心下 7 mm": "page-numbers",
       "版记末条线在版心下边缘 262±1 mm": "colophon-rule", "署名不单独成页": "closing-not-alone",
       "正文字号 16 pt（页面未缩放）": "body-size"}


def check_engine(name, pages, results):
    prefix = "lo-" if name == "LibreOffice" else "ch-"

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

    # Left edge of body text (3号 and larger; table cells sit inside their rules and padding).
    x0s = [min(l["x0"] for l in p.body if l["size"] >= 15) for p in pages if any(l["size"] >= 15 for l in p.body)]
    record("左边缘 28±1 mm", all(abs(x - TYPE_LEFT) <= 1 for x in x0s), "min x0 per page " + ", ".join(f"{x:.1f}" for x in x0s))

    # First line on pages without a 版头 (every page after the first).
    # Pages that open with a table row (4号 text placed inside the row by each engine's own
    # rule) are left out: the row, not a line of text, starts on the first grid line there.
    tops = [(p.number, p.body[0]["y"] - line_top_offset(p.body[0]["size"])) for p in pages[1:] if p.body and p.body[0]["size"] >= 15]
    record("首行上边缘 37±1 mm（无版头的页）", all(abs(t - TYPE_TOP) <= 1 for _, t in tops),
           ", ".join(f"p{n} {t:.1f}" for n, t in tops) or "no page after the first opens with text")

    # 22 lines on every full page: a page followed by another page of the same flow.
    full = [p for i, p in enumerate(pages[:-1]) if i > 0 and not pages[i + 1].text.startswith("附件")]
    counts = [(p.number, len([l for l in p.body if abs(l["size"] - 16) < 0.6])) for p in full]
    record("每个满页 22 行", all(c == 22 for _, c in counts), ", ".join(f"p{n} {c}" for n, c in counts) or "no full page after page 1")

    # 28 characters on every full line of plain text (CJK only, flush left, reaching the right
    # edge). A line is one short when its last character moved down with a mark that may not
    # begin a line (，。、；：？！）” …): the next line then starts with that character and the mark.
    bad, seen = [], 0
    for p in pages:
        for i, l in enumerate(p.body):
            t = l["text"]
            if abs(l["size"] - 16) < 0.6 and abs(l["x0"] - TYPE_LEFT) < 0.6 and l["x1"] > TYPE_RIGHT - 1.5 and all(is_cjk(c) for c in t):
                seen += 1
                following = p.body[i + 1]["text"] if i + 1 < len(p.body) else ""
                pushed = len(t) == 27 and following[1:2] in NO_LINE_START
                if len(t) != 28 and not pushed:
                    bad.append(f"p{p.number} y={l['y']} {len(t)}")
    record("满行 28 字", seen > 0 and not bad, f"{seen} full lines" + ("; " + "; ".join(bad) if bad else ""))

    # Page numbers: — N —, odd pages right, even pages left, one character in, 7 mm below the 版心.
    problems = []
    for p in pages:
        l = p.number_line
        if l is None:
            problems.append(f"p{p.number} none")
            continue
        expected = f"—{p.number}—"
        side_ok = abs(l["x1"] - (TYPE_RIGHT - 4.94)) < 1.5 if p.number % 2 else abs(l["x0"] - (TYPE_LEFT + 4.94)) < 1.5
        if norm(l["text"]) != expected or not side_ok or not (268 <= l["y"] <= 271):
            problems.append(f"p{p.number} '{l['text']}' x={l['x0']:.1f}..{l['x1']:.1f} y={l['y']}")
    record("页码 — N — 单页右、双页左，版心下 7 mm", not problems,
           "; ".join(problems) or ", ".join(f"p{p.number} y={p.number_line['y']}" for p in pages))

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


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    lo, ch = load(sys.argv[1]), load(sys.argv[2])
    results = []
    check_engine("LibreOffice", lo, results)
    check_engine("Chromium", ch, results)
    results.append({"id": "same-page-count", "engine": "both", "check": "页数相同", "ok": len(lo) == len(ch), "detail": f"LibreOffice {len(lo)}, Chromium {len(ch)}"})
    differing = [str(a.number) for a, b in zip(lo, ch) if a.text != b.text]
    results.append({"id": "same-page-text", "engine": "both", "check": "每页文字相同", "ok": not differing and len(lo) == len(ch),
                    "detail": "pages differ: " + ", ".join(differing) if differing else "all pages equal"})
    required = {r["id"] for r in results}
    if "--require" in sys.argv:
        required = set(sys.argv[sys.argv.index("--require") + 1].split(","))
        unknown = required - {r["id"] for r in results}
        if unknown:
            sys.exit(f"measure-layout: unknown check ids: {', '.join(sorted(unknown))}")
    for r in results:
        status = ("ok  " if r["ok"] else "FAIL") if r["id"] in required else ("ok  " if r["ok"] else "n/a ")
        print(f"{status} {r['id']:<18} {r['check']}  {r['detail']}")
    if "--json" in sys.argv:
        json.dump(results, open(sys.argv[sys.argv.index("--json") + 1], "w"), ensure_ascii=False, indent=1)
    sys.exit(0 if all(r["ok"] for r in results if r["id"] in required) else 1)


if __name__ == "__main__":
    main()
