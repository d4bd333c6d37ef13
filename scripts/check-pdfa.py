#!/usr/bin/env python3
"""usage: check-pdfa.py FILE.pdf

What can be checked of PDF/A-2b (ISO 19005-2, level B) without veraPDF, which is neither in Debian
nor on PyPI (the PyPI packages that mention it call a veraPDF installed apart; it needs a download
of its own). This is not a validation: it checks the parts of the standard that a writer most
often gets wrong, each with its clause, and prints one line per check. Exits 1 if any fails.
Needs pdfminer.six (pdfplumber's) and the tools qpdf and pdffonts (poppler-utils).

  header       %PDF-1.n (n ≤ 7), then a comment line of at least 4 bytes ≥ 128          6.1.2
  trailer-id   the trailer has /ID                                                        6.1.3
  no-encrypt   no /Encrypt in the trailer                                                 6.1.3
  qpdf         qpdf --check exits 0 (cross-reference table, streams)                      6.1
  xmp          the catalog's /Metadata is a stream of /Type /Metadata /Subtype /XML whose
               XMP parses and says pdfaid:part 2, pdfaid:conformance B                   6.6.2, 6.6.4
  xmp-info     every Info entry that has an XMP twin (Title, Author, Subject, Keywords,
               Creator, Producer, CreationDate, ModDate) has it there, with the same value
               (dates compared to the second)                                             6.6.3
  output-intent an /OutputIntents entry /S /GTS_PDFA1 with a /DestOutputProfile ICC stream
               (“acsp” at byte 36, its size as its header says, version ≤ 4, an output or
               monitor profile) whose /N matches the profile's colour space               6.2.3
  fonts        every font embedded (pdffonts: emb yes)                                    6.2.11.4
  no-actions   no JavaScript, Launch, no /AA, no /EmbeddedFiles                          6.5, 6.6.1, 6.8
"""
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import PSLiteral

NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
      "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/", "pdf": "http://ns.adobe.com/pdf/1.3/"}
results = []


def record(name, ok, detail):
    results.append((name, bool(ok), detail))


def name(v):
    v = resolve1(v)
    return v.name if isinstance(v, PSLiteral) else (v.decode("latin-1") if isinstance(v, bytes) else v)


def text(v):
    """A PDF text string: UTF-16BE with a BOM, or PDFDocEncoding (taken as Latin-1)."""
    v = resolve1(v)
    if isinstance(v, bytes):
        return v[2:].decode("utf-16-be") if v[:2] == b"\xfe\xff" else v.decode("latin-1")
    return str(v)


def xmp_value(root, ns, tag):
    """The text of an XMP property, as an element (simple, or an rdf:Alt/Seq/Bag's first li) or
    as an attribute of an rdf:Description."""
    key = f"{{{NS[ns]}}}{tag}"
    for desc in root.iter(f"{{{NS['rdf']}}}Description"):
        if key in desc.attrib:
            return desc.attrib[key]
        el = desc.find(key)
        if el is not None:
            li = el.find(".//rdf:li", NS)
            return (li.text if li is not None else el.text) or ""
    return None


