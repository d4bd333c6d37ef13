#!/usr/bin/env python3
"""Normalises text extracted from PDFs so the same characters compare equal.

Chromium embeds the Noto CJK fonts as Type 3 fonts, and text extraction then returns some
ideographs as the CJK radical sharing their glyph: Kangxi radicals (⽅ for 方), which NFKC maps
back, and CJK Radicals Supplement characters (⻔ for 门, ⺠ for 民, ⻰ for 龙), which it does not.
Usage as a filter: pdftotext FILE.pdf - | cjk_text.py"""
import sys
import unicodedata

# CJK Radicals Supplement → the ideograph drawn with the same glyph in the Noto CJK SC fonts.
RADICALS = dict(zip(
    "⺁⺅⺉⺊⺎⺓⺖⺘⺙⺛⺝⺟⺠⺡⺣⺨⺩⺪⺫⺬⺭⺯⺰⺲⺹⺻⺼⺾⻂⻄⻅⻆⻈⻉⻊⻋⻌⻐⻑⻓⻔⻖⻘⻙⻚⻛⻜⻝⻟⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲⻳",
    "厂亻刂卜兀幺忄扌攵旡月母民氵灬犭王疋罒示礻糹纟罒耂聿肉艹衤西见角讠贝足车辶钅長长门阝青韦页风飞食飠饣马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀龟",
))


# Variants that share one glyph with the simplified character in Noto CJK SC, seen extracted
# from Chromium's PDFs here (the glyph's first code point wins in its ToUnicode map).
SHARED_GLYPHS = {"戶": "户", "內": "内", "吳": "吴", "黃": "黄", "溫": "温", "說": "说"}


def normalize(text):
    return "".join(SHARED_GLYPHS.get(c, RADICALS.get(c, c)) for c in unicodedata.normalize("NFKC", text))


if __name__ == "__main__":
    sys.stdout.write(normalize(sys.stdin.read()))
