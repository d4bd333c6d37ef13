#!/usr/bin/env python3
"""Derive, from the Noto CJK SC fonts already installed, fonts whose text survives Chromium's PDF output.

Chromium (Skia) writes a PDF font's ToUnicode map from the font's cmap, taking for each glyph the
lowest code point that maps to it. Noto CJK SC maps ~500 code points to glyphs shared with another
code point (人 and the Kangxi radical ⼈, 门 and ⻔, 〈 and 〈, 胶 and 㬵 …), so copied or searched text
comes out with the wrong characters. This script writes, for each face:

  Gongwen Serif SC / Gongwen Sans SC (Regular, Bold): the Noto face with, for every shared glyph,
    one code point kept (a GBK character first, else the highest) and the others removed from the cmap.
    Outlines, metrics and layout tables are byte-for-byte the original ones.
  Gongwen Serif SC Extra / Gongwen Sans SC Extra: the removed code points, each with a glyph of its own.

Use them in CSS as "Gongwen Serif SC", "Gongwen Serif SC Extra", "Noto Serif CJK SC".
The OFL requires a Modified Version to drop the Reserved Font Name ('Source'); 'Noto' is a trademark:
hence the new names. Needs python3-fonttools (Debian) or fontTools from PyPI.

Gongwen's HTML names these faces before the Noto ones (Sources/GongwenRender/Layout/FontRoles.swift),
so a browser on a machine without the office fonts prints with them once they are installed; machines
with 仿宋_GB2312 etc. never reach them. LXGW WenKai (楷体's stand-in) is treated the same way ('Gongwen Kai').
Measured (issue 14): all five text extractors tried (poppler, pdfminer, MuPDF, PDFium, pdf.js) return the
text exactly; the printed pages are pixel-identical. About 6 s and 95 MB.

用法 / usage: derive-fonts.py [OUTDIR]   (默认 ~/.local/share/fonts/gongwen；之后运行 fc-cache；
已生成且不比原字体旧时跳过 / skipped when up to date)"""
import copy
import os
import subprocess
import sys
import time

from fontTools import subset
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables.DefaultTable import DefaultTable

FACES = [  # (file name, family, style)
    ("NotoSerifCJK-Regular.ttc", "Gongwen Serif SC", "Regular"),
    ("NotoSerifCJK-Bold.ttc", "Gongwen Serif SC", "Bold"),
    ("NotoSansCJK-Regular.ttc", "Gongwen Sans SC", "Regular"),
    ("NotoSansCJK-Bold.ttc", "Gongwen Sans SC", "Bold"),
    ("LXGWWenKai-Regular.ttf", "Gongwen Kai", "Regular"),   # RFNs 'LXGW' and '霞鹜'
]
SEARCH = ["/usr/share/fonts/truetype/lxgw-wenkai", "/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk", "/usr/share/fonts/google-noto-cjk",
          "/usr/share/fonts/opentype/noto-cjk"]


def gbk():
    s = set(range(0x20, 0x7F))
    for b1 in range(0x81, 0xFF):
        for b2 in range(0x40, 0xFF):
            try:
                c = bytes([b1, b2]).decode("gbk")
            except UnicodeDecodeError:
                continue
            if len(c) == 1:
                s.add(ord(c))
    return s


GBK = gbk()


def radical_or_compat(u):
    return 0x2E80 <= u <= 0x2FDF or 0xF900 <= u <= 0xFAFF or 0x2F800 <= u <= 0x2FA1F


def rank(u):
    return 2 if radical_or_compat(u) else 0 if u in GBK else 1


def drop_set(cmap):
    """For each glyph reached from several code points: keep the best-ranked one (the highest among
    equals, so the dropped ones are the glyph's lowest code points in the original font too)."""
    by_glyph = {}
    for u, g in cmap.items():
        by_glyph.setdefault(g, []).append(u)
    drop = set()
    for us in by_glyph.values():
        if len(us) > 1:
            kept = min(us, key=lambda u: (rank(u), -u))
            drop.update(u for u in us if u != kept)
    return drop


def set_names(font, family, style):
    ps = family.replace(" ", "") + "-" + style
    full = family if style == "Regular" else family + " " + style
    name = font["name"]
    for nid in (1, 2, 3, 4, 6, 16, 17, 21, 22):
        name.removeNames(nameID=nid)
    for pid, eid, lid in ((3, 1, 0x409), (1, 0, 0)):
        for nid, s in ((1, family), (2, style), (3, ps + ";gongwen-derived"), (4, full), (6, ps)):
            name.setName(s, nid, pid, eid, lid)


