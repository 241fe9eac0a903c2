"""My questions for the team (issue 3, part 2): pick, add your own, print or download."""

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import textstat
from django.http import QueryDict
from django.test import Client
from django.utils.html import escape

from options.decision_aid import MAX_OWN_LENGTH, MAX_OWN_QUESTIONS
from options.services import assessment_evaluate

from .test_api import MIDGUT

QUESTIONS = "/assess/questions/"
TEXT = "/assess/questions.txt"
GROUPS = ["diagnosis", "choosing", "surgery", "medicines", "radiation", "follow_up"]


def url(base: str, params: dict | None = None, **extra: str | list[str]) -> str:
    pairs = [(k, v) for k, vs in {**(params or {}), **extra}.items() for v in ([vs] if isinstance(vs, str) else vs)]
    return f"{base}?{urlencode(pairs)}"


def checked_ids(html: str) -> set[str]:
    return set(re.findall(r'name="q" value="([^"]+)" checked', html))


def test_questions_page_lists_general_and_option_questions_grouped(client: Client, kb) -> None:
    response = client.get(url(QUESTIONS, MIDGUT))
    html = response.content.decode()
    assert response.status_code == 200
    data = kb.extras["questions"]
    assert [group["key"] for group in data["groups"]] == GROUPS
    for group in data["groups"]:
        assert f'id="group-{group["key"]}"' in html and f"<legend>{group['title']}</legend>" in html
    assert len(data["questions"]) >= 40
    for question in data["questions"]:
        assert f'value="{question["id"]}"' in html and escape(question["text"]) in html
    # Options that fit or might fit bring their own questions, under their family's group.
    shown = {item.option.key: group.key for group in response.context["groups"] for item in group.by_option}
    assert {"ssa", "prrt"} <= set(shown)
    for key, group in shown.items():
        family = kb.family(key)
        assert group == family.question_group
        section = html.split(f'id="group-{group}"', 1)[1].split("</fieldset>\n    </fieldset>", 1)[0]
        for number, text in enumerate(family.patient.questions, 1):
            assert f'value="{key}-{number}"' in section and escape(text) in section


def test_only_options_that_fit_or_might_fit_bring_questions(client: Client, kb) -> None:
    assessment = assessment_evaluate(query=QueryDict(urlencode(MIDGUT)), kb=kb).assessment
    open_keys = {o.key for o in assessment.options if o.status in ("applicable", "consider") and o.patient.questions}
    closed_keys = {o.key for o in assessment.options} - open_keys
    assert open_keys and closed_keys
    html = client.get(url(QUESTIONS, MIDGUT)).content.decode()
    for key in open_keys:
        assert f'value="{key}-1"' in html
    for key in closed_keys:
        assert f'value="{key}-1"' not in html


def test_questions_are_paraphrased_not_pasted(kb) -> None:
    """The Cancer.Net wording must not be copied: spot-check its well-known sentences."""
    originals = [
        "Where is the neuroendocrine tumor (NET) located?",
        "What is the stage of the tumor? What does this mean?",
        "What are my treatment options?",
        "Can surgery remove the entire tumor? Why or why not?",
        "How long will the operation take?",
        "What type of radiation therapy do you recommend?",
        "Who will lead my follow-up care?",
        "Who should I contact about any side effects I experience? And how soon?",
    ]
    texts = {q["text"].lower() for q in kb.extras["questions"]["questions"]}
    for original in originals:
        for sentence in re.split(r"(?<=\?)\s+", original):
            assert sentence.lower() not in " ".join(texts)


