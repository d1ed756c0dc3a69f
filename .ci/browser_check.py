#!/usr/bin/env python3
"""Browser check for Stadshart: signs in, walks the plan page, the action edit form and
the action's history like a person would, with Selenium and Debian's headless Chromium; then the
monitor: the dashboard, recording a survey score on an indicator page, the printable report (as PDF)
and the public progress page; then the premises filter with its defaults, the pages that ask before a
destructive step, an ondernemer's path to their business, and, for an anonymous visitor and each kind
of account, every kind of page of the demo at phone width (nothing may scroll sideways) and through
axe-core (no serious or critical violation) at 1280 and 360 px.

Usage: browser_check.py [BASE_URL] [--screenshot PATH] [--report-pdf PATH]
Ends with "N passed, M failed"; exits 1 if any check failed.
"""
import argparse
import base64
import html
import json
import os
import re
import sys
import traceback
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait
from selenium_axe_python import Axe

WAIT = 10  # seconds, for explicit waits only
BAD_BUDGET, GOOD_BUDGET, GOOD_SHOWN = "tien euro", "12.345,67", "€ 12.345,67"
EMAIL, PASSWORD, NAME = "programmateam@assen.demo", "stadshart-demo", "Demo Programmamanager"
MONITOR_DAY = "2020-06-01"  # the demo's KPIs are all behind on this day
KPIS = 6  # KPIs of the city-centre agreement on the dashboard
SCORE_KEY, SCORE_NAME = "waardering", "Waardering door bezoekers"
BAD_SCORE, GOOD_SCORE, SCORE_DAY = "12", "7,3", "2020-05-01"  # 7,3 in May 2020 is above the line to 7,5
SCORE_DAY_SHOWN = "1 mei 2020"  # the measurements table shows days as people read them
FOLD = 1000  # px: what a steering-group member sees without scrolling
A4 = (595.3, 841.9)  # pt
MAX_REPORT_PAGES = 4
STREET = "Brink"  # a street of the demo's register, for the premises filter
ONDERNEMER = "ondernemer@assen.demo"  # the demo's ondernemer, of business B0009
BUSINESS_PATH = "/assen/vestigingen/B0009"
ORGANISER = "organisator@assen.demo"  # the demo's organiser, of Cultureel Hart
PROPOSAL = "Straattheater op de Brink"
SQUARE = "Koopmansplein hoogwaardig herontwikkelen"  # part B's action with four sub-actions
SUB_ACTION = "Kerstmarkt op het plein"
PHONE = (360, 740)  # px: a small phone; headless Chrome will not make its window narrower than 500 px
DESKTOP = 1280  # px: the window's width
AXE_IMPACTS = ("serious", "critical")  # axe-core violations that fail the check
CRAWL_LIMIT = 60  # pages per role: the pages below first, then what their links lead to, one per kind
# Who looks at the demo, and the pages each must see (the crawl adds the rest). {action} and {account}
# are an action of the 2019 plan and an account of the account admin, looked up while signed in.
ROLES = [
    ("anoniem", None, ["/assen", "/assen/voortgang", "/assen/leegstand", "/assen/beschikbare-panden",
                       "/assen/openingstijden", "/inloggen", "/privacy", "/toegankelijkheid", "/bestaat-niet"]),
    ("programmateam", EMAIL, [
        "/assen", "/assen/jaarplan/2019", "/assen/acties/{action}", "/assen/acties/{action}/bewerken",
        "/assen/acties/{action}/verwijderen", "/assen/jaarplan/2019/volgend-jaar", "/assen/jaarplan/2019/wie-doet-wat",
        "/assen/monitor", f"/assen/monitor/indicatoren/{SCORE_KEY}", "/assen/monitor/verslag", "/assen/panden",
        "/assen/panden/P0001", "/assen/kaart", "/assen/leegstand", "/assen/beschikbare-panden", "/assen/voortgang",
        "/assen/logboek", "/assen/zones", "/assen/register/import", "/assen/monitor/import", "/account",
        "/account/tweestaps", "/privacy", "/toegankelijkheid", "/assen/kalender", "/assen/voorstellen",
        "/assen/kalender/instellingen", "/assen/kalender/nieuw", "/assen/evenementen"]),
    ("beheerder", "beheerder@assen.demo", ["/assen", "/assen/beheer/accounts", "/assen/beheer/accounts/{account}",
                                           "/account", "/account/tweestaps"]),
    ("ondernemer", ONDERNEMER, ["/assen", BUSINESS_PATH, "/account", "/account/tweestaps",
                                "/assen/jaarplan/2019"]),  # the last one: the page that says no
    ("eigenaar", "eigenaar@assen.demo", ["/assen", "/account"]),  # the start page links their premises
    ("bestuur", "bestuur.gemeente@assen.demo", ["/assen", "/assen/jaarplan/2019"]),  # with the adoption form
    ("organisator", ORGANISER, ["/assen", "/assen/voorstellen", "/assen/voorstellen/nieuw", "/account"]),
]
UUID = r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
SHAPES = [(re.compile(UUID), "{id}"), (re.compile(r"(?<=/)P\d+(?=/|$)"), "{pand}"),
          (re.compile(r"(?<=/)B\d+(?=/|$)"), "{vestiging}"), (re.compile(r"(?<=/)\d+(?=/|$)"), "{n}"),
          (re.compile(r"(?<=/themalijnen/)[^/]+"), "{lijn}"), (re.compile(r"(?<=/indicatoren/)(?!nieuw$)[^/]+"), "{kpi}")]
NOT_PAGES = re.compile(r"\.(csv|json|pdf|css|js|png|svg|ico|txt)$|^/api/|/uitloggen$")  # downloads, the API, POST-only


class CheckFailed(Exception):
    pass


def expect(ok, what, expected, saw):
    if not ok:
        raise CheckFailed(f"{what}\n      expected: {expected}\n      saw:      {saw!r}")


def norm(text):
    """Collapse whitespace (including non-breaking spaces) to single spaces."""
    return " ".join((text or "").replace("\xa0", " ").split())


def css(driver, selector):
    return driver.find_elements(By.CSS_SELECTOR, selector)


def gone(element):
    """The element's document has been replaced. Chromium sometimes says so with an inspector
    error ("Node with given id does not belong to the document") instead of a stale reference."""
    def check(_):
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return True
    return check


def click_and_wait(driver, element):
    """Click something that loads a new page and wait until it has loaded."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, WAIT).until(gone(old))
    # A redirect (303 after a form) replaces the document once more: wait until the last one is whole.
    WebDriverWait(driver, WAIT).until(lambda d: d.execute_script("return document.readyState") == "complete")
    WebDriverWait(driver, WAIT).until(EC.presence_of_element_located((By.TAG_NAME, "h1")))


def visible_box(driver, element):
    """The element's box in the viewport (x, y, width, height), or None if it is not displayed."""
    if not element.is_displayed():
        return None
    r = driver.execute_script("const r = arguments[0].getBoundingClientRect();"
                              "return [r.left, r.top, r.width, r.height];", element)
    return tuple(round(v) for v in r)


def pdf_facts(pdf):
    """(page count, [(width, height)] of the MediaBoxes) of a PDF as Chromium writes it."""
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    boxes = [(float(m.group(3)) - float(m.group(1)), float(m.group(4)) - float(m.group(2)))
             for m in re.finditer(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", pdf)]
    return pages, boxes


def expect_summary_in_view(driver, summary, what):
    """A refused form's summary is inside the viewport and has the focus (autofocus, no script)."""
    box = visible_box(driver, summary)
    height = driver.execute_script("return window.innerHeight")
    expect(box and box[1] >= 0 and box[1] < height, f"{what}: summary in the viewport",
           f"top inside 0..{height} px", box)
    focused = driver.execute_script("return document.activeElement === arguments[0]", summary)
    expect(focused, f"{what}: focus on the summary", "document.activeElement is the summary",
           driver.execute_script("return document.activeElement.outerHTML.slice(0, 80)"))
    links = [a.get_attribute("href").split("#")[-1] for a in summary.find_elements(By.TAG_NAME, "a")]
    missing = [t for t in links if not css(driver, f"#{t}")]
    expect(links and not missing, f"{what}: summary links to inputs in the page", "a link per problem, each to an id",
           links)


def fetch_budget(url, cookie):
    """A fresh GET (outside the browser, with its session) of an action page; returns dd.budget text."""
    request = urllib.request.Request(url, headers={"Cookie": f"stadshart_sessie={cookie}"})
    with urllib.request.urlopen(request, timeout=WAIT) as resp:
        page = resp.read().decode("utf-8")
    m = re.search(r'<dd class="budget">(.*?)</dd>', page, re.S)
    return norm(html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))) if m else None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def status_of(url, cookie):
    """The HTTP status of a fresh GET (outside the browser, with its session, no redirects followed)."""
    request = urllib.request.Request(url, headers={"Cookie": f"stadshart_sessie={cookie}"})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=WAIT) as resp:
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code


