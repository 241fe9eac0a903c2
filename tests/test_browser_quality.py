"""The issue-3 quality bars in a real browser: axe-core, keyboard-only use, phone width, print."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ANSWERS = (
    "site=small_intestine&grade=g2&ki67=5&stage=metastatic&liver_dominant=yes&bone_mets=no"
    "&functional=carcinoid_syndrome&sstr=positive&resectability=unresectable&fitness=good"
    "&progression=progressing&prior=ssa"
)
PAGES = {
    "home": "/",
    **{f"step-{n}": f"/assess/?{ANSWERS}&step={n}" for n in range(1, 8)},
    "results-patient": f"/assess/results/?{ANSWERS}",
    "results-clinician": f"/assess/results/?{ANSWERS}&mode=clinician",
    "compare": f"/assess/compare/?{ANSWERS}",
    "questions": f"/assess/questions/?{ANSWERS}",
    "grade-helper": "/grade/?ki67=12&mitoses=3",
    "glossary": "/glossary/",
    "how-it-decides": "/how-it-decides/",
}
PRINTED = {"results-patient": 12, "compare": 4, "questions": 4}  # most pages a person would expect


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violations(page: Page, live_server, name: str) -> None:
    page.goto(live_server.url + PAGES[name])
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_would_catch_a_violation(page: Page, live_server) -> None:
    """Guards the test above: a page with a deliberate violation is flagged."""
    page.goto(live_server.url + "/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')")
    assert Axe().run(page).violations_count > 0


@pytest.fixture
def phone(browser: Browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_no_horizontal_scroll_on_a_phone(phone: Page, live_server, name: str) -> None:
    phone.goto(live_server.url + PAGES[name])
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=ARTIFACTS / f"phone-{name}.png", full_page=True)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{name} is {width}px wide on a 360px screen"


def _tab_to(page: Page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} with the Tab key")


def test_keyboard_only_walk_reaches_the_comparison(page: Page, live_server) -> None:
    page.goto(live_server.url + "/")
    _tab_to(page, "main a[href='/assess/']")
    page.keyboard.press("Enter")
    choices = {"site": "pancreas", "grade": "g2", "stage": "metastatic", "functional": "nonfunctional", "sstr": "positive"}
    for step in range(1, 8):
        expect(page.locator("#wizard")).to_contain_text(f"Step {step} of 7")
        for name, value in choices.items():
            if page.locator(f"input[name='{name}'][type='radio']").count():
                _tab_to(page, f"input[name='{name}']")
                # Arrow keys move through a radio group; stop on the wanted value.
                for _ in range(12):
                    if page.evaluate("() => document.activeElement.value") == value:
                        break
                    page.keyboard.press("ArrowDown")
                page.keyboard.press("Space")
                expect(page.locator(f"input[name='{name}'][value='{value}']")).to_be_checked()
        _tab_to(page, "button[value='next']")
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Treatment options to discuss with your NET team")
    assert "site=pancreas" in page.url and "sstr=positive" in page.url
    _tab_to(page, "a[href^='/assess/compare/']")
    page.keyboard.press("Enter")
    expect(page.locator("table, .compare")).not_to_have_count(0)
    assert "/assess/compare/" in page.url


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize("name", list(PRINTED))
def test_prints_on_a_sensible_number_of_pages_without_cutting_anything_off(page: Page, live_server, name: str) -> None:
    page.goto(live_server.url + PAGES[name])
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
              .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
              .map(el => el.tagName + '.' + el.className).slice(0, 5)"""
    )
    assert overflowing == [], f"cut off in print: {overflowing}"
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(format="A4", print_background=False, path=ARTIFACTS / f"print-{name}.pdf")
    pages = _pdf_pages(pdf)
    assert 1 <= pages <= PRINTED[name], f"{name} printed on {pages} pages"
    text = page.content()
    assert "not a recommendation" in text.lower()
