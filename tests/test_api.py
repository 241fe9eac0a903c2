import json
import random
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.db import connection

API = "/api/v1/assessment"
MIDGUT = {
    "site": "small_intestine",
    "grade": "g2",
    "ki67": "5",
    "stage": "metastatic",
    "liver_dominant": "yes",
    "bone_mets": "no",
    "functional": "carcinoid_syndrome",
    "sstr": "positive",
    "resectability": "unresectable",
    "fitness": "good",
    "progression": "progressing",
}


def get_json(client: Client, params: dict | list) -> tuple[int, dict]:
    response = client.get(f"{API}?{urlencode(params, doseq=True)}")
    assert response["Content-Type"] == "application/json"
    return response.status_code, json.loads(response.content)


def test_contract_shape(client: Client) -> None:
    code, data = get_json(client, {**MIDGUT, "prior": ["ssa"]})
    assert code == 200
    assert set(data["knowledge_base"]) == {"version", "reviewed"}
    assert data["profile"]["site"] == "small_intestine"
    assert data["profile"]["prior"] == ["ssa"]
    assert data["profile"]["grade_used"] == "g2"
    assert isinstance(data["warnings"], list) and isinstance(data["missing_information"], list)
    assert len(data["options"]) == 12
    for option in data["options"]:
        assert {"key", "name", "status", "summary", "reasons", "approaches", "sources"} <= set(option)
        assert option["sources"] and set(option["sources"][0]) == {"publisher", "title", "section"}
        for approach in option["approaches"]:
            assert {"key", "name", "status"} <= set(approach)
    prrt = next(o for o in data["options"] if o["key"] == "prrt")
    assert prrt["status"] == "applicable"


def test_no_parameters_gives_an_all_unknown_assessment(client: Client) -> None:
    code, data = get_json(client, {})
    assert code == 200
    assert data["profile"]["grade"] == "unknown"
    assert data["missing_information"]


def test_unknown_parameters_are_ignored(client: Client) -> None:
    assert get_json(client, {**MIDGUT, "utm_source": "x"}) == get_json(client, MIDGUT)


@pytest.mark.parametrize(
    ("param", "value"),
    [("ki67", "140"), ("ki67", "abc"), ("site", "liver"), ("size_cm", "-1"), ("size_cm", "0"), ("mitoses", "-2"),
     ("grade", "g4"), ("prior", "magic")],
)
def test_invalid_values_give_400_naming_the_field(client: Client, param: str, value: str) -> None:
    code, data = get_json(client, {**MIDGUT, param: value})
    assert code == 400
    assert list(data["errors"]) == [param]
    assert data["errors"][param][0]


def test_answers_in_any_order_give_the_same_assessment(client: Client) -> None:
    items = list({**MIDGUT, "prior": "ssa"}.items()) + [("prior", "everolimus")]
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    assert get_json(client, items) == get_json(client, shuffled)


def test_clinician_mode_changes_wording_not_status(client: Client) -> None:
    _, patient = get_json(client, MIDGUT)
    _, clinician = get_json(client, {**MIDGUT, "mode": "clinician"})
    assert [o["status"] for o in patient["options"]] == [o["status"] for o in clinician["options"]]
    assert [o["summary"] for o in patient["options"]] != [o["summary"] for o in clinician["options"]]


@pytest.mark.django_db
def test_api_runs_no_database_queries(client: Client) -> None:
    with CaptureQueriesContext(connection) as queries:
        client.get(f"{API}?{urlencode(MIDGUT)}")
    assert len(queries) == 0


@pytest.mark.django_db
def test_healthz_is_ok_without_the_database(client: Client, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