def page_status(driver):
    """The HTTP status of the page the browser shows (Navigation Timing's responseStatus)."""
    return driver.execute_script(
        "const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : null;")


def path_shape(path):
    """/assen/acties/<uuid>/bewerken -> /assen/acties/{id}/bewerken: one page of each kind is enough."""
    path = path.split("?")[0].split("#")[0]
    for pattern, placeholder in SHAPES:
        path = pattern.sub(placeholder, path)
    return path


def local_links(driver, base):
    """Paths (with query) of the links on the page that stay on the site and lead to a page."""
    found = []
    for href in driver.execute_script("return [...document.querySelectorAll('a[href]')]"  # SVG links too
                                      ".map(a => new URL(a.getAttribute('href'), document.baseURI).href)"):
        if not href.startswith(base + "/"):
            continue
        url = urllib.parse.urlsplit(href[len(base):])
        if not NOT_PAGES.search(url.path):
            found.append(url.path + (f"?{url.query}" if url.query else ""))
    return found


# The elements that stick out past the right edge of the viewport while their parent does not: where a
# sideways scroll starts. Each as "tag#id.class (right edge px)", the first few.
STICKING_OUT = """
const edge = document.documentElement.clientWidth + 0.5;
const out = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > edge; };
const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + [...el.classList].map(c => '.' + c).join('');
return [...document.body.querySelectorAll('*')]
    .filter(el => out(el) && !(el.parentElement && el.parentElement !== document.body && out(el.parentElement)))
    .slice(0, 3).map(el => name(el) + ' (' + Math.round(el.getBoundingClientRect().right) + ' px)');
"""


def serious_violations(driver):
    """axe-core's violations of impact serious or critical on the page: [(rule, impact, first target, nodes)]."""
    axe = Axe(driver)
    axe.inject()
    result = axe.run()
    return [(v["id"], v["impact"], " ".join(map(str, v["nodes"][0]["target"])) if v["nodes"] else "", len(v["nodes"]))
            for v in result["violations"] if v.get("impact") in AXE_IMPACTS]