def test_ticked_and_own_questions_are_kept_in_the_url(client: Client) -> None:
    response = client.get(url(QUESTIONS, MIDGUT, q=["dx-grade", "ssa-1", "ch-trials"], own=["Can I still travel?", "  ", "Who pays   for\tthe scans?"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert checked_ids(html) == {"dx-grade", "ssa-1", "ch-trials"}
    # Own questions come back in their boxes (cleaned up), plus one empty box to add another.
    assert 'name="own" value="Can I still travel?"' in html
    assert 'name="own" value="Who pays for the scans?"' in html
    assert html.count('name="own" value=""') == 1
    # The list shows them, and the answers ride along as hidden inputs.
    my_list = html.split('id="my-list-title"', 1)[1].split("</section>", 1)[0]
    assert "Which grade is the tumor, and what does that tell us?" in my_list
    assert "Who pays for the scans?" in my_list
    for name, value in MIDGUT.items():
        assert f'<input type="hidden" name="{name}" value="{value}">' in html
    # The download link holds the same list, in page order.
    link = re.search(r'href="(/assess/questions\.txt\?[^"]+)" download', html).group(1).replace("&amp;", "&")
    params = parse_qs(urlsplit(link).query)
    assert params["q"] == ["dx-grade", "ch-trials", "ssa-1"]
    assert params["own"] == ["Can I still travel?", "Who pays for the scans?"]
    assert params["site"] == ["small_intestine"]


def test_unknown_ticked_ids_are_left_out_with_a_notice(client: Client) -> None:
    response = client.get(url(QUESTIONS, MIDGUT, q=["dx-grade", "surveillance-1", "nope"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert checked_ids(html) == {"dx-grade"}
    assert "2 ticked questions are not on this list any more" in html


def test_too_long_own_question_gets_a_clear_message_and_stays_editable(client: Client) -> None:
    long = "Why " + "really " * 40 + "?"
    assert len(long) > MAX_OWN_LENGTH
    response = client.get(url(QUESTIONS, MIDGUT, own=["Short one?", long]))
    html = response.content.decode()
    assert response.status_code == 400
    assert f"Your question 2 has {len(long)} characters. Please keep each question to {MAX_OWN_LENGTH} characters or fewer" in html
    assert 'class="error-summary"' in html
    assert f'value="{long}"' in html and 'aria-invalid="true"' in html
    my_list = html.split('id="my-list-title"', 1)[1].split("</section>", 1)[0]
    assert "Short one?" in my_list and long not in my_list


def test_too_many_own_questions_gets_a_clear_message(client: Client) -> None:
    own = [f"Question number {n}?" for n in range(1, MAX_OWN_QUESTIONS + 3)]
    response = client.get(url(QUESTIONS, MIDGUT, own=own))
    html = response.content.decode()
    assert response.status_code == 400
    assert f"You can add up to {MAX_OWN_QUESTIONS} questions of your own. We kept the first {MAX_OWN_QUESTIONS} and left out 2." in html
    assert html.count('name="own"') == MAX_OWN_QUESTIONS  # no extra empty box at the limit


def test_text_download_has_the_ticked_and_own_questions_and_headers(client: Client, kb) -> None:
    response = client.get(url(TEXT, MIDGUT, q=["ssa-1", "dx-grade", "nope"], own="Can I still travel?"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="my-questions-for-the-net-team.txt"'
    text = response.content.decode()
    lines = text.splitlines()
    assert lines[0] == "My questions for the team"
    grade = "  [ ] Which grade is the tumor, and what does that tell us?"
    ssa = f"  [ ] {kb.family('ssa').patient.questions[0]}"
    own = "  [ ] Can I still travel?"
    assert lines.index(grade) < lines.index(ssa) < lines.index(own)  # page order, own last
    assert "What the tumor is" in lines and "My own questions" in lines
    assert sum(line.startswith("  [ ] ") for line in lines) == 3  # unticked ones are not in the file
    assert kb.disclaimer in text and f"version {kb.version}" in text
    assert "Questions to Ask the Health Care Team" in text


def test_text_download_refuses_a_too_long_question(client: Client) -> None:
    response = client.get(url(TEXT, MIDGUT, own="x" * (MAX_OWN_LENGTH + 1)))
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    assert f"{MAX_OWN_LENGTH} characters or fewer" in response.content.decode()


def test_text_download_with_invalid_answers_is_a_400(client: Client) -> None:
    response = client.get(f"{TEXT}?ki67=900")
    assert response.status_code == 400 and "ki67" in response.content.decode()


def test_questions_page_with_invalid_answers_shows_the_guided_form(client: Client) -> None:
    response = client.get(f"{QUESTIONS}?site=liver")
    assert response.status_code == 400
    assert "Where did the tumor start?" in response.content.decode()


def test_form_works_without_javascript(client: Client) -> None:
    html = client.get(url(QUESTIONS, MIDGUT)).content.decode()
    assert '<form method="get" action="/assess/questions/"' in html
    assert 'formaction="/assess/questions.txt"' in html
    assert "style=" not in html and "hx-on" not in html


@pytest.mark.django_db
def test_questions_pages_run_no_database_queries(client: Client, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        assert client.get(url(QUESTIONS, MIDGUT, q="dx-grade", own="Mine?")).status_code == 200
        assert client.get(url(TEXT, MIDGUT, q="dx-grade", own="Mine?")).status_code == 200


def test_question_texts_read_at_grade_8_or_lower(kb) -> None:
    data = kb.extras["questions"]
    texts = [q["text"] for q in data["questions"]] + [g["title"] for g in data["groups"]] + list(data["page"].values())
    too_hard = {text: textstat.flesch_kincaid_grade(text) for text in texts if textstat.flesch_kincaid_grade(text) > 8}
    assert too_hard == {}


def test_question_ids_are_unique_and_groups_known(kb) -> None:
    data = kb.extras["questions"]
    ids = [q["id"] for q in data["questions"]]
    assert len(ids) == len(set(ids))
    assert {q["group"] for q in data["questions"]} == set(GROUPS)
    assert {family.question_group for family in kb.families} <= set(GROUPS)
