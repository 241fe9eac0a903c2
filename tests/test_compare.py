"""Compare options side by side, with "What matters to me" (issue 3, parts 1 and 3)."""

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
import textstat
from django.http import QueryDict
from django.test import Client
from django.utils.html import escape

from options.decision_aid import compare_settings, default_selection, list_order
from options.services import assessment_evaluate

from .test_api import MIDGUT

COMPARE = "/assess/compare/"
CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "app.css"


def get(client: Client, params: dict | list | None = None, **extra: str | list[str]):
    query = urlencode([(k, v) for k, vs in (params or {}).items() for v in ([vs] if isinstance(vs, str) else vs)] + [(k, v) for k, vs in extra.items() for v in ([vs] if isinstance(vs, str) else vs)])
    return client.get(f"{COMPARE}?{query}")


def column_keys(response) -> list[str]:
    """The compared options, in the order of the table's columns."""
    html = response.content.decode()
    thead = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    keys = re.findall(r'href="/assess/results/(?:\?[^"]*)?#option-([a-z_]+)"', thead)
    assert keys == [option.key for option in response.context["table"].options]
    return keys


def assessment_for(kb, params: dict):
    assessment = assessment_evaluate(query=QueryDict(urlencode(params, doseq=True)), kb=kb).assessment
    assert assessment is not None
    return assessment


# --- selection -----------------------------------------------------------------------------


def test_default_selection_is_the_options_that_fit_capped_at_four(client: Client, kb) -> None:
    after_ssa = {**MIDGUT, "prior": "ssa"}  # growth on SSA: PRRT joins the options that fit
    response = get(client, after_ssa)
    assert response.status_code == 200
    fitting = [o.key for o in list_order(assessment=assessment_for(kb, after_ssa)) if o.status == "applicable"]
    assert len(fitting) > 4  # this profile exercises the cap
    assert column_keys(response) == fitting[:4]
    assert "4 options side by side" in response.content.decode()


def test_default_selection_tops_up_with_options_that_might_fit(client: Client, kb) -> None:
    assessment = assessment_for(kb, {})
    statuses = {o.key: o.status for o in assessment.options}
    assert list(statuses.values()).count("applicable") == 1  # the case this test is about
    keys = column_keys(get(client, {}))
    assert len(keys) == 2
    assert [statuses[key] for key in keys] == ["applicable", "consider"]


@pytest.mark.parametrize(
    "params",
    [MIDGUT, {}, {"site": "colon", "grade": "nec", "ki67": "80", "stage": "metastatic"}, {**MIDGUT, "prior": ["ssa", "prrt"]}],
)
def test_default_selection_rule_holds(kb, params: dict) -> None:
    """Fitting options (at most 4); topped up with those that might fit only to reach 2."""
    settings = compare_settings(kb=kb)
    ordered = list_order(assessment=assessment_for(kb, params))
    chosen = default_selection(assessment=assessment_for(kb, params), settings=settings)
    fitting = [o.key for o in ordered if o.status == "applicable"]
    assert 2 <= len(chosen) <= 4
    if len(fitting) >= 2:
        assert list(chosen) == fitting[:4]  # only options that fit; none that merely might
    else:
        might = [o.key for o in ordered if o.status == "consider"]
        assert list(chosen) == (fitting + might)[:2] or not might


def test_default_selection_leaves_out_might_fit_when_two_or_more_fit(client: Client, kb) -> None:
    params = {"site": "colon", "grade": "nec", "ki67": "80", "stage": "metastatic"}
    statuses = {o.key: o.status for o in assessment_for(kb, params).options}
    keys = column_keys(get(client, params))
    assert 2 <= list(statuses.values()).count("applicable") < 4 and "consider" in statuses.values()
    assert keys and all(statuses[key] == "applicable" for key in keys)
    assert len(keys) == list(statuses.values()).count("applicable")


