"""A new user walks the guided form in Debian's Chromium, with and without JavaScript."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each answer is (step heading, [(kind, label)]); kind "radio"/"check" clicks a label, "fill" types.
MIDGUT = [
    ("Where did the tumor start?", [("radio", "Small intestine (small bowel)")]),
    ("How fast is it growing?", [("radio", "Grade 2 (medium)"), ("fill", "Ki-67 index (%)", "5")]),
    ("Where is it now?", [("radio", "Metastatic: spread to far parts of the body"), ("radio", "Yes, mainly in the liver")]),
    ("Does it make hormones?", [("radio", "Carcinoid syndrome (flushing, diarrhea)")]),
    ("Did a scan show somatostatin receptors?", [("radio", "Positive: the tumor lights up")]),
    ("Can it be removed, and how is your health?", [("radio", "No, it cannot all be removed")]),
    ("How has it behaved, and what treatment came before?", [("radio", "Growing or spreading on scans"), ("check", "Somatostatin analog (octreotide or lanreotide)")]),
]
SMALL_PANCREAS = [
    ("Where did the tumor start?", [("radio", "Pancreas")]),
    ("How fast is it growing?", [("radio", "Grade 1 (slow-growing)")]),
    ("Where is it now?", [("radio", "Localized: only where it started"), ("fill", "Size of the main tumor (cm)", "1.2")]),
    ("Does it make hormones?", [("radio", "No hormone symptoms (nonfunctional)")]),
    ("Did a scan show somatostatin receptors?", []),
    ("Can it be removed, and how is your health?", [("radio", "Yes, it can all be removed")]),
    ("How has it behaved, and what treatment came before?", [("radio", "Newly found, or stable on scans")]),
]
NEC = [
    ("Where did the tumor start?", [("radio", "Colon (large bowel)")]),
    ("How fast is it growing?", [("radio", "Poorly differentiated neuroendocrine carcinoma (NEC)"), ("fill", "Ki-67 index (%)", "80")]),
    ("Where is it now?", [("radio", "Metastatic: spread to far parts of the body")]),
    ("Does it make hormones?", []),
    ("Did a scan show somatostatin receptors?", []),
    ("Can it be removed, and how is your health?", []),
    ("How has it behaved, and what treatment came before?", []),
]


def walk(page: Page, base_url: str, answers: list) -> None:
    page.goto(f"{base_url}/")
    page.get_by_role("link", name="Start the questions").first.click()
    for heading, fields in answers:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        for kind, label, *value in fields:
            if kind == "fill":
                page.get_by_label(label).fill(value[0])
            else:
                page.get_by_label(label, exact=True).check()
        button = "See the options" if heading == answers[-1][0] else "Next"
        page.get_by_role("button", name=button).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Treatment options to discuss with your NET team")


def group(page: Page, status: str):
    return page.locator(f"section.status-group.status-{status}")


@pytest.fixture
def no_js_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_metastatic_midgut_net_with_carcinoid_syndrome(page: Page, no_js_page: Page, live_server, javascript: bool) -> None:
    tab = page if javascript else no_js_page
    walk(tab, live_server.url, MIDGUT)
    expect(group(tab, "applicable")).to_contain_text("Somatostatin analogs")
    expect(group(tab, "applicable")).to_contain_text("PRRT")
    expect(tab.locator(".warnings")).to_contain_text("Carcinoid crisis")
    # Answers are in the URL: reloading keeps the same results.
    url = tab.url
    assert "functional=carcinoid_syndrome" in url and "prior=ssa" in url
    tab.reload()
    expect(group(tab, "applicable")).to_contain_text("Somatostatin analogs")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_small_pancreatic_net_can_be_watched(page: Page, no_js_page: Page, live_server, javascript: bool) -> None:
    tab = page if javascript else no_js_page
    walk(tab, live_server.url, SMALL_PANCREAS)
    expect(group(tab, "applicable")).to_contain_text("Active surveillance")
    expect(group(tab, "not_applicable")).to_contain_text("PRRT")


def test_metastatic_nec_gets_platinum_etoposide(no_js_page: Page, live_server) -> None:
    walk(no_js_page, live_server.url, NEC)
    expect(group(no_js_page, "applicable")).to_contain_text("Chemotherapy")
    expect(no_js_page.locator("#option-chemotherapy")).to_contain_text("Platinum")
    expect(group(no_js_page, "not_applicable")).to_contain_text("Active surveillance")


def test_live_panel_updates_as_answers_come_in(page: Page, live_server) -> None:
    page.goto(f"{live_server.url}/assess/?step=4&site=small_intestine&grade=g2&stage=metastatic")
    fits = page.locator("#live-panel .panel-group.status-applicable")
    expect(fits).not_to_contain_text("Somatostatin analogs")
    page.get_by_label("Carcinoid syndrome (flushing, diarrhea)").check()
    expect(fits).to_contain_text("Somatostatin analogs")
    assert "step=4" in page.url  # the panel refreshes without leaving the step


def test_htmx_steps_keep_the_url_shareable(page: Page, live_server) -> None:
    page.goto(f"{live_server.url}/assess/")
    page.get_by_label("Lung", exact=True).check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How fast is it growing?")
    assert page.url.endswith("/assess/?site=lung&step=2")
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Where did the tumor start?")


def test_invalid_ki67_shows_a_message_in_the_browser(page: Page, live_server) -> None:
    page.goto(f"{live_server.url}/assess/?site=pancreas&step=2")
    page.get_by_label("Ki-67 index (%)").fill("140")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("alert")).to_contain_text("less than or equal to 100")
    expect(page.get_by_role("heading", level=1)).to_have_text("How fast is it growing?")