class Checks:
    def __init__(self, driver, base, screenshot, report_pdf=None):
        self.d, self.base, self.screenshot, self.report_pdf = driver, base.rstrip("/"), screenshot, report_pdf
        self.plan_url = self.base + "/assen/jaarplan/2019"
        self.action_url = self.title = self.budget_before = self.cookie = None
        self.monitor_url = f"{self.base}/assen/monitor?date={MONITOR_DAY}"
        self.score_url = f"{self.base}/assen/monitor/indicatoren/{SCORE_KEY}"
        self.score_before = None  # (status, forecast) of the score on MONITOR_DAY before recording
        self.sites = {}  # role -> the paths its crawl found, for the next check that looks at every page
        self.found = {}  # placeholder of ROLES -> what it stands for

    def need(self, value, what):
        if value is None:
            raise CheckFailed(f"not run: needs the {what}")

    def draft_needs_sign_in(self):
        self.d.get(self.plan_url)
        expect("/inloggen" in self.d.current_url, "a draft plan without signing in",
               "a redirect to /inloggen", self.d.current_url)

    def sign_in(self):
        if "/inloggen" not in self.d.current_url:
            self.d.get(self.base + "/inloggen?terug=/assen/jaarplan/2019")
        self.d.find_element(By.ID, "email").send_keys(EMAIL)
        self.d.find_element(By.ID, "password").send_keys(PASSWORD)
        click_and_wait(self.d, self.d.find_element(By.XPATH, "//button[normalize-space()='Inloggen']"))
        cookie = self.d.get_cookie("stadshart_sessie")
        expect(cookie and cookie.get("httpOnly"), "session cookie", "an HttpOnly stadshart_sessie cookie", cookie)
        self.cookie = cookie["value"]
        who = norm(" ".join(e.text for e in css(self.d, "header .who")))
        expect(NAME in who, "signed-in name in the header", NAME, who)

    def plan_page(self):
        self.d.get(self.plan_url)
        if self.screenshot:
            self.d.save_screenshot(self.screenshot)
            print(f"      screenshot saved to {self.screenshot}")
        h1 = norm(self.d.find_element(By.TAG_NAME, "h1").text)
        expect("Jaarplan 2019" in h1, "h1 of the plan page", "'Jaarplan 2019'", h1)
        lines = len(css(self.d, "section.line"))
        expect(lines >= 8, "theme-line sections", ">= 8 section.line", lines)
        rows = len(css(self.d, "table.actions tbody tr"))
        expect(rows >= 30, "action rows", ">= 30 rows in table.actions", rows)
        new = self.d.find_elements(By.LINK_TEXT, "Nieuwe actie")
        expect(new, "link to add an action", "a link 'Nieuwe actie'", "no such link")
        problems = css(self.d, "section.problems")
        text = norm(problems[0].text) if problems else ""
        expect("Wat nog ontbreekt (art. 16)" in text, "art. 16 problems section",
               "section.problems with 'Wat nog ontbreekt (art. 16)'", text[:80] or "no section.problems")
        # adopting is for a board member of each party (Access: bestuur), not for the programme team
        adopt = norm(" ".join(e.text for e in css(self.d, "section#vaststellen")))
        expect("Vaststellen (art. 17)" in adopt and "bestuurslid" in adopt and not css(self.d, "#vaststellen form"),
               "adoption section for the programme team", "#vaststellen saying a board member adopts, without a form",
               adopt[:120] or "no section#vaststellen")

    def open_first_action(self):
        links = css(self.d, "#lijn-A table.actions a[href*='/assen/acties/']")
        expect(links, "first action of theme line A", "a link in #lijn-A table.actions", "no links")
        self.title = norm(links[0].text)
        href = links[0].get_attribute("href")
        click_and_wait(self.d, links[0])
        self.action_url = self.d.current_url
        expect(self.action_url == href, "URL after clicking the action", href, self.action_url)
        expect(css(self.d, "dl.facts"), "facts on the action page", "a dl.facts", "none")
        budget = css(self.d, "dl.facts dd.budget")
        expect(budget, "budget on the action page", "a dd.budget", "none")
        self.budget_before = norm(budget[0].text)
        print(f"      action {self.title!r}, budget now {self.budget_before!r}")

    def edit_form(self):
        self.need(self.action_url, "action page from check 2")
        edit = [a for a in css(self.d, "a.button") if norm(a.text) == "Bewerken"]
        expect(edit, "edit link", "an a.button 'Bewerken'", "none")
        expect(edit[0].get_attribute("href").endswith("/bewerken"), "edit link target",
               "href ending in /bewerken", edit[0].get_attribute("href"))
        click_and_wait(self.d, edit[0])
        value = self.d.find_element(By.ID, "title").get_attribute("value")
        expect(norm(value) == self.title, "#title on the edit form", self.title, value)

    def submit(self, budget):
        field = self.d.find_element(By.ID, "budget")
        field.clear()
        field.send_keys(budget)
        click_and_wait(self.d, self.d.find_element(By.XPATH, "//button[normalize-space()='Opslaan']"))

    def bad_budget(self):
        self.need(self.title, "edit form from check 3")
        expect(self.d.current_url.endswith("/bewerken"), "on the edit form", "URL ending in /bewerken",
               self.d.current_url)
        self.submit(BAD_BUDGET)
        summary = css(self.d, ".error-summary")
        expect(summary, "error summary after a bad budget", ".error-summary on the page", "none")
        print(f"      summary: {norm(summary[0].text)[:70]!r}")
        expect_summary_in_view(self.d, summary[0], "bad budget")
        invalid = self.d.find_element(By.ID, "budget").get_attribute("aria-invalid")
        expect(invalid == "true", "the budget input marked", "aria-invalid=true on #budget", invalid)
        error = css(self.d, "#budget-error")
        text = norm(error[0].text) if error else "no #budget-error"
        expect("geen bedrag" in text, "message next to the budget field", "'geen bedrag' in #budget-error", text)
        value = self.d.find_element(By.ID, "title").get_attribute("value")
        expect(norm(value) == self.title, "title kept after the error", self.title, value)
        stored = fetch_budget(self.action_url, self.cookie)
        expect(stored == self.budget_before, "budget after a rejected save (fresh GET)", self.budget_before, stored)

    def good_budget(self):
        self.need(self.action_url, "action page from check 2")
        if not css(self.d, "#budget"):  # check 4 left us elsewhere: start from the form again
            self.d.get(self.action_url + "/bewerken")
        self.submit(GOOD_BUDGET)
        expect(self.d.current_url == self.action_url, "redirect after saving", self.action_url, self.d.current_url)
        budget = css(self.d, "dl.facts dd.budget")
        shown = norm(budget[0].text) if budget else "no dd.budget"
        expect(shown == GOOD_SHOWN, "budget on the action page", GOOD_SHOWN, shown)

    def history(self):
        self.need(self.action_url, "action page from check 2")
        self.d.get(self.action_url)
        links = self.d.find_elements(By.LINK_TEXT, "Geschiedenis")
        expect(links, "history link on the action page", "a link 'Geschiedenis'", "none")
        click_and_wait(self.d, links[0])
        rows = [norm(r.text) for r in css(self.d, "table.log tbody tr")]
        change = [r for r in rows if GOOD_SHOWN in r and "gewijzigd" in r]
        expect(change, "the budget change in the history", f"a row 'gewijzigd' with {GOOD_SHOWN}", rows[:3])
        expect(NAME in change[0], "who changed it", NAME, change[0])

    def vacancy_map(self):
        self.d.get(self.base + "/assen/kaart?date=2018-01-01")
        dots = css(self.d, "svg.map circle")
        expect(len(dots) > 400, "premises on the map", "> 400 circles in svg.map", len(dots))
        self.d.get(self.base + "/assen/leegstand?date=2018-01-01")
        total = norm(" ".join(e.text for e in css(self.d, "table.figures-table tr.total")))
        expect("21,9 %" in total, "vacancy on 1 January 2018", "21,9 % in the total row", total)

    def import_bad_line(self):
        import os, tempfile
        path = os.path.join(tempfile.mkdtemp(), "panden.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("sleutel;straat;huisnummer;zone;m2_wvo;functie\n"
                    "N0001;Kruisstraat;99;kernwinkelgebied;80;detailhandel\n"
                    "N0002;Kruisstraat;101;kernwinkelgebied;veel;detailhandel\n")
        self.d.get(self.base + "/assen/register/import")
        self.d.find_element(By.ID, "file").send_keys(path)
        click_and_wait(self.d, self.d.find_element(By.XPATH, "//button[normalize-space()='Importeren']"))
        problems = norm(" ".join(e.text for e in css(self.d, "#import-problems")))
        expect("regel 3, m2_wvo" in problems, "the bad line named after an upload", "'regel 3, m2_wvo'", problems[:120])
        self.d.get(self.base + "/assen/panden?street=Kruisstraat")
        rows = norm(" ".join(e.text for e in css(self.d, "table.register tbody tr")))
        expect("Kruisstraat 99" not in rows, "nothing imported", "no Kruisstraat 99 in the register", "it is there")

    def plan_row(self):
        self.need(self.action_url, "action URL from check 2")
        self.d.get(self.plan_url)
        path = self.action_url[len(self.base):]
        rows = self.d.find_elements(By.XPATH, f"//table[contains(@class,'actions')]//tr[.//a[@href='{path}']]")
        expect(rows, "row of the action on the plan page", f"a row linking to {path}", "none")
        money = norm(rows[0].find_element(By.CSS_SELECTOR, "td.money").text)
        expect(money == GOOD_SHOWN, "budget in the plan row", GOOD_SHOWN, money)

    # The monitor. "A steering-group member opens the dashboard and sees in ten seconds which KPIs
    # are behind; records the new appreciation survey score and sees the status and forecast
    # change; prints the report."

    def tiles(self):
        """{key: (tile element, status class, status label)} of the KPI tiles on the page."""
        found = {}
        for tile in css(self.d, ".tiles .tile[id^='kpi-']"):
            status = [c[5:] for c in (tile.get_attribute("class") or "").split() if c.startswith("tile-")]
            label = tile.find_elements(By.CSS_SELECTOR, ".kpi-status")
            found[tile.get_attribute("id")[4:]] = (tile, status[0] if status else None,
                                                    norm(label[0].text) if label else None)
        return found

    def dashboard(self):
        # the size of a laptop screen, so "without scrolling" means something
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 1280, "height": FOLD, "deviceScaleFactor": 1, "mobile": False})
        try:
            self.d.get(f"{self.score_url}?date={MONITOR_DAY}")
            if self.remove_score():  # the score of an earlier run against this server
                print(f"      removed the score of {SCORE_DAY} that an earlier run recorded")
            self.d.get(self.monitor_url)
            loaded = self.d.execute_script(
                "const n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd : null;")
            h1 = norm(self.d.find_element(By.TAG_NAME, "h1").text)
            expect("Monitor" in h1, "h1 of the dashboard", "'Monitor ...'", h1)
            expect(loaded is not None and loaded < 10000, "time to load the dashboard", "under 10 s", loaded)
            print(f"      dashboard loaded in {loaded / 1000:.1f} s")
            tiles = self.tiles()
            expect(len(tiles) == KPIS, "KPI tiles on the dashboard", f"{KPIS} .tile[id^=kpi-]", list(tiles))
            for key, (tile, status, label) in tiles.items():
                box = visible_box(self.d, tile)
                expect(box and box[2] > 100 and box[3] > 50, f"size of tile kpi-{key}", "a visible box > 100x50 px", box)
                badge = tile.find_elements(By.CSS_SELECTOR, ".kpi-status")
                badge_box = visible_box(self.d, badge[0]) if badge else None
                expect(label and badge_box and badge_box[2] > 0 and badge_box[3] > 0,
                       f"status label on tile kpi-{key}", "a visible, non-empty .kpi-status", (label, badge_box))
            summary = css(self.d, "#summary")
            expect(summary, "summary of the dashboard", "a #summary", "none")
            box = visible_box(self.d, summary[0])
            expect(box and box[1] >= 0 and box[1] + box[3] <= FOLD, "#summary without scrolling",
                   f"inside the first {FOLD} px", box)
            first = next(iter(tiles.values()))[0]
            box = visible_box(self.d, first)
            expect(box and box[1] >= 0 and box[1] + box[3] <= FOLD, "first tile without scrolling",
                   f"entirely inside the first {FOLD} px", box)
            above = sum(1 for t, _, _ in tiles.values() if (visible_box(self.d, t) or (0, FOLD))[1] < FOLD)
            badges = [visible_box(self.d, t.find_element(By.CSS_SELECTOR, ".kpi-status")) for t, _, _ in tiles.values()]
            seen = sum(1 for b in badges if b and b[1] + b[3] <= FOLD)
            print(f"      {above} of {len(tiles)} tiles start and {seen} status labels are whole above the fold ({FOLD} px); "
                  "statuses: "
                  + ", ".join(f"{k} {lab}" for k, (_, _, lab) in tiles.items()))
            behind = {tile.find_element(By.CSS_SELECTOR, ".tile-name").text.strip()
                      for tile, status, _ in tiles.values() if status == "behind"}
            named = {norm(a.text) for a in summary[0].find_elements(By.TAG_NAME, "a")}
            text = norm(summary[0].text)
            expect(named == behind, "KPIs named in #summary", f"exactly the behind tiles {sorted(behind)}", sorted(named))
            expect(f"{len(behind)} van {KPIS}" in text, "count in #summary", f"'{len(behind)} van {KPIS} ...'", text[:90])
            _, status, label = tiles.get(SCORE_KEY, (None, None, None))
            expect(status == "behind" and label == "achter", f"tile kpi-{SCORE_KEY} on {MONITOR_DAY}",
                   "class tile-behind, status 'achter'", (status, label))
        finally:
            self.d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def score_state(self):
        """(status, forecast) of the score indicator page that is open."""
        status, forecast = css(self.d, "#status"), css(self.d, "#forecast")
        expect(status and forecast, "status and forecast on the indicator page", "#status and #forecast", self.d.current_url)
        return norm(status[0].text), norm(forecast[0].text)

    def open_score(self):
        if f"/assen/monitor?date={MONITOR_DAY}" not in self.d.current_url:
            self.d.get(self.monitor_url)
        tile = css(self.d, f"#kpi-{SCORE_KEY}")
        expect(tile, "the score's tile", f"#kpi-{SCORE_KEY}", "none")
        click_and_wait(self.d, tile[0])
        path = self.d.current_url[len(self.base):].split("#")[0]
        expect(path.startswith(f"/assen/monitor/indicatoren/{SCORE_KEY}"), "URL after clicking the tile",
               f"/assen/monitor/indicatoren/{SCORE_KEY}", path)
        h1 = norm(self.d.find_element(By.TAG_NAME, "h1").text)
        expect(h1 == SCORE_NAME, "h1 of the indicator page", SCORE_NAME, h1)
        value = norm(" ".join(e.text for e in css(self.d, "#value")))
        expect(value, "latest value on the indicator page", "a non-empty #value", value)
        expect(css(self.d, "figure svg"), "chart on the indicator page", "an svg in a figure", "none")
        expect(css(self.d, "#measurement-form"), "form to record a measurement", "#measurement-form", "none")
        # compare on the day of the dashboard; a measurement of an earlier run of this check goes first
        self.d.get(f"{self.score_url}?date={MONITOR_DAY}")
        removed = self.remove_score()
        self.score_before = self.score_state()
        print(f"      on {MONITOR_DAY}: {self.score_before[0]!r}, forecast {self.score_before[1]!r}"
              + (" (removed the score of an earlier run first)" if removed else ""))
        expect(self.score_before[0] == "achter", f"status on {MONITOR_DAY} before recording", "'achter'",
               self.score_before[0])

    def remove_score(self):
        """Deletes the binnenstad's score on SCORE_DAY if an earlier run left it (through its
        confirmation page); True if it did."""
        rows = self.d.find_elements(
            By.XPATH, f"//table[contains(@class,'measurements')]//tr[td[1][normalize-space()='{SCORE_DAY_SHOWN}']]"
                      "[td[2][normalize-space()='Binnenstad Assen']]")
        if not rows:
            return False
        links = rows[0].find_elements(By.XPATH, ".//a[starts-with(normalize-space(), 'Verwijderen')]")
        expect(links, f"'Verwijderen…' on the measurement of {SCORE_DAY}", "a link", "none")
        click_and_wait(self.d, links[0])
        click_and_wait(self.d, self.d.find_element(By.XPATH, "//button[normalize-space()='Ja, meting verwijderen']"))
        self.d.get(f"{self.score_url}?date={MONITOR_DAY}")
        return True

    def record_score(self, value, day=None):
        form = self.d.find_element(By.ID, "measurement-form")
        if day:
            # A date input takes its value as an ISO day; typing would follow the browser's locale.
            field = form.find_element(By.ID, "datum")
            self.d.execute_script("arguments[0].value = arguments[1]", field, day)
        field = form.find_element(By.ID, "waarde")
        field.clear()
        field.send_keys(value)
        click_and_wait(self.d, form.find_element(By.XPATH, ".//button[normalize-space()='Opslaan']"))

    def bad_score(self):
        self.need(self.score_before, "indicator page from check 13")
        self.d.get(f"{self.score_url}?date={MONITOR_DAY}")
        self.record_score(BAD_SCORE, SCORE_DAY)
        problems = norm(" ".join(e.text for e in css(self.d, "#measurement-problems")))
        expect("Waarde:" in problems and "tussen" in problems, "message after a score of 12",
               "#measurement-problems naming 'Waarde:' ('... ligt tussen ...')", problems[:120] or "no #measurement-problems")
        print(f"      {problems[:90]!r}")
        expect_summary_in_view(self.d, css(self.d, "#measurement-problems")[0], "score of 12")
        kept = self.d.find_element(By.ID, "waarde").get_attribute("value")
        expect(kept == BAD_SCORE, "the refused value kept in the form", BAD_SCORE, kept)
        self.d.get(f"{self.score_url}?date={MONITOR_DAY}")
        after = self.score_state()
        expect(after == self.score_before, "status and forecast after a refused score", self.score_before, after)

    def good_score(self):
        self.need(self.score_before, "indicator page from check 13")
        self.d.get(f"{self.score_url}?date={MONITOR_DAY}")
        self.record_score(GOOD_SCORE, SCORE_DAY)
        if "staat al" in norm(" ".join(e.text for e in css(self.d, "#measurement-problems"))):
            self.d.get(f"{self.score_url}?date={MONITOR_DAY}")  # left over after all: remove it and retry
            self.remove_score()
            self.record_score(GOOD_SCORE, SCORE_DAY)
        problems = norm(" ".join(e.text for e in css(self.d, "#measurement-problems")))
        expect(not problems, f"recording {GOOD_SCORE} on {SCORE_DAY}", "no #measurement-problems", problems[:120])
        path = self.d.current_url[len(self.base):]
        expect(path == f"/assen/monitor/indicatoren/{SCORE_KEY}#metingen", "redirect after recording",
               f"/assen/monitor/indicatoren/{SCORE_KEY}#metingen", path)
        row = self.d.find_elements(
            By.XPATH, f"//table[contains(@class,'measurements')]//tr[td[1][normalize-space()='{SCORE_DAY_SHOWN}']]")
        shown = norm(row[0].text) if row else "no row"
        expect(GOOD_SCORE in shown and NAME in shown, "the new measurement in the table",
               f"a row {SCORE_DAY} with {GOOD_SCORE} by {NAME}", shown)
        self.d.get(f"{self.score_url}?date={MONITOR_DAY}")
        status, forecast = self.score_state()
        print(f"      on {MONITOR_DAY} now: {status!r}, forecast {forecast!r}")
        expect(status == "op koers", f"status on {MONITOR_DAY} after recording {GOOD_SCORE}", "'op koers'", status)
        expect(forecast != self.score_before[1], "forecast after recording", f"not {self.score_before[1]!r}", forecast)
        self.d.get(self.monitor_url)
        _, status, label = self.tiles().get(SCORE_KEY, (None, None, None))
        expect(status == "on-course" and label == "op koers", f"tile kpi-{SCORE_KEY} on the dashboard",
               "class tile-on-course, status 'op koers'", (status, label))
        summary = norm(" ".join(e.text for e in css(self.d, "#summary a")))
        expect(SCORE_NAME not in summary, "#summary after recording", f"no longer naming {SCORE_NAME}", summary)

    def report(self):
        self.d.get(self.monitor_url)
        link = self.d.find_elements(By.PARTIAL_LINK_TEXT, "Stand van de binnenstad")
        expect(link, "link to the report on the dashboard", "a link 'Stand van de binnenstad (afdrukken)'", "none")
        click_and_wait(self.d, link[0])
        path = self.d.current_url[len(self.base):]
        expect(path == f"/assen/monitor/verslag?date={MONITOR_DAY}", "URL of the report",
               f"/assen/monitor/verslag?date={MONITOR_DAY}", path)
        h1 = norm(self.d.find_element(By.TAG_NAME, "h1").text)
        expect(h1 == "Stand van de binnenstad", "h1 of the report", "'Stand van de binnenstad'", h1)
        rows = css(self.d, "#report-kpis tbody tr")
        expect(len(rows) == KPIS, "KPI rows in the report", f"{KPIS} rows in #report-kpis", len(rows))
        statuses = [norm(r.find_element(By.CSS_SELECTOR, ".kpi-status").text) for r in rows]
        expect(all(statuses), "a status on every KPI row", "non-empty .kpi-status", statuses)
        lines = css(self.d, ".report-plan h3")
        actions = css(self.d, ".report-plan table.report-actions tr")
        expect(len(lines) >= 8 and len(actions) >= 30, "actions per theme line in the report",
               ">= 8 theme lines, >= 30 actions", (len(lines), len(actions)))
        pdf = base64.b64decode(self.d.execute_cdp_cmd(
            "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})["data"])
        if self.report_pdf:
            with open(self.report_pdf, "wb") as f:
                f.write(pdf)
            print(f"      PDF saved to {self.report_pdf}")
        expect(pdf.startswith(b"%PDF"), "the printed report", "a PDF", pdf[:8])
        pages, boxes = pdf_facts(pdf)
        a4 = all(abs(w - A4[0]) <= 2 and abs(h - A4[1]) <= 2 for w, h in boxes)
        expect(boxes and a4, "page size of the printed report", f"A4, {A4[0]} x {A4[1]} pt", sorted(set(boxes)))
        print(f"      PDF: {len(pdf)} bytes, {pages} page(s) of {boxes[0][0]:.1f} x {boxes[0][1]:.1f} pt")
        expect(1 <= pages <= MAX_REPORT_PAGES, "pages of the printed report", f"1 to {MAX_REPORT_PAGES}", pages)

    def report_print(self):
        url = f"{self.base}/assen/monitor/verslag?date={MONITOR_DAY}"
        if self.d.current_url != url:
            self.d.get(url)
        bar = css(self.d, ".screen-only")
        expect(bar and visible_box(self.d, bar[0]), "the screen-only bar on screen", "a displayed .screen-only", "none")
        self.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            shown = [e for e in css(self.d, ".screen-only") if e.is_displayed()]
            expect(not shown, ".screen-only when printing", "not displayed", norm(shown[0].text)[:60] if shown else "")
            expect(self.d.find_element(By.TAG_NAME, "h1").is_displayed(), "h1 when printing", "displayed", "hidden")
            # nothing of the screen bar may reach the paper: no controls, no "print with Ctrl+P"
            shown = [e.tag_name for e in css(self.d, "form, input, button, select") if e.is_displayed()]
            text = self.d.execute_script("return document.body.innerText")
            leaks = [t for t in ("Ctrl+P", "Toon", "← Monitor") if t in text]
            expect(not shown and not leaks, "screen controls when printing",
                   "no form, input or button and none of 'Ctrl+P', 'Toon', '← Monitor'", (shown, leaks))
        finally:
            self.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    def public_progress(self):
        saved = self.d.get_cookies()
        self.d.delete_all_cookies()  # an anonymous visitor
        try:
            self.d.get(self.base + "/assen/voortgang")
            path = self.d.current_url[len(self.base):]
            expect(path == "/assen/voortgang", "the public page without signing in", "no redirect", path)
            who = norm(" ".join(e.text for e in css(self.d, "header .who")))
            expect(NAME not in who, "anonymous on the public page", "no signed-in name in the header", who)
            tiles = self.tiles()
            labels = [label for _, _, label in tiles.values()]
            expect(len(tiles) == KPIS and all(labels), "KPI tiles on the public page",
                   f"{KPIS} tiles, each with a status", labels)
            expect(all(visible_box(self.d, t) for t, _, _ in tiles.values()), "KPI tiles displayed", "all", "some hidden")
            source = self.d.page_source
            for internal in ("synthetisch (demo)", "Toelichting", "Verwijderen"):
                expect(internal not in source, "internal things on the public page", f"no {internal!r}", "it is there")
            links = [a.get_attribute("href") for a in css(self.d, ".tiles a")]
            expect(not links, "links from the public tiles", "none (the indicator pages are internal)", links[:2])
        finally:
            for cookie in saved:
                self.d.add_cookie(cookie)

    # Issue 12: the premises filter with its defaults, the pages that ask first, an ondernemer's path to
    # their business, and every page of the demo at phone width and through axe-core.

    def premises_rows(self):
        """[(address, href)] of the rows of the premises list that is open."""
        return [(norm(a.text), a.get_attribute("href")) for a in css(self.d, "table.register tbody tr td:first-child a")]

    def filter_premises(self, street=None):
        """Presses 'Filter' on the premises list, after choosing a street if given; returns the rows."""
        form = css(self.d, "form.filters")
        expect(form, "the filter form on the premises list", "a form.filters", self.d.current_url)
        if street:
            Select(form[0].find_element(By.NAME, "street")).select_by_visible_text(street)
        click_and_wait(self.d, form[0].find_element(By.XPATH, ".//button[normalize-space()='Filter']"))
        path = self.d.current_url[len(self.base):]
        expect(path.startswith("/assen/panden?"), "URL after 'Filter'", "/assen/panden?<the form's fields>", path)
        text = norm(self.d.find_element(By.TAG_NAME, "main").text)
        expect("Geen panden met deze filters" not in text, f"the list after 'Filter' ({street or 'the defaults'})",
               "premises, not 'Geen panden met deze filters'", text[:160])
        rows = self.premises_rows()
        odd = [href for _, href in rows if not re.search(r"/assen/panden/P\d+$", href)]
        expect(rows and not odd, f"rows after 'Filter' ({street or 'the defaults'})",
               "rows, each linking to /assen/panden/P...", odd[:3] or "no rows")
        return rows

    def premises_filter(self):
        """'Filter' with the defaults keeps the whole list; only a street lists that street's premises."""
        self.d.get(self.base + "/assen/panden")
        before = self.premises_rows()
        expect(before, "the premises list", "rows in table.register", "none")
        rows = self.filter_premises()
        expect(rows == before, "the list after 'Filter' with the defaults", f"the same {len(before)} rows as before",
               f"{len(rows)} rows, from {rows[0][0]!r}")
        rows = self.filter_premises(STREET)
        others = [address for address, _ in rows if not address.startswith(STREET + " ")]
        expect(not others, f"the list after choosing only street {STREET}", f"every address '{STREET} ...'", others[:5])
        chosen = Select(self.d.find_element(By.NAME, "street")).first_selected_option.text
        expect(chosen == STREET, "the street kept in the filter", STREET, chosen)
        print(f"      defaults: {len(before)} rows; {STREET}: {len(rows)} rows")

    def first_link(self, path, pattern):
        """The first group of the first link on the page at path whose path matches pattern."""
        self.d.get(self.base + path)
        for link in local_links(self.d, self.base):
            m = re.fullmatch(pattern, link)
            if m:
                return m.group(1)
        raise CheckFailed(f"no link matching {pattern} on {path} (signed in as whom?)")

    def placeholder(self, key):
        """What {action} and {account} in ROLES stand for, looked up once (signed in as someone who may)."""
        if key not in self.found:
            where, pattern = {"action": ("/assen/jaarplan/2019", rf"(/assen/acties/{UUID})"),
                              "account": ("/assen/beheer/accounts", rf"(/assen/beheer/accounts/{UUID})")}[key]
            self.found[key] = self.first_link(where, pattern).rsplit("/", 1)[-1]
        return self.found[key]

    def press(self, label, within=None):
        """Clicks the button with this label (in within, or anywhere) and waits for the next page."""
        buttons = (within or self.d).find_elements(By.XPATH, f".//button[normalize-space()='{label}']")
        expect(buttons, f"button '{label}'", "on the page", self.d.current_url)
        click_and_wait(self.d, buttons[0])

    def expect_ask_page(self, h1_end, yes, back):
        """The page that asks first: its h1 ends so, 'yes' posts, and the 'Nee, terug' link leads to back."""
        h1 = norm(self.d.find_element(By.TAG_NAME, "h1").text)
        expect(h1.endswith(h1_end), "h1 of the page that asks first", f"'... {h1_end}'", h1)
        buttons = self.d.find_elements(By.XPATH, f"//form//button[normalize-space()='{yes}']")
        method = buttons[0].find_element(By.XPATH, "ancestor::form").get_attribute("method") if buttons else None
        expect(method == "post", f"button '{yes}'", "a button in a form that posts", method or "no such button")
        no = self.d.find_elements(By.LINK_TEXT, "Nee, terug")
        expect(no and no[0].get_attribute("href") == back, "link 'Nee, terug'", back,
               no[0].get_attribute("href") if no else "none")
        return h1, no[0]

    def ask_first(self):
        """Deleting an action and starting next year's plan ask first; 'Nee, terug' changes nothing."""
        action = self.action_url or self.base + "/assen/acties/" + self.placeholder("action")
        self.d.get(action)
        title = norm(self.d.find_element(By.TAG_NAME, "h1").text)
        link = self.d.find_elements(By.LINK_TEXT, "Actie verwijderen…")
        expect(link, "link to delete the action", "a link 'Actie verwijderen…'", "none")
        click_and_wait(self.d, link[0])
        expect(self.d.current_url == action + "/verwijderen", "URL of the page that asks first",
               action + "/verwijderen", self.d.current_url)
        h1, no = self.expect_ask_page("verwijderen?", "Ja, actie verwijderen", action)
        expect(title in h1, "the action named in the question", f"'{title}' in the h1", h1)
        click_and_wait(self.d, no)
        expect(self.d.current_url == action, "URL after 'Nee, terug'", action, self.d.current_url)
        after = norm(self.d.find_element(By.TAG_NAME, "h1").text)
        expect(after == title, "the action after 'Nee, terug'", title, after)

        self.d.get(self.plan_url)
        link = self.d.find_elements(By.PARTIAL_LINK_TEXT, "Jaarplan 2020 starten")
        target = self.plan_url + "/volgend-jaar"
        expect(link and link[0].get_attribute("href") == target, "link to start next year's plan", target,
               link[0].get_attribute("href") if link else "none")
        click_and_wait(self.d, link[0])
        self.expect_ask_page("Jaarplan 2020 starten?", "Ja, jaarplan 2020 starten", self.plan_url)
        self.d.refresh()  # a second look changes nothing either
        cookie = self.d.get_cookie("stadshart_sessie")["value"]
        status = status_of(self.base + "/assen/jaarplan/2020", cookie)
        expect(status == 404, "/assen/jaarplan/2020 after only asking", "404: no plan 2020", status)
        self.d.get(self.plan_url)
        links = [a for a in local_links(self.d, self.base) if a.startswith("/assen/jaarplan/2020")]
        expect(not links, "links to a plan 2020 on the plan page", "none", links[:3])

    def events_portal(self):
        """A visitor on a phone finds what is on in the portal, opens an event with its schema.org
        data, and subscribes to the feed (a real iCalendar file)."""
        saved = self.d.get_cookies()
        try:
            self.become(None)
            def look():
                self.d.get(self.base + "/assen/evenementen")
                headings = [norm(h.text) for h in css(self.d, "main h2")]
                expect(any(h.startswith("Dit weekend") for h in headings)
                       and any(h.startswith("Volgend weekend") for h in headings), "the portal's sections",
                       "'Dit weekend …' and 'Volgend weekend …' among the headings", headings)
                links = [a for a in local_links(self.d, self.base) if re.fullmatch(rf"/assen/evenementen/{UUID}", a)]
                expect(links, "events in the portal", "links to /assen/evenementen/<id>", "none")
                self.d.get(self.base + links[0])
                data = css(self.d, "script[type='application/ld+json']")
                expect(data, "schema.org data on the event page", "a script application/ld+json", "none")
                event = json.loads(data[0].get_attribute("innerHTML"))
                expect(event.get("@type") == "Event" and event.get("name"), "the event's JSON-LD",
                       "@type Event with a name", event)
                width = self.d.execute_script("return document.documentElement.scrollWidth")
                expect(width <= PHONE[0], "the event page's width on a phone", f"<= {PHONE[0]}", width)
                self.d.get(self.base + "/assen/evenementen")
                feed = self.d.find_elements(By.PARTIAL_LINK_TEXT, "alle evenementen (iCalendar)")
                expect(feed, "the feed's link", "a link 'alle evenementen (iCalendar)'", "none")
                return feed[0].get_attribute("href")
            href = self.at_phone_width(look)
            with urllib.request.urlopen(href, timeout=WAIT) as resp:
                body = resp.read().decode("utf-8")
                kind = resp.headers.get("Content-Type", "")
            expect(kind.startswith("text/calendar") and body.startswith("BEGIN:VCALENDAR\r\n"),
                   "the feed", "text/calendar starting BEGIN:VCALENDAR", (kind, body[:30]))
            print(f"      feed: {body.count('BEGIN:VEVENT')} events")
        finally:
            self.restore(saved)

    def events_import(self):
        """The coordinator imports the next version of the regional calendar: one added, one
        changed, one removed, nothing doubled."""
        self.d.get(self.base + "/assen/kalender/import")
        Select(self.d.find_element(By.ID, "calendar")).select_by_value("regio-drenthe")
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Resources", "Demo", "regio-drenthe-v2.ics")
        self.d.find_element(By.ID, "file").send_keys(os.path.abspath(path))
        self.press("Importeren")
        summary = norm(" ".join(e.text for e in css(self.d, ".saved")))
        expect("1 nieuw, 1 gewijzigd" in summary and "1 verwijderd" in summary, "the import's summary",
               "'regio-drenthe: 1 nieuw, 1 gewijzigd, … 1 verwijderd'", summary)
        print(f"      {summary}")

    def events_conflict(self):
        """The month of the TT marks days with warnings; the coordinator acknowledges one with a reason."""
        self.d.get(self.base + "/assen/kalender?maand=2019-06")
        expect(css(self.d, ".month-day.warned"), "days with warnings in June 2019", "a .month-day.warned", "none")
        forms = [f for f in css(self.d, "section.warning form")]
        expect(forms, "a warning to acknowledge", "a form in a section.warning", "none")
        section = forms[0].find_element(By.XPATH, "ancestor::section")
        text = norm(section.text).split(" Erkennen")[0]
        forms[0].find_element(By.NAME, "reason").send_keys("Besproken met beide organisatoren")
        self.press("Erkennen", forms[0])
        notice = norm(" ".join(e.text for e in css(self.d, ".saved")))
        expect("erkend" in notice, "the notice after acknowledging", "'Waarschuwing erkend …'", notice)
        reasons = [norm(e.text) for e in css(self.d, "section.warning.acknowledged")]
        expect(any("Besproken met beide organisatoren" in r for r in reasons), "the acknowledged warning",
               "a section.warning.acknowledged with the reason", reasons[:2])
        print(f"      acknowledged: {text[:90]}")
        # A warning about events shows on each event's own page too.
        about = [(norm(w.find_element(By.TAG_NAME, "strong").text), w.find_elements(By.CSS_SELECTOR, "p.small a"))
                 for w in css(self.d, "section.warning")]
        about = [(head, links[0].get_attribute("href")) for head, links in about if links]
        expect(about, "a warning that names its events", "a section.warning with event links", "none")
        self.d.get(about[0][1])
        shown = [norm(e.text) for e in css(self.d, "#waarschuwingen .warning")]
        expect(any(about[0][0] in w for w in shown), "the event's own page",
               f"its warnings, '{about[0][0]}' among them", shown[:2])

    def set_date(self, field_id, iso):
        """A date field, set as the browser's date picker would (its typing order follows the locale)."""
        field = self.d.find_element(By.ID, field_id)
        self.d.execute_script("arguments[0].value = arguments[1]", field, iso)

    def events_proposal(self):
        """An organiser signs in, proposes an event (no status or organiser to choose), and sees it wait;
        the coordinator approves it from the proposals page; the organiser sees it approved."""
        saved = self.d.get_cookies()
        try:
            self.become(ORGANISER)
            link = self.d.find_elements(By.LINK_TEXT, "Evenement voorstellen")
            expect(link, "the organiser's start page", "a link 'Evenement voorstellen'", self.d.current_url)
            click_and_wait(self.d, link[0])
            expect(not css(self.d, "#status") and not css(self.d, "select#organiser"), "the organiser's form",
                   "no status and no organiser to choose", self.d.current_url)
            self.d.find_element(By.ID, "title").send_keys(PROPOSAL)
            Select(self.d.find_element(By.ID, "category")).select_by_value("cultuur")
            self.set_date("firstDay", "2020-07-11")
            self.d.find_element(By.ID, "startTime").send_keys("14:00")
            self.d.find_element(By.ID, "endTime").send_keys("17:00")
            Select(self.d.find_element(By.ID, "place")).select_by_value("brink")
            self.press("Voorstel opslaan")
            notice = norm(" ".join(e.text for e in css(self.d, ".saved")))
            expect("verstuurd" in notice, "the notice after proposing", "'Voorstel … verstuurd …'", notice)
            waiting = [norm(r.text) for r in css(self.d, "main table tr") if PROPOSAL in r.text]
            expect(waiting, "the proposal in the organiser's list", f"a row with '{PROPOSAL}'", "none")
            print(f"      proposed: {waiting[0][:90]}")
        finally:
            self.restore(saved)
        self.d.get(self.base + "/assen/voorstellen")
        rows = [r for r in css(self.d, "main table tr") if PROPOSAL in r.text]
        expect(rows, "the proposal on the coordinator's page", f"a row with '{PROPOSAL}'", "none")
        self.press("Goedkeuren", rows[0])
        notice = norm(" ".join(e.text for e in css(self.d, ".saved")))
        expect("goedgekeurd" in notice, "the notice after approving", "'Voorstel … goedgekeurd …'", notice)
        saved = self.d.get_cookies()
        try:
            self.become(ORGANISER)
            self.d.get(self.base + "/assen/voorstellen")
            rows = [norm(r.text) for r in css(self.d, "main table tr") if PROPOSAL in r.text]
            expect(rows and "goedgekeurd" in rows[0], "the organiser's list after approval",
                   f"'{PROPOSAL}' goedgekeurd", rows)
            print(f"      {notice}")
        finally:
            self.restore(saved)

    def sub_action(self):
        """The Koopmansplein shows its four sub-actions; 'Deelactie toevoegen' opens the form with the
        parent chosen; the new one names its parent, and the parent counts five."""
        self.d.get(self.base + "/assen/jaarplan/2019")
        rows = [norm(r.text) for r in css(self.d, "tr.sub-action")]
        expect(len(rows) >= 20, "sub-action rows on the plan page", "at least 20 (part B has 20)", len(rows))
        click_and_wait(self.d, self.d.find_element(By.LINK_TEXT, SQUARE))
        subs = css(self.d, "#deelacties li")
        expect(len(subs) == 4, "the Koopmansplein's sub-actions", 4, len(subs))
        click_and_wait(self.d, self.d.find_element(By.LINK_TEXT, "Deelactie toevoegen"))
        chosen = Select(self.d.find_element(By.ID, "parent")).first_selected_option.text
        expect(chosen == SQUARE, "the parent in the new action's form", SQUARE, chosen)
        self.d.find_element(By.ID, "title").send_keys(SUB_ACTION)
        self.press("Opslaan")
        notice = norm(" ".join(e.text for e in css(self.d, ".saved")))
        expect("toegevoegd" in notice, "the notice after saving", "'Actie toegevoegd …'", notice)
        parent = norm(" ".join(e.text for e in css(self.d, "main p.small")))
        expect(f"Deelactie van {SQUARE}" in parent, "the new sub-action's page", f"'Deelactie van {SQUARE}'", parent)
        click_and_wait(self.d, self.d.find_element(By.LINK_TEXT, SQUARE))
        progress = norm(self.d.find_element(By.ID, "deelacties").text)
        expect("van 5 deelacties afgerond" in progress and SUB_ACTION in progress, "the parent's sub-actions",
               f"five, with '{SUB_ACTION}'", progress[:120])
        print(f"      {progress[:90]}")

    def programme(self):
        """The economic agenda lists its yearly programme; it opens as a plan of its own kind."""
        self.d.get(self.base + "/assen/economische-agenda")
        click_and_wait(self.d, self.d.find_element(By.LINK_TEXT, "Uitvoeringsprogramma 2020"))
        h1 = norm(self.d.find_element(By.TAG_NAME, "h1").text)
        expect(h1 == "Uitvoeringsprogramma 2020", "the programme's page", "h1 'Uitvoeringsprogramma 2020'", h1)
        rows = css(self.d, "table.actions tbody tr")
        expect(len(rows) == 12, "the programme's actions", 12, len(rows))
        rule = norm(self.d.find_element(By.ID, "vaststellen").text)
        expect("college van B&W" in rule, "who adopts the programme", "the college alone", rule[:120])

    def become(self, email):
        """Signs in as email with a fresh cookie jar; None: an anonymous visitor."""
        self.d.delete_all_cookies()
        if email is None:
            return
        self.d.get(self.base + "/inloggen")
        self.d.find_element(By.ID, "email").send_keys(email)
        self.d.find_element(By.ID, "password").send_keys(PASSWORD)
        self.press("Inloggen")
        expect(self.d.get_cookie("stadshart_sessie") and "/inloggen" not in self.d.current_url,
               f"signing in as {email}", "a session and a page other than /inloggen", self.d.current_url)

    def restore(self, cookies):
        """Back to the browser's earlier session (the programme team's)."""
        self.d.delete_all_cookies()
        for cookie in cookies:
            self.d.add_cookie(cookie)

    def business_jobs(self):
        """The job count in the facts of the business page that is open."""
        dd = self.d.find_elements(
            By.XPATH, "//dl[contains(@class,'facts')]/dt[starts-with(normalize-space(),'Banen')]/following-sibling::dd[1]")
        expect(dd, "jobs in the facts", "a dl.facts with dt 'Banen ...' and its dd", self.d.current_url)
        return norm(dd[0].text)

    def save_jobs(self, jobs):
        field = self.d.find_element(By.ID, "jobs")
        field.clear()
        field.send_keys(jobs)
        self.press("Opslaan", field.find_element(By.XPATH, "ancestor::form"))

    def ondernemer_path(self):
        """Sign in as the ondernemer, one click to their business, save a job count; 'vijf' is refused."""
        saved = self.d.get_cookies()
        try:
            self.become(ONDERNEMER)
            path = self.d.current_url[len(self.base):]
            expect(path == "/assen", "where the ondernemer lands after signing in", "/assen", path)
            heads = [norm(h.text) for h in css(self.d, "main h2") if norm(h.text).startswith("Uw vestiging: ")]
            expect(heads, "the ondernemer's business on the start page", "an h2 'Uw vestiging: <name>'",
                   [norm(h.text) for h in css(self.d, "main h2")])
            name = heads[0][len("Uw vestiging: "):]
            link = self.d.find_elements(By.LINK_TEXT, f"{name} bijwerken")
            expect(link and link[0].get_attribute("href") == self.base + BUSINESS_PATH, f"link '{name} bijwerken'",
                   BUSINESS_PATH, link[0].get_attribute("href") if link else "none")
            click_and_wait(self.d, link[0])
            h1 = norm(self.d.find_element(By.TAG_NAME, "h1").text)
            expect(h1 == name, "h1 of the business page", name, h1)
            before = self.business_jobs()
            expect(before.isdigit() and css(self.d, "form #jobs"), "jobs and the form on the business page",
                   "a number in the facts and a form with #jobs", before)
            jobs = str(int(before) + 1)
            self.save_jobs(jobs)
            path = self.d.current_url[len(self.base):]
            expect(path == BUSINESS_PATH, "back on the business page after saving", BUSINESS_PATH, path)
            notice = [n for n in css(self.d, ".saved") if n.is_displayed()]
            expect(notice and notice[0].get_attribute("role") == "status" and norm(notice[0].text),
                   "what saving did", "a displayed .saved with role=status and text", notice and notice[0].text)
            print(f"      jobs {before} -> {jobs}: {norm(notice[0].text)!r}")
            shown = self.business_jobs()
            expect(shown == jobs, "jobs in the facts after saving", jobs, shown)
            self.save_jobs("vijf")
            status = page_status(self.d)
            expect(status == 422, "the answer to jobs 'vijf'", "422", status)
            summary = css(self.d, ".error-summary")
            expect(summary, "error summary after jobs 'vijf'", ".error-summary on the page", "none")
            expect_summary_in_view(self.d, summary[0], "jobs 'vijf'")
            shown = self.business_jobs()
            expect(shown == jobs, "jobs in the facts after a refused count", f"{jobs} (stored), not 'vijf'", shown)
            expect(not [n for n in css(self.d, ".saved") if n.is_displayed()], "a refused save", "no .saved notice",
                   "one is shown")
            cookie = self.d.get_cookie("stadshart_sessie")["value"]
            self.press("Uitloggen", self.d.find_element(By.TAG_NAME, "header"))
            status = status_of(self.base + BUSINESS_PATH, cookie)
            expect(status == 303, "the ondernemer's session after 'Uitloggen'", "ended: 303 to /inloggen", status)
        finally:
            self.restore(saved)

    def each_page(self, visit):
        """Calls visit(role, path) on every page of every role of ROLES, signed in as that role. The pages are
        found once, by crawling, and remembered for the next check. Ends in the programme team's session."""
        saved = self.d.get_cookies()
        try:
            for role, email, must in ROLES:
                self.become(email)
                if role not in self.sites:
                    seeds = [re.sub(r"\{(\w+)\}", lambda m: self.placeholder(m.group(1)), p) for p in must]
                    self.sites[role] = self.crawl(seeds, lambda path: visit(role, path))
                    continue
                for path in self.sites[role]:
                    self.d.get(self.base + path)
                    visit(role, path)
        finally:
            self.restore(saved)

    def crawl(self, seeds, visit):
        """Visits the seeds, then the pages their links lead to, one page of each shape, CRAWL_LIMIT at most."""
        seen, pages, queue = set(), [], list(seeds)
        while queue and len(pages) < CRAWL_LIMIT:
            path = queue.pop(0)
            if path_shape(path) in seen:
                continue
            seen.add(path_shape(path))
            self.d.get(self.base + path)
            seen.add(path_shape(self.d.current_url[len(self.base):]))  # where a redirect led
            pages.append(path)
            visit(path)
            queue += [p for p in local_links(self.d, self.base) if path_shape(p) not in seen]
        return pages

    def at_phone_width(self, then):
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 1, "mobile": True})
        try:
            return then()
        finally:
            self.d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def phone_width(self):
        """Every page, for every role, fits a 360 px phone: document.documentElement.scrollWidth <= 360."""
        offenders, seen = [], []

        def visit(role, path):
            seen.append(path)
            width = self.d.execute_script("return document.documentElement.scrollWidth")
            if width > PHONE[0]:
                where = ", ".join(self.d.execute_script(STICKING_OUT)) or "?"
                offenders.append(f"{role} {path}: {width} px; sticking out: {where}")

        self.at_phone_width(lambda: self.each_page(visit))
        print(f"      {len(seen)} pages at {PHONE[0]} px: "
              + ", ".join(f"{role} {len(paths)}" for role, paths in self.sites.items()))
        if offenders:
            raise CheckFailed(f"{len(offenders)} page(s) wider than {PHONE[0]} px (scrollWidth):\n        "
                              + "\n        ".join(offenders))

    def axe_core(self):
        """axe-core finds no serious or critical violation on any of those pages, at 1280 and 360 px."""
        problems, seen = [], []

        def at(width):
            def visit(role, path):
                seen.append(path)
                for rule, impact, target, nodes in serious_violations(self.d):
                    more = f" (and {nodes - 1} more)" if nodes > 1 else ""
                    problems.append(f"{width} px, {role} {path}: {rule} ({impact}) at {target}{more}")
            return visit

        self.each_page(at(DESKTOP))
        self.at_phone_width(lambda: self.each_page(at(PHONE[0])))
        print(f"      {len(seen)} page views of {len(ROLES)} roles at {DESKTOP} and {PHONE[0]} px")
        if problems:
            raise CheckFailed(f"{len(problems)} serious or critical axe-core violation(s):\n        "
                              + "\n        ".join(problems))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", nargs="?", default="http://127.0.0.1:8080")
    parser.add_argument("--screenshot", metavar="PATH")
    parser.add_argument("--report-pdf", metavar="PATH", help="save the printed monitor report here")
    args = parser.parse_args()

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,2000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(WAIT)
    c = Checks(driver, args.base, args.screenshot, args.report_pdf)
    checks = [
        ("a draft plan asks an anonymous visitor to sign in", c.draft_needs_sign_in),
        ("signing in as the programme team", c.sign_in),
        ("plan page shows the year plan, theme lines, actions and art. 16 section", c.plan_page),
        ("first action of theme line A opens with its facts", c.open_first_action),
        ("'Bewerken' opens the form with the action's title", c.edit_form),
        ("a bad budget is refused with a Dutch message, nothing lost or saved", c.bad_budget),
        (f"budget {GOOD_BUDGET} is saved and shown on the action page", c.good_budget),
        ("the plan page row shows the new budget", c.plan_row),
        ("the action's history shows who changed the budget", c.history),
        ("the vacancy map and figures of the register", c.vacancy_map),
        ("an upload with a bad line is refused whole, naming the line", c.import_bad_line),
        (f"the monitor on {MONITOR_DAY} shows {KPIS} KPI tiles and which are behind, without scrolling", c.dashboard),
        ("the score's tile opens its indicator page with status, forecast, chart and form", c.open_score),
        (f"a score of {BAD_SCORE} is refused with a Dutch message, the status unchanged", c.bad_score),
        (f"score {GOOD_SCORE} on {SCORE_DAY} is saved: 'achter' becomes 'op koers', the forecast changes", c.good_score),
        ("the printable report has the KPIs and actions per theme line and prints on A4", c.report),
        ("printing the report leaves out the screen bar and its controls", c.report_print),
        ("the public progress page shows the KPIs to anyone, without internal notes", c.public_progress),
        ("'Filter' with the defaults lists the premises; a street alone lists that street's", c.premises_filter),
        ("deleting an action and starting next year's plan ask first; 'Nee, terug' changes nothing", c.ask_first),
        ("an ondernemer signs in, finds their business, saves the jobs; 'vijf' is refused", c.ondernemer_path),
        ("a visitor finds what is on, opens an event (schema.org) and gets the iCalendar feed", c.events_portal),
        ("the coordinator imports the regional calendar's next version: added, changed, removed", c.events_import),
        ("June 2019 marks days with warnings; one is acknowledged with a reason; an event shows its own", c.events_conflict),
        ("an organiser proposes an event and the coordinator approves it", c.events_proposal),
        ("the Koopmansplein has its sub-actions; a new one is added under it from its page", c.sub_action),
        ("the economic agenda's yearly programme opens as a plan adopted by the college alone", c.programme),
        (f"no page scrolls sideways at {PHONE[0]} px, as {', '.join(r for r, _, _ in ROLES)}", c.phone_width),
        (f"axe-core finds nothing serious or critical on those pages at {DESKTOP} and {PHONE[0]} px", c.axe_core),
    ]
    passed = failed = 0
    print(f"Browser check against {args.base}")
    try:
        for n, (name, check) in enumerate(checks, 1):
            print(f"[{n}/{len(checks)}] {name} ...", flush=True)
            try:
                check()
                passed += 1
                print("      ok")
            except Exception as e:  # a failing check must not stop the others
                failed += 1
                msg = str(e) if isinstance(e, CheckFailed) else f"{type(e).__name__}: {str(e).strip().splitlines()[0]}"
                print(f"      FAILED: {msg}")
                if not isinstance(e, CheckFailed):  # where in this script, for a flaky browser
                    here = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == __file__]
                    print("      at " + " < ".join(f"{f.name}:{f.lineno}" for f in reversed(here)))
    finally:
        driver.quit()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
