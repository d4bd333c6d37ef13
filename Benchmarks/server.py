#!/usr/bin/env python3
"""Speed and memory of `gongwen serve` as clerks use it (issue 16, item 7), over real HTTP.

Measures, against a server started by Benchmarks/server.sh:
  1. page loads: the median and worst of 20 loads of each page of a job (< 100 ms each);
  2. checking a 2,000-row .xlsx: from the start of the upload to the problem table (< 2 s);
  3. 10,000 households to a .zip through the page, against the CLI's time for the same job measured
     in the same run (>= 90 %), while a second clerk loads pages (their worst load is reported);
  4. the server's peak memory (VmHWM) with 10 clerks' jobs at once.
Usage: server.py BASE_URL SERVER_PID GONGWEN_BINARY WORK_DIR HOUSEHOLDS
"""
import concurrent.futures
import html
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
import zipfile

base, server_pid, binary, work, households = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
pledge = os.path.join(root, "Templates", "诚信计生双向承诺书")
failures = []


class Clerk:
    """One browser: its own cookies and CSRF token."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = ""

    def get(self, path):
        with self.opener.open(base + path) as response:
            body = response.read().decode()
            found = re.search(r'name="csrf" value="([^"]*)"', body)
            if found:
                self.csrf = html.unescape(found.group(1))
            return response.geturl(), body

    def post(self, path, fields=None, files=None):
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in (fields or {}).items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
            for name, path_on_disk in files.items():
                with open(path_on_disk, "rb") as f:
                    content = f.read()
                filename = os.path.basename(path_on_disk)
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                             f'Content-Type: application/octet-stream\r\n\r\n'.encode() + content + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            url = base + path + ("&" if "?" in path else "?") + "csrf=" + urllib.parse.quote(self.csrf)
            request = urllib.request.Request(url, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                                                                      "X-CSRF-Token": self.csrf})
        else:
            data = urllib.parse.urlencode([("csrf", self.csrf)] + [(k, v) for k, vs in (fields or {}).items()
                                                                    for v in (vs if isinstance(vs, list) else [vs])])
            request = urllib.request.Request(base + path, data=data.encode(), headers={"X-CSRF-Token": self.csrf})
        with self.opener.open(request) as response:
            body = response.read().decode(errors="replace")
            found = re.search(r'name="csrf" value="([^"]*)"', body)
            if found:
                self.csrf = html.unescape(found.group(1))
            return response.geturl(), body

    def job(self, template, data, regions=None):
        """A new job with `data` uploaded and the form saved; returns its path, e.g. /jobs/3."""
        self.get("/")
        url, _ = self.post("/jobs/new", {"template": template})
        job = urllib.parse.urlparse(url).path.rsplit("/", 1)[0]
        files = {"data": data}
        if regions:
            files["regions"] = regions
        self.post(job + "/data", {"sheet": "", "header-row": "", "encoding": ""}, files)
        self.post(job + "/fields", {})
        return job

    def generate_zip(self, job):
        self.get(job + "/generate")
        self.post(job + "/generate", {"output": "zip", "format": "odt"})
        while True:
            _, body = self.get(job + "/generate")
            if 'id="download-link"' in body:
                return
            if "失败" in body or "已取消" in body:
                raise RuntimeError(f"{job}: batch failed: {re.sub('<[^>]+>', ' ', body)[:500]}")
            time.sleep(0.2)


def timed(action):
    start = time.perf_counter()
    result = action()
    return (time.perf_counter() - start) * 1000, result


def peak_memory_mb():
    with open(f"/proc/{server_pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def xlsx_from_csv(csv_path, xlsx_path):
    """A minimal .xlsx (inline strings) with the CSV's rows: what Excel saves, without a library."""
    import csv
    from xml.sax.saxutils import escape
    rows = list(csv.reader(open(csv_path, encoding="utf-8")))

    def column(i):
        name = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            name = chr(65 + r) + name
        return name
    sheet = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, 1):
        cells = "".join(f'<c r="{column(c)}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>' for c, v in enumerate(row))
        sheet.append(f'<row r="{r}">{cells}</row>')
    sheet.append("</sheetData></worksheet>")
    with zipfile.ZipFile(xlsx_path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="农户" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", "".join(sheet))


def generate(n, folder):
    os.makedirs(folder, exist_ok=True)
    subprocess.run(["python3", os.path.join(root, "Examples", "南岭省", "generate.py"), "--households", str(n), "--out", folder],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(folder, "households.csv")


# 1. Page loads.
clerk = Clerk()
small = generate(200, os.path.join(work, "small"))
job = clerk.job("诚信计生双向承诺书", small)
print("| page | median ms | worst ms |\n|---|---|---|")
for name, path in (("首页", "/"), ("上传数据", job + "/data"), ("检查（200 户）", job + "/check"), ("预览", job + "/preview"),
                   ("生成", job + "/generate"), ("最近的任务", "/jobs"), ("预览的文档", job + "/document?n=1")):
    times = [timed(lambda: clerk.get(path))[0] for _ in range(20)]
    print(f"| {name} `{path}` | {statistics.median(times):.1f} | {max(times):.1f} |")
    if statistics.median(times) >= 100:
        failures.append(f"page {path}: median {statistics.median(times):.0f} ms >= 100 ms")

# 2. A 2,000-row workbook: upload, then the check page with its problem table.
rows2000 = generate(2000, os.path.join(work, "rows2000"))
xlsx = os.path.join(work, "农户2000.xlsx")
xlsx_from_csv(rows2000, xlsx)
checks = []
for _ in range(3):
    c = Clerk()
    c.get("/")
    url, _ = c.post("/jobs/new", {"template": "诚信计生双向承诺书"})
    j = urllib.parse.urlparse(url).path.rsplit("/", 1)[0]
    start = time.perf_counter()
    c.post(j + "/data", {"sheet": "", "header-row": "", "encoding": ""}, {"data": xlsx})
    c.post(j + "/fields", {})
    _, body = c.get(j + "/check")
    checks.append((time.perf_counter() - start) * 1000)
    assert 'id="check-summary"' in body, body[:500]
print(f"\n2,000-row .xlsx ({os.path.getsize(xlsx) // 1024} KB), upload to problem table: median {statistics.median(checks):.0f} ms "
      f"(runs: {', '.join(f'{t:.0f}' for t in checks)})")
if statistics.median(checks) >= 2000:
    failures.append(f"2,000-row check took {statistics.median(checks):.0f} ms >= 2 s")

# 3. 10,000 households to a .zip: the CLI, then the page, with a second clerk loading pages meanwhile.
big = generate(households, os.path.join(work, "big"))
cli_times = []
for i in range(2):
    out = os.path.join(work, f"cli-{i}.zip")
    start = time.perf_counter()
    subprocess.run([binary, "render", pledge, "--data", big, "--shared", os.path.join(pledge, "data.yaml"), "--format", "odt",
                    "--out", out], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cli_times.append(time.perf_counter() - start)
web_job = clerk.job("诚信计生双向承诺书", big)
other = Clerk()
other.get("/")
worst = [0.0]
stop = threading.Event()


def browse():
    while not stop.is_set():
        worst[0] = max(worst[0], timed(lambda: other.get("/jobs"))[0])
        time.sleep(0.1)


watcher = threading.Thread(target=browse)
watcher.start()
start = time.perf_counter()
clerk.generate_zip(web_job)
web_time = time.perf_counter() - start
stop.set()
watcher.join()
cli = min(cli_times)
ratio = cli / web_time
print(f"\n{households:,} households to a .zip: CLI {cli:.2f} s (best of 2, process start included), "
      f"page {web_time:.2f} s from the click to the download link: {ratio * 100:.0f} % of the CLI's speed; "
      f"another clerk's /jobs meanwhile: worst {worst[0]:.0f} ms")
if ratio < 0.9:
    failures.append(f"page at {ratio * 100:.0f} % of the CLI's speed (< 90 %)")

# 4. Ten clerks at once, each checking and generating 2,000 households; the server's peak memory.
before = peak_memory_mb()


def one_clerk(i):
    c = Clerk()
    j = c.job("诚信计生双向承诺书", rows2000)
    c.get(j + "/check")
    c.generate_zip(j)
    return j


start = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor(10) as pool:
    list(pool.map(one_clerk, range(10)))
print(f"\n10 clerks at once (2,000 households each: check, .zip): {time.perf_counter() - start:.1f} s; "
      f"server peak memory {before:.0f} MB before, {peak_memory_mb():.0f} MB after")
if peak_memory_mb() > 512:
    failures.append(f"server peak memory {peak_memory_mb():.0f} MB > 512 MB")

if failures:
    print("\nFAIL: " + "; ".join(failures))
    sys.exit(1)
