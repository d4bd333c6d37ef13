#!/usr/bin/env python3
"""A clerk's whole job on `gongwen serve`, in a real Chromium driven by selenium (issue 16, item 6).

Choose 目标管理责任书, upload Examples/南岭省/县级指标-有错误.xlsx with the region list and see its three
problems with their spreadsheet rows; upload the good data, fill the form, check, preview, generate
the .zip, download it and validate every document in it. A screenshot of every page is saved.

Usage: walk.py BASE_URL SCREENSHOT_DIR DOWNLOAD_DIR   (Debian's python3-selenium and chromium-driver)
"""
import os
import sys
import time
import zipfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

base, shots, downloads = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
examples = os.path.join(root, "Examples", "南岭省")
os.makedirs(shots, exist_ok=True)
os.makedirs(downloads, exist_ok=True)

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000", "--lang=zh-CN"):
    options.add_argument(argument)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 120)
step = 0


def shot(name):
    """Saves the whole page (its full height) as NN-name.png."""
    global step
    step += 1
    height = driver.execute_script("return Math.max(document.body.scrollHeight, 600)")
    driver.set_window_size(1280, min(height + 120, 4000))
    path = os.path.join(shots, f"{step:02d}-{name}.png")
    driver.save_screenshot(path)
    driver.set_window_size(1280, 1000)
    print(f"screenshot {path}")


def find(element_id):
    return wait.until(EC.presence_of_element_located((By.ID, element_id)))