def test_explicit_selection_is_shown_in_list_order_and_ticked(client: Client) -> None:
    response = get(client, MIDGUT, compare=["surveillance", "ssa", "surgery"])
    html = response.content.decode()
    assert response.status_code == 200
    keys = column_keys(response)
    assert set(keys) == {"surveillance", "ssa", "surgery"}
    order = [option.key for option, _ in response.context["choices"]]
    assert keys == [key for key in order if key in keys]
    for key in keys:
        assert f'name="compare" value="{key}" checked' in html
    assert 'name="compare" value="prrt">' in html  # not chosen, not ticked


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        (["ssa"], "Please pick at least 2 options to compare. You picked 1."),
        (["ssa", "prrt", "surgery", "surveillance", "chemotherapy"], "Please pick no more than 4 options to compare. You picked 5."),
        (["ssa", "prrt", "no_such_option"], "We do not know this option: no_such_option."),
        (["ssa", "<script>"], "We do not know this option: &lt;script&gt;."),
    ],
)
def test_invalid_selection_gives_a_clear_message_and_400(client: Client, chosen: list[str], message: str) -> None:
    response = get(client, MIDGUT, compare=chosen)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'class="error-summary"' in html
    assert "<table" not in html  # no comparison until the choice is fixed
    assert 'name="compare"' in html  # the choice form is there to fix it


def test_invalid_answers_show_the_guided_form_with_400(client: Client) -> None:
    response = client.get(f"{COMPARE}?site=liver&compare=ssa&compare=prrt")
    assert response.status_code == 400
    assert "Where did the tumor start?" in response.content.decode()


# --- the table -----------------------------------------------------------------------------


def test_table_has_the_same_rows_for_every_option_from_the_patient_texts(client: Client, kb) -> None:
    response = get(client, MIDGUT, compare=["surveillance", "clinical_trial", "ssa"])
    html = response.content.decode()
    assert "<caption>" in html and html.count('<th scope="col" class="option-head">') == 3
    rows = kb.extras["compare"]["rows"]
    assert [row["label"] for row in rows][:4] == ["What is the goal?", "How is it given?", "How often, for how long?", "Where?"]
    assert len(rows) == 8
    table = html.split("<table", 1)[1].split("</table>", 1)[0]
    assert table.count('<th scope="row">') == 8
    for row in rows:
        assert row["label"] in table
        for key in ("surveillance", "clinical_trial", "ssa"):
            text = getattr(kb.family(key).patient, row["key"])
            assert text and escape(text) in table
    for key in ("surveillance", "clinical_trial", "ssa"):
        assert escape(kb.family(key).patient.summary) in table
    assert 'class="badge status-' in table


def test_headers_show_the_status_for_these_answers(client: Client) -> None:
    html = get(client, MIDGUT, compare=["ssa", "surveillance"]).content.decode()
    thead = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert 'badge status-applicable">Fits<' in thead
    assert 'badge status-not_applicable">Does not fit<' in thead


def test_mobile_cards_repeat_every_row_for_every_option(client: Client, kb) -> None:
    response = get(client, MIDGUT, compare=["ssa", "prrt", "surgery"])
    html = response.content.decode()
    cards = html.split('<div class="compare-cards">', 1)[1].split('<form method="get"', 1)[0]
    assert cards.count('<section class="compare-card') == 3
    for key in ("ssa", "prrt", "surgery"):
        assert f'id="card-{key}"' in cards
    for row in kb.extras["compare"]["rows"]:
        assert cards.count(f"<dt>{row['label']}") == 3
    # CSS only: on narrow screens the table hides and the cards show; print keeps the table.
    css = CSS.read_text()
    phone = re.search(r"@media screen and \(max-width: 48rem\) \{(.*?)\n\}", css, re.S).group(1)
    assert ".compare-table-wrap { display: none; }" in phone and ".compare-cards { display: grid;" in phone
    assert ".compare-cards { display: none !important; }" in css


# --- what matters to me --------------------------------------------------------------------


def marked_rows(html: str) -> dict[str, str]:
    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return dict(re.findall(r'<tr class="row-([a-z_]+) matters (matters-\d)">', table))


