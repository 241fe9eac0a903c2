from urllib.parse import urlencode

import pytest
from django.test import Client

from .test_api import MIDGUT

RESULTS = "/assess/results/"


def test_home_links_to_the_questions(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert b'href="/assess/"' in response.content


def test_first_step_asks_where_the_tumor_started(client: Client) -> None:
    response = client.get("/assess/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Where did the tumor start?" in html
    assert 'name="site"' in html and 'value="unknown_primary"' in html


def test_next_carries_answers_to_the_next_step_in_the_url(client: Client) -> None:
    response = client.get("/assess/?step=1&site=pancreas&go=next")
    assert response.status_code == 302
    assert response["Location"] == "/assess/?site=pancreas&step=2"
    page = client.get(response["Location"]).content.decode()
    assert 'name="ki67"' in page
    assert '<input type="hidden" name="site" value="pancreas">' in page


def test_back_keeps_the_answers(client: Client) -> None:
    response = client.get("/assess/?site=pancreas&step=2&grade=g1&go=back")
    assert response["Location"] == "/assess/?site=pancreas&grade=g1&step=1"


def test_invalid_number_stays_on_its_step_with_a_message(client: Client) -> None:
    response = client.get("/assess/?site=pancreas&step=2&ki67=140&go=next")
    html = response.content.decode()
    assert response.status_code == 400
    assert "How fast is it growing?" in html
    assert "less than or equal to 100" in html
    assert 'aria-invalid="true"' in html


def test_last_step_leads_to_results(client: Client) -> None:
    response = client.get(f"/assess/?{urlencode(MIDGUT)}&step=7&go=next")
    assert response.status_code == 302
    assert response["Location"].startswith(RESULTS)


def test_htmx_step_returns_only_the_step_and_pushes_the_url(client: Client) -> None:
    response = client.get("/assess/?step=1&site=lung&go=next", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="wizard"' in html
    assert 'hx-swap-oob="true"' in html  # the live panel refreshes too
    assert response["HX-Push-Url"] == "/assess/?site=lung&step=2"
    assert "HX-Request" in response["Vary"]


def test_live_panel_preview_lists_options(client: Client) -> None:
    response = client.get(f"/assess/preview/?{urlencode(MIDGUT)}", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Somatostatin analogs" in response.content.decode()


def test_results_group_options_with_reasons_and_sources(client: Client) -> None:
    response = client.get(f"{RESULTS}?{urlencode(MIDGUT)}")
    html = response.content.decode()
    assert response.status_code == 200
    for heading in ("Options that fit these answers", "Options that do not fit these answers"):
        assert heading in html
    assert "Why it is listed here" in html
    assert "Cancer.Net (ASCO)" in html
    assert "Carcinoid crisis" in html
    assert "not a recommendation" in html


def test_results_show_the_knowledge_base_version(client: Client, kb) -> None:
    html = client.get(f"{RESULTS}?{urlencode(MIDGUT)}").content.decode()
    assert f"version {kb.version}" in html and kb.reviewed in html


def test_clinician_mode_shows_trial_citations(client: Client) -> None:
    patient = client.get(f"{RESULTS}?{urlencode(MIDGUT)}").content.decode()
    clinician = client.get(f"{RESULTS}?{urlencode(MIDGUT)}&mode=clinician").content.decode()
    assert "NETTER-1" in clinician
    assert patient != clinician


def test_results_with_invalid_answers_show_the_form_not_a_500(client: Client) -> None:
    response = client.get(f"{RESULTS}?site=liver")
    assert response.status_code == 400
    assert "Where did the tumor start?" in response.content.decode()


@pytest.mark.django_db
def test_results_page_runs_no_database_queries(client: Client, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        assert client.get(f"{RESULTS}?{urlencode(MIDGUT)}").status_code == 200


@pytest.mark.parametrize("url", ["/", "/assess/", f"{RESULTS}?site=pancreas"])
def test_pages_send_a_content_security_policy_without_inline_code(client: Client, url: str) -> None:
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    assert "style=" not in html
    assert "hx-on" not in html


def test_results_say_which_grade_is_used_when_numbers_point_to_grade_3(client: Client) -> None:
    html = client.get(f"{RESULTS}?site=pancreas&ki67=70&stage=metastatic").content.decode()
    assert "Grade from the numbers" in html
    assert "this tool uses no grade until the pathology report says how the cells look" in html
