#!/usr/bin/env python3
"""The page of newsdex-serve in headless Chromium (Debian's chromium, chromium-driver and
python3-selenium): load it, search, pick a facet value and see the counts and results change,
remove the filter, click a timeline bar, go back, open an entity page and an article, and check
that a title holding <script> is shown as text and never run. Screenshots go to SHOT_DIR.
Exits 77 (skipped) when the browser, its driver or selenium is missing.

Usage: page_test.py NEWSDEX-SERVE NEWSDEX-INDEX CORPUS_DIR SHOT_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
try:
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    # Debian's python3-selenium lives in the system interpreter, which may not be first on PATH.
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    print("page_test: python3-selenium is not installed; skipped")
    sys.exit(SKIP)

SERVE, INDEX, CORPUS, SHOTS = sys.argv[1:5]
browser = shutil.which("chromium") or shutil.which("chromium-browser")
driver_path = shutil.which("chromedriver")
if not browser or not driver_path:
    print("page_test: chromium or chromium-driver is not installed; skipped")
    sys.exit(SKIP)

ARTICLES = {
    "xss.md": ("<script>window.pwned = 1</script> Amazon cloud plans", "2021-03-02",
               "Amazon said its cloud division would hire. Microsoft did not comment on cloud prices."),
    "google-cloud.md": ("Google expands cloud regions", "2021-05-10",
                        "Google opened three cloud regions. Microsoft and Amazon compete with Google in cloud computing."),
    "microsoft-cloud.md": ("Microsoft cloud revenue rises", "2021-05-20",
                           "Microsoft reported cloud revenue growth as Satya Nadella spoke of demand for cloud services."),
}
failures = []


def check(what, ok, detail=""):
    if not ok:
        failures.append(f"{what} {detail}")


work = tempfile.mkdtemp(prefix="newsdex-page-test.")
server = driver = None
try:
    corpus = os.path.join(work, "corpus")
    os.makedirs(corpus)
    for name in os.listdir(CORPUS):
        if name.endswith(".txt"):
            shutil.copy(os.path.join(CORPUS, name), corpus)
    for name, (title, date, body) in ARTICLES.items():
        with open(os.path.join(corpus, name), "w") as out:
            out.write(f"---\ntitle: '{title}'\ndate: {date}\nsource: Test Wire\n---\n{body}\n")
    db = os.path.join(work, "db")
    subprocess.run([INDEX, "--db", db, "--quiet", corpus], check=True)
    log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen([SERVE, "--db", db, "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, stderr=log, text=True)
    base = server.stdout.readline().split()[-1]

    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                f"--user-data-dir={os.path.join(work, 'profile')}"]:
        options.add_argument(arg)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=driver_path)
                              if hasattr(webdriver, "ChromeService") else webdriver.chrome.service.Service(driver_path),
                              options=options)
    wait = WebDriverWait(driver, 20)
    os.makedirs(SHOTS, exist_ok=True)

    def ready():
        return driver.execute_script("return document.body.dataset.ready || ''")

    def after(action):
        """Runs `action`, then waits until the page has drawn the state it leads to."""
        before = ready()
        action()
        wait.until(lambda d: ready() not in ("", before))

    def texts(css):
        return [e.text for e in driver.find_elements(By.CSS_SELECTOR, css)]

    def facet_counts(field):
        rows = driver.find_elements(By.CSS_SELECTOR, f'.facet[data-field="{field}"] li')
        return {r.find_element(By.CSS_SELECTOR, ".name").text: int(r.find_element(By.CSS_SELECTOR, ".count").text) for r in rows}

    driver.get(base)
    wait.until(lambda d: ready() != "")
    check("start page says how many articles", "6 articles" in driver.find_element(By.ID, "summary").text,
          driver.find_element(By.ID, "summary").text)

    box = driver.find_element(By.ID, "q")
    box.send_keys("cloud")
    after(lambda: driver.find_element(By.CSS_SELECTOR, "#search-form button").click())
    check("URL holds the query", "q=cloud" in driver.current_url, driver.current_url)
    titles = texts("#results h3")
    check("six cloud articles", len(titles) == 6, str(titles))
    check("<script> title shown as text", any("<script>window.pwned = 1</script>" in t for t in titles), str(titles))
    check("<script> title never run", driver.execute_script("return window.pwned") is None)
    check("highlights from the offsets", "cloud" in [m.text.lower() for m in driver.find_elements(By.CSS_SELECTOR, "#results mark")])
    companies = facet_counts("company")
    check("company facet counts", companies.get("Microsoft") == 4, str(companies))
    check("timeline bars", len(driver.find_elements(By.CSS_SELECTOR, "#timeline rect.bar")) >= 3)
    driver.save_screenshot(os.path.join(SHOTS, "search.png"))

    after(lambda: driver.find_element(By.CSS_SELECTOR, 'input[data-facet="company:Microsoft"]').click())
    check("facet in the URL", "f=company%3AMicrosoft" in driver.current_url, driver.current_url)
    check("results narrowed to Microsoft", len(texts("#results h3")) == 4, str(texts("#results h3")))
    companies = facet_counts("company")
    check("counts changed with the filter", companies.get("Google") == 2 and companies.get("Microsoft") == 4, str(companies))
    check("active filter listed", any("company:Microsoft" in t for t in texts("#active-filters button")))
    # A second value of the same facet: OR within a facet.
    after(lambda: driver.find_element(By.CSS_SELECTOR, 'input[data-facet="company:Google"]').click())
    check("OR within a facet", len(texts("#results h3")) == 4, str(texts("#results h3")))
    after(lambda: driver.find_element(By.CSS_SELECTOR, 'input[data-facet="company:Google"]').click())
    after(lambda: driver.find_element(By.CSS_SELECTOR, "#active-filters button").click())
    check("filter removed", len(texts("#results h3")) == 6 and "f=" not in driver.current_url, driver.current_url)

    after(lambda: driver.find_element(By.CSS_SELECTOR, '#timeline rect.bar[data-period="2021-05"]').click())
    check("timeline bar filters to its month", sorted(texts("#results h3")) ==
          ["Google expands cloud regions", "Microsoft cloud revenue rises"], str(texts("#results h3")))
    check("date in the URL", "date=2021-05" in driver.current_url, driver.current_url)
    driver.save_screenshot(os.path.join(SHOTS, "timeline-filter.png"))
    after(lambda: driver.back())
    check("back button restores the state", len(texts("#results h3")) == 6 and "date=" not in driver.current_url,
          driver.current_url)

    entity = driver.find_element(By.XPATH, '//ol[@id="results"]//div[@class="chips"]/a[text()="Microsoft"]')
    after(entity.click)
    check("entity page", driver.find_element(By.CSS_SELECTOR, "#entity-view h1").text == "Microsoft")
    check("entity timeline", len(driver.find_elements(By.CSS_SELECTOR, "#entity-view rect.bar")) >= 1)
    check("co-mentions", "Google" in texts("#entity-view .entity-columns a"), str(texts("#entity-view .entity-columns a")))
    check("latest articles", len(texts("#latest h3")) == 4, str(texts("#latest h3")))
    driver.save_screenshot(os.path.join(SHOTS, "entity.png"))

    after(lambda: driver.find_element(By.CSS_SELECTOR, "#latest h3 a").click())
    check("article view", driver.find_element(By.CSS_SELECTOR, "#article-view h1").text != "")
    check("entities linked in the body", len(driver.find_elements(By.CSS_SELECTOR, ".article-body a")) >= 1)

    # Keyboard: "/" focuses the search box; j moves to the first result.
    after(lambda: driver.back())
    after(lambda: driver.back())
    driver.find_element(By.TAG_NAME, "body").send_keys("/")
    check("/ focuses the search box", driver.switch_to.active_element.get_attribute("id") == "q")
    driver.find_element(By.TAG_NAME, "main").click()
    driver.find_element(By.TAG_NAME, "body").send_keys("j")
    check("j focuses the first result", driver.switch_to.active_element.tag_name == "a")

    driver.set_window_size(390, 844)  # a phone
    driver.save_screenshot(os.path.join(SHOTS, "phone.png"))
    width = driver.execute_script("return document.documentElement.scrollWidth")
    check("no sideways scrolling on a phone", width <= 390, f"page is {width} px wide")
finally:
    if driver:
        driver.quit()
    if server:
        server.terminate()
        server.wait(timeout=20)
    shutil.rmtree(work, ignore_errors=True)
for f in failures:
    print("FAIL:", f, file=sys.stderr)
print(f"page_test: {'ok' if not failures else 'failed'}; screenshots in {SHOTS}")
sys.exit(1 if failures else 0)