def find_ttc(fname):
    for d in SEARCH:
        if os.path.exists(os.path.join(d, fname)):
            return os.path.join(d, fname)
    out = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True, text=True).stdout
    return next((p for p in out.splitlines() if os.path.basename(p) == fname), None)


def sc_index(path):
    if not path.endswith(".ttc"):
        return -1
    i = 0
    while True:
        f = TTFont(path, fontNumber=i, lazy=True)
        if f["name"].getDebugName(4) in ("Noto Serif CJK SC", "Noto Sans CJK SC",
                                         "Noto Serif CJK SC Bold", "Noto Sans CJK SC Bold"):
            return i
        i += 1


def derived(path, idx, family, style, out):
    font = TTFont(path, fontNumber=idx, lazy=True)
    drop = drop_set(font.getBestCmap())
    for st in font["cmap"].tables:
        if st.format == 14:
            for vs in list(st.uvsDict):
                st.uvsDict[vs] = [(u, g) for u, g in st.uvsDict[vs] if u not in drop]
        else:
            for u in drop:
                st.cmap.pop(u, None)
    set_names(font, family, style)
    # The CFF table is copied as it is (recompiling 65535 charstrings takes minutes); its internal
    # names are renamed in place when the new name has the same length (NotoSerifCJKjp/GongwenSerifSC).
    if "CFF " not in font.reader:   # TrueType: every other table is copied as it is
        font.save(out)
        return drop
    data = font.reader["CFF "]
    old = font["CFF "].cff.fontNames[0].split("-")[0].encode()
    new = family.replace(" ", "").encode()
    if len(old) == len(new):
        data = data.replace(old, new)
    raw = DefaultTable("CFF ")
    raw.data = data
    font.tables["CFF "] = raw
    font.recalcBBoxes = False
    font.save(out)
    return drop


def cff_to_glyf(font):
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for n in order:
        pen = TTGlyphPen(gs)
        gs[n].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[n] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for k in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
              "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, k, 1 if k == "maxZones" else 0)
    font.sfntVersion = "\0\1\0\0"


def extra(path, idx, family, style, drop, out):
    """The dropped code points, each with its own glyph (copies), as a small TrueType font."""
    font = TTFont(path, fontNumber=idx)
    opts = subset.Options()
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = True
    s = subset.Subsetter(opts)
    s.populate(unicodes=sorted(drop))
    s.subset(font)
    if "CFF " in font:
        cff_to_glyf(font)
    for t in ("GSUB", "GPOS", "GDEF", "BASE"):
        if t in font:
            del font[t]
    cmap = font.getBestCmap()
    order = list(font.getGlyphOrder())
    glyf, hmtx = font["glyf"], font["hmtx"]
    vmtx = font["vmtx"] if "vmtx" in font else None
    seen, newmap = set(), {}
    for u in sorted(cmap):
        g = cmap[u]
        if g in seen:
            n = "u%04X.copy" % u
            order.append(n)
            glyf.glyphs[n] = copy.deepcopy(glyf[g])
            hmtx.metrics[n] = hmtx.metrics[g]
            if vmtx:
                vmtx.metrics[n] = vmtx.metrics[g]
            g = n
        seen.add(g)
        newmap[u] = g
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    for st in font["cmap"].tables:
        if st.format != 14:
            st.cmap = {u: newmap[u] for u in st.cmap if u in newmap}
    set_names(font, family + " Extra", style)
    font.save(out)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.local/share/fonts/gongwen")
    os.makedirs(outdir, exist_ok=True)
    made = 0
    for fname, family, style in FACES:
        t0 = time.time()
        path = find_ttc(fname)
        if not path:
            print("未找到 %s（请安装 fonts-noto-cjk 和 fonts-lxgw-wenkai） / not found" % fname)
            continue
        base = family.replace(" ", "") + "-" + style
        ext = ".otf" if path.endswith(".ttc") else ".ttf"
        target = os.path.join(outdir, base + ext)
        extra_target = os.path.join(outdir, family.replace(" ", "") + "Extra-" + style + ".ttf")
        made += 1
        if all(os.path.exists(t) and os.path.getmtime(t) >= os.path.getmtime(path) for t in (target, extra_target)):
            print("%s %s: 已是最新 / up to date" % (family, style))
            continue
        idx = sc_index(path)
        drop = derived(path, idx, family, style, target)
        extra(path, idx, family, style, drop, extra_target)
        print("%s %s: %d code points moved to Extra, %.1f s" % (family, style, len(drop), time.time() - t0))
    if made == 0:
        sys.exit("没有找到任何可用的开源中文字体 / no open CJK font found")
    subprocess.run(["fc-cache", "-f", outdir], check=False)


if __name__ == "__main__":
    main()
