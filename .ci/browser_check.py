#!/usr/bin/env python3
"""Browser check for Stadshart: signs in, walks the plan page, the action edit form and
the action's history like a person would, with Selenium and Debian's headless Chromium.

Usage: browser_check.py [BASE_URL] [--screenshot PATH]
Ends with "N passed, M failed"; exits 1 if any check failed.
"""
import argparse
import html
import re
import sys
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

WAIT = 10  # seconds, for explicit waits only
BAD_BUDGET, GOOD_BUDGET, GOOD_SHOWN = "tien euro", "12.345,67", "€ 12.345,67"
EMAIL, PASSWORD, NAME = "programmateam@assen.demo", "stadshart-demo", "Demo Programmamanager"


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


def click_and_wait(driver, element):
    """Click something that loads a new page and wait until it has loaded."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, WAIT).until(EC.staleness_of(old))
    WebDriverWait(driver, WAIT).until(EC.presence_of_element_located((By.TAG_NAME, "h1")))


def fetch_budget(url, cookie):
    """A fresh GET (outside the browser, with its session) of an action page; returns dd.budget text."""
    request = urllib.request.Request(url, headers={"Cookie": f"stadshart_sessie={cookie}"})
    with urllib.request.urlopen(request, timeout=WAIT) as resp:
        page = resp.read().decode("utf-8")
    m = re.search(r'<dd class="budget">(.*?)</dd>', page, re.S)
    return norm(html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))) if m else None


class Checks:
    def __init__(self, driver, base, screenshot):
        self.d, self.base, self.screenshot = driver, base.rstrip("/"), screenshot
        self.plan_url = self.base + "/assen/jaarplan/2019"
        self.action_url = self.title = self.budget_before = self.cookie = None

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
        expect(css(self.d, "#vaststellen form"), "adoption form", "a form in #vaststellen", "none")

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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", nargs="?", default="http://127.0.0.1:8080")
    parser.add_argument("--screenshot", metavar="PATH")
    args = parser.parse_args()

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,2000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(WAIT)
    c = Checks(driver, args.base, args.screenshot)
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
    finally:
        driver.quit()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