def pdf_date(s):
    """D:YYYYMMDDHHmmSS… or an XMP date, as YYYYMMDDHHmmSS (the local time as written)."""
    digits = re.sub(r"\D", "", re.sub(r"^D:", "", s or ""))[:14]
    return digits.ljust(14, "0")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    raw = open(path, "rb").read()

    m = re.match(rb"%PDF-1\.(\d)\r?\n?(%[^\r\n]*)?", raw)
    second = raw.split(b"\n", 2)[1] if raw.count(b"\n") >= 2 else b""
    record("header", m and int(m.group(1)) <= 7 and second.startswith(b"%") and sum(b >= 128 for b in second[1:5]) == 4,
           f"{raw[:8].decode('latin-1')!r}, then {second[:8]!r}")

    with open(path, "rb") as f:
        doc = PDFDocument(PDFParser(f))
        trailer = {}
        for xref in doc.xrefs:
            trailer.update(xref.get_trailer())
        record("trailer-id", "ID" in trailer, "trailer /ID " + ("present" if "ID" in trailer else "missing"))
        record("no-encrypt", "Encrypt" not in trailer, "no /Encrypt" if "Encrypt" not in trailer else "/Encrypt present")

        catalog = doc.catalog
        meta = resolve1(catalog.get("Metadata"))
        root = None
        if not isinstance(meta, PDFStream):
            record("xmp", False, "no /Metadata stream in the catalog")
        else:
            kind = (name(meta.attrs.get("Type")), name(meta.attrs.get("Subtype")))
            try:
                data = meta.get_data()
                body = data[data.find(b"<x:xmpmeta"):data.rfind(b"</x:xmpmeta>") + len(b"</x:xmpmeta>")] or data
                root = ET.fromstring(body)
            except Exception as e:  # noqa: BLE001 — a broken XMP is what is reported
                record("xmp", False, f"XMP does not parse: {e}")
            if root is not None:
                part, conf = xmp_value(root, "pdfaid", "part"), xmp_value(root, "pdfaid", "conformance")
                record("xmp", kind == ("Metadata", "XML") and part == "2" and conf == "B",
                       f"/Type /{kind[0]} /Subtype /{kind[1]}, pdfaid:part {part}, pdfaid:conformance {conf}")

        info = {}
        for ref in trailer.get("Info", []) if isinstance(trailer.get("Info"), list) else [trailer.get("Info")]:
            info.update(resolve1(ref) or {})
        twins = {"Title": ("dc", "title"), "Author": ("dc", "creator"), "Subject": ("dc", "description"),
                 "Keywords": ("pdf", "Keywords"), "Creator": ("xmp", "CreatorTool"), "Producer": ("pdf", "Producer"),
                 "CreationDate": ("xmp", "CreateDate"), "ModDate": ("xmp", "ModifyDate")}
        bad, seen = [], []
        for key, (ns, tag) in twins.items():
            if key not in info:
                continue
            value = text(info[key])
            twin = xmp_value(root, ns, tag) if root is not None else None
            same = twin is not None and (pdf_date(value) == pdf_date(twin) if key.endswith("Date") else value == twin)
            seen.append(key)
            if not same:
                bad.append(f"{key} “{value}” vs {ns}:{tag} “{twin}”")
        record("xmp-info", not bad, "; ".join(bad) if bad else ("Info " + ", ".join(seen) + " match the XMP" if seen else "no Info entries"))

        intents = resolve1(catalog.get("OutputIntents")) or []
        found = []
        for oi in intents:
            oi = resolve1(oi)
            if name(oi.get("S")) != "GTS_PDFA1":
                continue
            prof = resolve1(oi.get("DestOutputProfile"))
            if not isinstance(prof, PDFStream):
                found.append((False, "GTS_PDFA1 without a DestOutputProfile stream"))
                continue
            icc = prof.get_data()
            space = icc[16:20].decode("latin-1", "replace")
            n = prof.attrs.get("N")
            size, version, cls = int.from_bytes(icc[0:4], "big"), icc[8], icc[12:16].decode("latin-1", "replace")
            ok = (icc[36:40] == b"acsp" and {"RGB ": 3, "GRAY": 1, "CMYK": 4}.get(space) == n and size == len(icc)
                  and version <= 4 and cls in ("mntr", "prtr"))
            found.append((ok, f"GTS_PDFA1, ICC v{version} {cls} profile {len(icc)} bytes (header says {size}), colour space {space.strip()}, /N {n}, "
                              f"{text(oi.get('OutputConditionIdentifier', b''))}"))
        record("output-intent", found and all(ok for ok, _ in found), "; ".join(d for _, d in found) or "no /OutputIntents with /S /GTS_PDFA1")

        # Actions and attachments anywhere in the file: every object is looked at (those in object
        # streams too), not the bytes, which may be compressed.
        hits = set()
        for xref in doc.xrefs:
            for objid in xref.get_objids():
                try:
                    obj = doc.getobj(objid)
                except Exception:  # noqa: BLE001
                    continue
                d = obj.attrs if isinstance(obj, PDFStream) else obj
                if not isinstance(d, dict):
                    continue
                if "AA" in d:
                    hits.add("/AA")
                if name(d.get("S")) in ("JavaScript", "Launch", "ImportData", "ResetForm", "Movie", "Sound"):
                    hits.add("/S /" + name(d.get("S")))
                if "JS" in d or "JavaScript" in d:
                    hits.add("JavaScript")
                if "EmbeddedFiles" in d:
                    hits.add("/EmbeddedFiles")
        record("no-actions", not hits, ", ".join(sorted(hits)) or "no actions, JavaScript or attached files")

    if shutil.which("qpdf"):
        run = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
        record("qpdf", run.returncode == 0, f"exit {run.returncode}")
    else:
        record("qpdf", False, "qpdf not installed")
    if shutil.which("pdffonts"):
        lines = subprocess.run(["pdffonts", path], capture_output=True, text=True).stdout.splitlines()[2:]
        fonts = [l.split() for l in lines if len(l.split()) >= 8]
        missing = [t[0] for t in fonts if t[-5] != "yes"]
        record("fonts", fonts and not missing, f"not embedded: {', '.join(missing)}" if missing else f"{len(fonts)} font(s), all embedded")
    else:
        record("fonts", False, "pdffonts not installed (poppler-utils)")

    for n, ok, detail in results:
        print(f"{'ok  ' if ok else 'FAIL'} {n:<14} {detail}")
    sys.exit(0 if all(ok for _, ok, _ in results) else 1)


if __name__ == "__main__":
    main()