def test_rated_values_mark_the_rows_they_touch(client: Client) -> None:
    response = get(client, MIDGUT, compare=["ssa", "surgery"], matters_side_effects="2", matters_cure="1", matters_surgery="0")
    html = response.content.decode()
    assert response.status_code == 200
    assert marked_rows(html) == {"goal": "matters-1", "side_effects": "matters-2", "serious_risks": "matters-2"}
    assert "Matters to you: fewest side effects (matters a lot)" in html
    assert "Matters to you: aiming for cure (matters a little)" in html
    assert "avoiding surgery" not in html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]  # "does not matter much"
    assert "They do not change the order of the options, hide any option or pick one for you." in html
    assert 'name="matters_side_effects" value="2" checked' in html


def test_without_ratings_nothing_is_marked(client: Client) -> None:
    html = get(client, MIDGUT).content.decode()
    assert marked_rows(html) == {}
    assert "Matters to you:" not in html


@pytest.mark.parametrize(
    "ratings",
    [
        {"matters_surgery": "2"},
        {"matters_cure": "2", "matters_work": "2"},
        {"matters_visits": "1", "matters_side_effects": "2", "matters_surgery": "2", "matters_cure": "0", "matters_work": "1"},
    ],
)
def test_ratings_never_reorder_add_or_remove_options(client: Client, ratings: dict) -> None:
    for chosen in ([], ["surgery", "surveillance", "ssa", "chemotherapy"]):
        plain = column_keys(get(client, MIDGUT, compare=chosen))
        rated = get(client, {**MIDGUT, **ratings}, compare=chosen)
        assert rated.status_code == 200
        assert column_keys(rated) == plain
        assert [option for option, _ in rated.context["choices"]] == [option for option, _ in get(client, MIDGUT).context["choices"]]


@pytest.mark.parametrize("raw", ["3", "-1", "a lot", "1.5"])
def test_invalid_rating_gives_a_clear_message_and_400(client: Client, raw: str) -> None:
    response = get(client, MIDGUT, matters_cure=raw)
    assert response.status_code == 400
    assert "For “Aiming for cure”, please pick one of: Does not matter much, Matters a little, Matters a lot." in response.content.decode()


def test_values_are_asked_as_fieldsets_with_legends(client: Client, kb) -> None:
    html = get(client, MIDGUT).content.decode()
    for value in kb.extras["values"]["values"]:
        assert f"<legend>{value['label']}</legend>" in html
        for level in range(3):
            assert f'name="{value["param"]}" value="{level}"' in html


# --- links, plain language, no database ----------------------------------------------------


def test_results_page_links_to_compare_and_questions_with_the_answers(client: Client) -> None:
    html = client.get(f"/assess/results/?{urlencode(MIDGUT)}").content.decode()
    query = urlencode(MIDGUT).replace("&", "&amp;")
    assert f'href="/assess/compare/?{query}">Compare options</a>' in html
    assert f'href="/assess/questions/?{query}">My questions for the team</a>' in html


@pytest.mark.django_db
def test_compare_page_runs_no_database_queries(client: Client, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        assert get(client, MIDGUT, compare=["ssa", "prrt"], matters_cure="2").status_code == 200
        assert get(client, MIDGUT, compare=["ssa"]).status_code == 400


def test_compare_page_has_no_inline_style_or_script(client: Client) -> None:
    response = get(client, MIDGUT, matters_cure="2")
    html = response.content.decode()
    assert "style=" not in html and "hx-on" not in html
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def _texts(data, skip: set[str]):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in skip:
                yield from _texts(value, skip)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value, skip)


@pytest.mark.parametrize("name", ["compare", "values"])
def test_patient_texts_read_at_grade_8_or_lower(kb, name: str) -> None:
    texts = list(_texts(kb.extras[name], skip={"key", "param", "rows"}))
    texts += [row["label"] for row in kb.extras[name].get("rows", [])]
    assert len(texts) > 5
    too_hard = {text: textstat.flesch_kincaid_grade(text) for text in texts if textstat.flesch_kincaid_grade(text) > 8}
    assert too_hard == {}