def click(element_id):
    element = wait.until(EC.element_to_be_clickable((By.ID, element_id)))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def console_problems():
    """What the browser refused or failed to run (CSP violations, script errors, failed loads)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]


def expect(condition, message):
    if not condition:
        shot("failure")
        print(f"FAIL: {message}\n{driver.current_url}\n{driver.find_element(By.TAG_NAME, 'body').text[:2000]}")
        driver.quit()
        sys.exit(1)


def timed_get(url):
    start = time.monotonic()
    driver.get(url)
    return (time.monotonic() - start) * 1000


try:
    # 0. Sign in: the server has an account, so every page asks for it first.
    account, password = os.environ.get("E2E_ACCOUNT"), os.environ.get("E2E_PASSWORD")
    if account:
        driver.get(base + "/")
        find("login-form")
        expect(driver.current_url.endswith("/login"), "an unsigned visitor is sent to the sign-in page")
        find("login-name").send_keys(account)
        find("login-password").send_keys(password + "错")
        click("login-button")
        try:
            WebDriverWait(driver, 10).until(lambda d: "不正确" in d.page_source)
        except Exception:
            pass
        expect("账户名或密码不正确" in driver.page_source or "不正确" in driver.page_source, "a wrong password is refused")
        shot("login-refused")
        find("login-name").clear()
        find("login-name").send_keys(account)
        find("login-password").send_keys(password)
        click("login-button")
        wait.until(lambda d: not d.current_url.endswith("/login"))
        console_problems()  # the refused password's 401 was expected; start the console afresh

    # 1. Home: the document types as cards.
    ms = timed_get(base + "/")
    find("template-目标管理责任书")
    expect("目标管理责任书" in driver.page_source and "通报批评" in driver.page_source, "home shows the shipped templates")
    shot("home")
    print(f"home page loaded in {ms:.0f} ms (browser)")
    click("use-目标管理责任书")

    # 2. Data with three wrong figures, and the region list the names are checked against.
    find("data-file").send_keys(os.path.join(examples, "县级指标-有错误.xlsx"))
    find("regions-file").send_keys(os.path.join(examples, "区划代码.csv"))
    shot("data-choose")
    click("data-upload-button")
    find("fields-form")
    shot("data-fields")
    click("check-button")

    # 3. The check: three problems with the rows Excel shows.
    find("problems")
    rows = driver.find_elements(By.CSS_SELECTOR, "#problems tr.error")
    numbers = sorted(int(r.find_element(By.CSS_SELECTOR, "td.row").text) for r in rows)
    expect(numbers == [41, 56, 71], f"three problems at rows 41, 56, 71 (got {numbers})")
    text = driver.find_element(By.ID, "problems").text
    expect("1２.3‰" in text and "石门县" in text and "190" in text, "the problem values are shown")
    shot("check-problems")
    job_url = driver.current_url.rsplit("/", 1)[0]

    # 4. The good data, through the same page.
    driver.get(job_url + "/data")
    find("data-file").send_keys(os.path.join(examples, "counties.csv"))
    find("regions-file").send_keys(os.path.join(examples, "区划代码.csv"))
    click("data-upload-button")
    find("fields-form")
    year = driver.find_element(By.ID, "field-年度")
    year.clear()
    year.send_keys("2026")
    shot("data-good")
    click("check-button")
    find("check-summary")
    expect(not driver.find_elements(By.CSS_SELECTOR, "#problems tr.error"), "the good data has no problems")
    shot("check-ok")
    click("preview-link")

    # 5. Preview: the first document as it will print; the navigator moves to the next one.
    find("preview-frame")
    expect("共 90 份" in find("preview-count").text, f"90 documents to preview ({find('preview-count').text})")
    time.sleep(2)
    shot("preview-1")
    driver.switch_to.frame(find("preview-frame"))
    body = driver.find_element(By.TAG_NAME, "body").text
    expect("2026年度" in body and "责任书" in body, "the preview shows the document with the form's year")
    driver.switch_to.default_content()
    click("preview-next")
    wait.until(lambda d: "第 2 份" in d.find_element(By.ID, "preview-count").text)
    time.sleep(1)
    shot("preview-2")
    click("generate-link")

    # 6. Generate: one file per record as a .zip, .odt and .html, with a manifest.
    find("generate-form")
    click("output-zip")
    for box, wanted in (("format-odt", True), ("format-html", True), ("format-fodt", False), ("manifest", True)):
        element = driver.find_element(By.ID, box)
        if element.is_selected() != wanted:
            driver.execute_script("arguments[0].click()", element)
    shot("generate-options")
    click("generate-button")
    link = WebDriverWait(driver, 600).until(EC.presence_of_element_located((By.ID, "download-link")))
    shot("generate-done")
    href = link.get_attribute("href")

    # 7. Download with the browser's session and check every document.
    cookies = {c["name"]: c["value"] for c in driver.get_cookies()}
    import urllib.request  # noqa: F811 (also used by the 考核 walk)
    request = urllib.request.Request(href, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    archive = os.path.join(downloads, "batch.zip")
    with urllib.request.urlopen(request) as response, open(archive, "wb") as out:
        out.write(response.read())
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        z.extractall(os.path.join(downloads, "batch"))
    odts = [n for n in names if n.endswith(".odt")]
    htmls = [n for n in names if n.endswith(".html")]
    expect(len(odts) == 90 and len(htmls) == 90 and "清单.csv" in names, f"90 .odt + 90 .html + manifest (got {len(names)} files)")
    print(f"downloaded {archive}: {len(odts)} .odt, {len(htmls)} .html, manifest")

    # 8. The jobs list: this clerk's job is there, with its manifest.
    timed = timed_get(base + "/jobs")
    find("jobs")
    shot("jobs")
    print(f"jobs page loaded in {timed:.0f} ms (browser)")

    # 9. 考核 (issue 18, item 7): 2023, then 2024, the decision table with its reasons, the report, the notices.
    import urllib.request

    def fetch(url, path):
        cookies = {c["name"]: c["value"] for c in driver.get_cookies()}
        request = urllib.request.Request(url, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
        with urllib.request.urlopen(request) as response, open(path, "wb") as out:
            out.write(response.read())
        return path

    def assess(period, workbook):
        find("assess-form")
        field = find("period")
        field.clear()
        field.send_keys(period)
        find("data-file").send_keys(os.path.join(examples, "考核", workbook))

    click("nav-assess")
    find("assess-form")
    expect("考核历史中还没有任何一期" in find("stored-periods").text, "the history starts empty")
    shot("assess-empty")
    assess("2023", "2023.xlsx")
    shot("assess-choose-2023")
    click("assess-button")
    find("assess-summary")
    expect("2023年" in driver.find_element(By.TAG_NAME, "h1").text, "the 2023 result page")
    shot("assess-2023")
    click("back-to-assess")
    find("assess-form")
    expect(find("period").get_attribute("value") == "2024", "the form offers the next period, 2024")
    expect("下一期应为" in find("next-period").text, "the form says which period comes next")
    assess("2024", "2024.xlsx")
    click("assess-button")
    find("assess-report")
    rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#assess-report table.decisions tbody tr")]
    veto = [r for r in rows if "盘州市" in r and "一票否决" in r]
    expect(veto and "第五条" in veto[0] and "出生率" in veto[0], f"the 2024 一票否决 of 盘州市 with its reason ({veto[:1]})")
    shot("assess-2024")
    result_url = driver.current_url

    # The same period again without 替换: refused, with the reason on the page.
    driver.get(base + "/assess")
    assess("2024", "2024.xlsx")
    click("assess-button")
    find("errors")
    expect("已考核并已存入历史" in find("errors").text and "重新考核并替换" in find("errors").text,
           "a second 2024 without 替换 is refused and says how to replace")
    shot("assess-refused")
    console_problems()  # the refused period's 409 was expected; start the console afresh

    driver.get(result_url)
    report = fetch(find("download-xlsx").get_attribute("href"), os.path.join(downloads, "考核结果-2024.xlsx"))
    with zipfile.ZipFile(report) as z:
        expect("xl/workbook.xml" in z.namelist(), "the downloaded report is a workbook")
    print(f"downloaded {report}")
    for box, wanted in (("doc-format-odt", True), ("doc-format-html", True)):
        element = driver.find_element(By.ID, box)
        if element.is_selected() != wanted:
            driver.execute_script("arguments[0].click()", element)
    shot("assess-documents-options")
    click("documents-button")
    link = WebDriverWait(driver, 300).until(EC.presence_of_element_located((By.ID, "download-zip")))
    shot("assess-documents")
    notices = fetch(link.get_attribute("href"), os.path.join(downloads, "文书-2024.zip"))
    with zipfile.ZipFile(notices) as z:
        names = z.namelist()
        z.extractall(os.path.join(downloads, "assess"))
    expect(any("一票否决决定" in n and n.endswith(".odt") for n in names), f"the notices hold a 一票否决决定 .odt ({names})")
    print(f"downloaded {notices}: {len(names)} files")

    problems = console_problems()
    expect(not problems, "no Content-Security-Policy violation or script error in the console:\n" + "\n".join(problems))

    # 10. Sign out: the jobs are no longer reachable without signing in again.
    if account:
        click("nav-account")
        click("logout-button")
        driver.get(base + "/jobs")
        find("login-form")
        expect(driver.current_url.endswith("/login"), "signed out, the jobs page asks for the account again")
        print("signed out: /jobs asks for the account again")
finally:
    driver.quit()
print("walk-through passed")
