"""Reference pages: the grade helper, the glossary (page and inline definitions), "How this tool
decides" (generated from the knowledge base) and the provenance footer on every page."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import URLPattern, reverse

from options import reference_views
from options.kb import KNOWLEDGE_DIR, KnowledgeBase, KnowledgeBaseError, load
from options.kb import Test as Condition
from options.profile import grade_from_ki67, grade_from_mitoses, higher_grade
from options.reference import WHO_TABLE, decision_explanation, describe_test, glossary, split_terms

from .test_api import MIDGUT

GRADE = "/grade/"
GLOSSARY = "/glossary/"
HOW = "/how-it-decides/"
RESULTS = f"/assess/results/?{urlencode(MIDGUT)}"


def page(client: Client, url: str) -> str:
    return client.get(url).content.decode()


def copy_kb(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


# ------------------------------------------------------------------------------------------------
# Grade helper
# ------------------------------------------------------------------------------------------------


def test_grade_helper_starts_with_an_empty_form_the_table_and_no_errors(client: Client) -> None:
    response = client.get(GRADE)
    text = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get" action="/grade/"' in text
    assert 'name="ki67"' in text and 'name="mitoses"' in text
    assert "Please check" not in text and 'aria-invalid="true"' not in text
    for row in ("Less than 2", "Less than 3%", "2 to 20", "3% to 20%", "More than 20", "More than 20%"):
        assert "<td data-label" in text and row in text
    assert "Cancer.Net (ASCO)" in text and "Grades" in text


@pytest.mark.parametrize(
    ("query", "grade"),
    [
        ({"ki67": "2.9"}, "g1"),
        ({"ki67": "3"}, "g2"),
        ({"ki67": "20"}, "g2"),
        ({"ki67": "20.1"}, "g3"),
        ({"mitoses": "1"}, "g1"),
        ({"mitoses": "2"}, "g2"),
        ({"mitoses": "21"}, "g3"),
        ({"ki67": "1", "mitoses": "1"}, "g1"),
        ({"ki67": "12", "mitoses": "3", "ignored": "x"}, "g2"),
    ],
)
def test_grade_helper_gives_the_who_grade(client: Client, query: dict, grade: str) -> None:
    response = client.get(f"{GRADE}?{urlencode(query)}")
    text = response.content.decode()
    assert response.status_code == 200
    number = grade[1]
    assert f'<span class="grade-value">Grade {number}</span>' in text
    assert f'<tr class="match">\n          <th scope="row">Grade {number} (G{number})' in text
    link = re.search(r'<a class="button primary" href="(/assess/\?[^"]+)">Use grade', text).group(1)
    params = parse_qs(urlsplit(html.unescape(link)).query)
    assert params["step"] == ["2"] and params["grade"] == [grade]
    for name in ("ki67", "mitoses"):
        assert params.get(name) == ([query[name]] if name in query else None)


@pytest.mark.parametrize(("ki67", "mitoses"), [(2, 25), (25, 1), (12, 1), (1, 5), (20, 20), (21, 0)])
def test_discordant_numbers_give_the_higher_grade_and_say_so(client: Client, ki67: float, mitoses: float) -> None:
    text = page(client, f"{GRADE}?ki67={ki67}&mitoses={mitoses}")
    expected = higher_grade(grade_from_ki67(ki67), grade_from_mitoses(mitoses))
    assert f'<span class="grade-value">Grade {expected[1]}</span>' in text
    discordant = grade_from_ki67(ki67) != grade_from_mitoses(mitoses)
    assert ("<strong>The two numbers disagree.</strong>" in text) == discordant
    if discordant:
        assert "When they disagree the higher grade counts" in text  # options/profile.py's own words
        assert f"grade={expected}&amp;ki67={ki67}&amp;mitoses={mitoses}" in text


def test_a_grade_3_result_also_offers_nec_without_choosing_it(client: Client) -> None:
    text = page(client, f"{GRADE}?ki67=40")
    assert "grade=g3&amp;ki67=40" in text
    assert "grade=nec&amp;ki67=40" in text and "use NEC in the guided questions instead" in text
    assert "grade=nec" not in page(client, f"{GRADE}?ki67=10")


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"ki67": "abc"}, "ki67", "Enter a number."),
        ({"ki67": "150"}, "ki67", "less than or equal to 100"),
        ({"ki67": "-1"}, "ki67", "greater than or equal to 0"),
        ({"mitoses": "-3"}, "mitoses", "greater than or equal to 0"),
        ({"ki67": "NaN"}, "ki67", "Enter a number."),
        ({"mitoses": "Infinity"}, "mitoses", "Enter a number."),
        ({"mitoses": "1e999"}, "mitoses", "Enter a smaller number."),
        ({"ki67": "5", "mitoses": "two"}, "mitoses", "Enter a number."),
    ],
)
def test_bad_numbers_get_a_form_error_not_a_result(client: Client, query: dict, field: str, message: str) -> None:
    response = client.get(f"{GRADE}?{urlencode(query)}")
    text = response.content.decode()
    assert response.status_code == 400
    assert message in text
    assert f'id="id_{field}_error"' in text and 'aria-invalid="true"' in text
    assert f'href="#id_{field}"' in text  # the error summary links to the field
    assert "grade-value" not in text and "/assess/?" not in text.split("<footer")[0].split("Pitfalls")[0]
    assert f'value="{html.escape(query[field])}"' in text  # what was typed is shown again


def test_submitting_no_numbers_asks_for_one(client: Client) -> None:
    response = client.get(f"{GRADE}?ki67=&mitoses=")
    assert response.status_code == 400
    assert "Enter the Ki-67 index, the mitotic count, or both" in response.content.decode()


def test_the_result_carries_into_the_guided_form_with_the_earlier_answers(client: Client) -> None:
    text = page(client, f"{GRADE}?site=pancreas&stage=metastatic&ki67=12&mitoses=1&grade=g1&evil=%3Cscript%3E")
    assert '<input type="hidden" name="site" value="pancreas">' in text
    assert 'name="grade"' not in text and "evil" not in text  # only known answers ride along; no stale grade
    link = html.unescape(re.search(r'<a class="button primary" href="([^"]+)">Use grade', text).group(1))
    assert parse_qs(urlsplit(link).query) == {
        "site": ["pancreas"], "stage": ["metastatic"], "step": ["2"], "grade": ["g2"], "ki67": ["12"], "mitoses": ["1"]
    }
    step = page(client, link)  # lands on the grade step with everything filled in
    assert "How fast is it growing?" in step
    assert re.search(r'<input type="radio" name="grade" value="g2"[^>]*checked', step)
    assert 'name="ki67" id="id_ki67"\n         value="12"' in step
    assert '<input type="hidden" name="site" value="pancreas">' in step


def test_the_grade_step_links_to_the_helper_with_the_answers(client: Client) -> None:
    text = page(client, "/assess/?step=2&site=lung&stage=regional")
    assert '<a href="/grade/?site=lung&amp;stage=regional">grade helper</a>' in text


def test_who_table_rows_agree_with_the_profile_thresholds() -> None:
    """The printed table and options/profile.py (the one source of truth) must not drift apart."""
    assert [row.grade for row in WHO_TABLE] == ["g1", "g2", "g3"]
    samples = {"g1": ([0, 1.99], [0, 2.99]), "g2": ([2, 20], [3, 20]), "g3": ([20.01, 50], [20.01, 80])}
    for row in WHO_TABLE:
        mitoses, ki67 = samples[row.grade]
        assert {grade_from_mitoses(m) for m in mitoses} == {row.grade}, row
        assert {grade_from_ki67(k) for k in ki67} == {row.grade}, row


def test_grade_helper_explains_use_pitfalls_and_sources(client: Client) -> None:
    text = page(client, GRADE)
    for words in ("When to use it", "The two numbers disagree", "the higher grade counts", "differentiation",
                  "typical carcinoid", "atypical carcinoid", "ESMO", "Lung and thymic carcinoids"):
        assert words in text, words


# ------------------------------------------------------------------------------------------------
# Glossary
# ------------------------------------------------------------------------------------------------

REQUIRED_TERMS = (
    "Ki-67", "mitotic count", "SSTR", "somatostatin receptor", "DOTATATE PET", "PRRT", "debulking", "embolization",
    "ablation", "functional", "carcinoid syndrome", "carcinoid crisis", "somatostatin analog", "NEC",
    "well differentiated", "poorly differentiated", "grade", "stage", "metastatic", "resectable", "primary site",
    "5-HIAA", "endoscopy", "endoscopic ultrasound", "targeted therapy", "chemotherapy", "clinical trial",
    "supportive care", "palliative care", "multidisciplinary team", "tumor board", "interventional radiologist",
    "hemicolectomy", "lymph nodes",
)


def test_glossary_has_every_term_a_patient_may_not_know(kb: KnowledgeBase) -> None:
    names = {form.casefold() for term in glossary(kb=kb) for form in term.forms}
    missing = [term for term in REQUIRED_TERMS if term.casefold() not in names]
    assert not missing, missing


def test_every_glossary_term_cites_a_source_document(kb: KnowledgeBase) -> None:
    for term in glossary(kb=kb):
        assert any(c.source.kind == "document" for c in term.citations), term.key


def test_glossary_page_is_alphabetical_with_an_anchor_per_term(client: Client, kb: KnowledgeBase) -> None:
    text = page(client, GLOSSARY)
    terms = glossary(kb=kb)
    positions = [text.index(f'id="{term.anchor}"') for term in terms]
    assert positions == sorted(positions)
    assert [t.term.casefold() for t in terms] == sorted(t.term.casefold() for t in terms)
    assert len(set(re.findall(r'id="(term-[^"]+)"', text))) == len(terms)
    ki67 = next(term for term in terms if term.key == "ki-67")
    assert html.escape(ki67.definition) in text
    assert "Cancer.Net (ASCO)" in text and "Grades" in text
    assert '<a href="#letter-k">' in text


def _broken_glossary(tmp_path: Path, old: str, new: str) -> KnowledgeBase:
    directory = copy_kb(tmp_path)
    path = directory / "glossary.toml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return load(directory)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('source = "cancernet", section = "Grades" }]', 'source = "wikipedia", section = "Grades" }]', "unknown source"),
        ('key = "ablation"', 'key = "biopsy"', "unique"),
        ('aliases = ["radiofrequency ablation", "RFA"]', 'aliases = ["Biopsy"]', "already a name"),
        ('key = "ablation"', 'key = "ablation"\nalias = ["x"]', "unknown field"),
    ],
)
def test_glossary_mistakes_are_caught(tmp_path: Path, old: str, new: str, message: str) -> None:
    broken = _broken_glossary(tmp_path, old, new)
    with pytest.raises(KnowledgeBaseError, match=message):
        glossary(kb=broken)


def test_a_term_without_a_source_document_is_refused(tmp_path: Path) -> None:
    broken = _broken_glossary(
        tmp_path,
        'sources = [{ source = "cancernet", section = "Types of Treatment: Liver-directed treatment" }]',
        'sources = [{ source = "nccn", section = "Liver" }]',
    )
    with pytest.raises(KnowledgeBaseError, match="source document"):
        glossary(kb=broken)


def test_split_terms_marks_the_first_occurrence_of_whole_words_only(kb: KnowledgeBase) -> None:
    text = "Nonfunctional tumors are not functional ones. A functional NET. The SSTR scan. nec is not NEC."
    marked = [(piece.text, piece.term.key) for piece in split_terms(text, kb=kb) if piece.term]
    assert marked == [("Nonfunctional", "nonfunctional"), ("functional", "functional"), ("SSTR scan", "dotatate-pet"), ("NEC", "nec")]
    assert "".join(piece.text for piece in split_terms(text, kb=kb)) == text


def test_split_terms_prefers_the_longest_name_and_skips_terms_already_marked(kb: KnowledgeBase) -> None:
    seen: set[str] = set()
    first = split_terms("A DOTATATE PET scan shows somatostatin receptors.", kb=kb, skip=seen)
    assert [p.text for p in first if p.term] == ["DOTATATE PET scan", "somatostatin receptors"]
    second = split_terms("Another DOTATATE PET and the SSTR again; carcinoid crisis.", kb=kb, skip=seen)
    assert [p.text for p in second if p.term] == ["carcinoid crisis"]


def _render(text: str, **context) -> str:
    request = RequestFactory().get("/")
    template = Template("{% load glossary %}{% glossed text scope=scope mode=mode %}|{% glossed text scope=scope mode=mode %}")
    return template.render(Context({"request": request, "text": text, "scope": "", "mode": "patient", **context}))


def test_inline_definition_markup_is_an_accessible_link_with_a_tooltip(kb: KnowledgeBase) -> None:
    out = _render("Ask about <b>PRRT</b> & Ki-67.")
    assert "&lt;b&gt;" in out and "&amp;" in out and "<b>" not in out  # the text is escaped
    links = re.findall(r'<a href="/glossary/#term-prrt" class="term-link" aria-describedby="([^"]+)">PRRT</a>', out)
    tips = re.findall(r'<span class="term-tip" role="tooltip" id="([^"]+)">([^<]+)</span>', out)
    assert len(links) == 2 and len({*links}) == 2  # unique ids on one page, even for the same text twice
    assert set(links) <= {tip_id for tip_id, _ in tips}
    prrt = next(term for term in glossary(kb=kb) if term.key == "prrt")
    assert html.escape(prrt.definition, quote=True) in out


def test_with_a_scope_each_term_is_marked_once_and_clinician_wording_is_left_plain() -> None:
    assert _render("Chemotherapy again.", scope="chemo").count('class="term-link"') == 1
    assert "term-link" not in _render("Chemotherapy and PRRT.", mode="clinician")


def _ids_are_unique_and_resolve(text: str) -> None:
    ids = re.findall(r'\sid="([^"]+)"', text)
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1][:5]
    for target in re.findall(r'aria-describedby="([^"]+)"', text):
        for one in target.split():
            assert one in ids, one


def test_results_in_patient_wording_define_terms_inline(client: Client) -> None:
    text = page(client, RESULTS)
    assert text.count('class="term-tip" role="tooltip"') >= 10
    for key in ("carcinoid-syndrome", "prrt", "dotatate-pet"):
        assert f'href="/glossary/#term-{key}" class="term-link"' in text, key
    _ids_are_unique_and_resolve(text)
    options = text.split('<article class="option')[1:]
    for card in options:
        keys = re.findall(r'href="/glossary/#(term-[^"]+)" class="term-link"', card)
        assert len(keys) == len(set(keys))  # once per option card


def test_results_in_clinician_wording_have_no_tooltips(client: Client) -> None:
    assert "term-tip" not in page(client, f"{RESULTS}&mode=clinician")


def test_form_hints_define_terms_inline(client: Client) -> None:
    text = page(client, "/assess/?step=5")
    hint = re.search(r'<p class="hint" id="id_sstr_hint">(.*?)</p>', text, re.S).group(1)
    assert 'href="/glossary/#term-dotatate-pet"' in hint and 'role="tooltip"' in hint
    _ids_are_unique_and_resolve(text)
    partial = client.get("/assess/?step=4&go=next", headers={"HX-Request": "true"}).content.decode()
    assert 'href="/glossary/#term-dotatate-pet"' in partial


def test_tooltips_show_on_hover_and_keyboard_focus_in_css() -> None:
    css = (Path(__file__).resolve().parent.parent / "static" / "css" / "app.css").read_text()
    assert ".term:hover > .term-tip, .term:focus-within > .term-tip { display: block; }" in css
    assert re.search(r"\.term-tip \{\s*display: none;", css)


# ------------------------------------------------------------------------------------------------
# How this tool decides
# ------------------------------------------------------------------------------------------------


def test_how_it_decides_shows_identity_and_update_policy(client: Client, kb: KnowledgeBase) -> None:
    text = page(client, HOW)
    for value in (kb.version, kb.reviewed, kb.reviewed_by, kb.update_policy.split(".")[0]):
        assert html.escape(value) in text, value


def test_how_it_decides_lists_every_rule_of_every_option_in_order(client: Client, kb: KnowledgeBase) -> None:
    text = page(client, HOW)
    for family in kb.families:
        section = text.split(f'id="family-{family.key}"')[1].split('<section class="family-rules"')[0]
        lists = [(a.name, a.rules) for a in family.approaches] or [(family.name, family.rules)]
        for name, rules in lists:
            assert html.escape(name) in section
            start = section.index(f'aria-label="Rules for {html.escape(name)}, in order"')
            positions = [section.index(html.escape(rule.reason), start) for rule in rules]
            assert positions == sorted(positions), (family.key, name)


def test_each_result_card_links_to_its_rules(client: Client, kb: KnowledgeBase) -> None:
    results, how = page(client, RESULTS), page(client, HOW)
    for family in kb.families:
        assert f'href="/how-it-decides/#family-{family.key}">See every rule for {html.escape(family.name)}</a>' in results
        assert f'id="family-{family.key}"' in how


def test_rules_read_as_conditions_with_labels(client: Client) -> None:
    text = html.unescape(page(client, HOW))
    assert (
        "If grade on the pathology report is “Poorly differentiated neuroendocrine carcinoma (NEC)” and how far it "
        "has spread (stage) is “Metastatic: spread to far parts of the body”" in text
    )
    assert "size of the main tumor (cm) ≤ 2 cm" in text
    assert "treatments you have already had include" in text
    assert "Otherwise" in text and "Does not fit" in text and "Needs information" in text
    assert "What would decide it:" in text and "What could change it:" in text
    assert "Rules checked first for every option" in text and "Not used for: Clinical trials, Supportive care" in text
    assert "Safety notes" in text and "Carcinoid crisis" in text


def test_describe_test_covers_every_kind_of_condition(kb: KnowledgeBase) -> None:
    assert describe_test(Condition("size_cm", number=(("above", 1.0), ("at_most", 2.0))), kb=kb) == "size of the main tumor (cm) > 1 cm and ≤ 2 cm"
    assert describe_test(Condition("ki67", number=(("at_least", 10.0),)), kb=kb) == "Ki-67 index (%) ≥ 10%"
    assert describe_test(Condition("size_cm", unknown=True), kb=kb) == "size of the main tumor (cm) is not given"
    assert describe_test(Condition("mitoses", unknown=False), kb=kb) == "mitotic count (per 2 mm²) is given"
    assert describe_test(Condition("stage", values=("localized", "regional")), kb=kb) == (
        "how far it has spread (stage) is “Localized: only where it started” or “Regional: nearby tissue or lymph nodes”"
    )
    assert describe_test(Condition("bone_mets", values=("yes",)), kb=kb) == "the answer to “Has it spread to the bones?” is “Yes”"
    assert describe_test(Condition("prior", includes=("ssa", "prrt")), kb=kb) == (
        "treatments you have already had include “Somatostatin analog (octreotide or lanreotide)” or “PRRT (Lutathera)”"
    )
    assert describe_test(Condition("prior", excludes=("prrt", "surgery")), kb=kb) == (
        "treatments you have already had include none of “PRRT (Lutathera)” and “Surgery”"
    )


def _edit(directory: Path, file: str, old: str, new: str) -> None:
    path = directory / file
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_changing_the_knowledge_base_changes_the_page_with_no_template_edit(
    tmp_path: Path, client: Client, monkeypatch: pytest.MonkeyPatch, kb: KnowledgeBase
) -> None:
    directory = copy_kb(tmp_path)
    old_reason = kb.family("surveillance").rules[0].reason
    _edit(directory, "families/surveillance.toml", old_reason, "Edited reason: NEC is never watched.")
    _edit(directory, "families/surveillance.toml", "size_cm = { at_most = 2 }", "size_cm = { at_most = 3 }")
    _edit(directory, "meta.toml", 'version = "', 'version = "99.')
    edited = load(directory)

    before, after = decision_explanation(kb=kb), decision_explanation(kb=edited)
    texts_before = [r.text for r in before.families[0].lists[0].rules]
    texts_after = [r.text for r in after.families[0].lists[0].rules]
    assert texts_before != texts_after
    assert any("Edited reason: NEC is never watched." in t for t in texts_after)
    assert any("size of the main tumor (cm) ≤ 3 cm" in t for t in texts_after)
    assert after.version.startswith("99.")

    monkeypatch.setattr(reference_views, "knowledge_base", lambda: edited)
    text = html.unescape(page(client, HOW))
    assert "Edited reason: NEC is never watched." in text and old_reason not in text.split('id="family-surgery"')[0]
    assert "size of the main tumor (cm) ≤ 3 cm" in text
    assert f"<dd>{after.version}</dd>" in text


def test_a_new_rule_appears_on_the_page(tmp_path: Path, client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = copy_kb(tmp_path)
    path = directory / "families" / "radiation.toml"
    text = path.read_text()
    first = text.index("[[approaches.rules]]")
    rule = (
        '[[approaches.rules]]\nwhen = { fitness = ["limited"], size_cm = { at_least = 9 } }\nstatus = "consider"\n'
        'reason = "A brand new rule for this test."\nsources = [{ source = "cancernet", section = "Types of Treatment" }]\n\n'
    )
    path.write_text(text[:first] + rule + text[first:])
    edited = load(directory)
    monkeypatch.setattr(reference_views, "knowledge_base", lambda: edited)
    page_text = html.unescape(page(client, HOW))
    assert "If general health is “Limited: older age or other health problems” and size of the main tumor (cm) ≥ 9 cm" in page_text
    assert "A brand new rule for this test." in page_text


# ------------------------------------------------------------------------------------------------
# Provenance footer, every page
# ------------------------------------------------------------------------------------------------


# Views that answer with something other than a full page (JSON, a text file, an htmx fragment).
FRAGMENTS = ("api_assessment", "questions_text", "assess_preview")


def _html_pages() -> list[str]:
    """Every page the app serves (found from the URL patterns, so new pages are covered too)."""
    from options.urls import urlpatterns

    urls = []
    for pattern in urlpatterns:
        if not isinstance(pattern, URLPattern) or "<" in str(pattern.pattern) or pattern.name in FRAGMENTS:
            continue
        urls.append(reverse(f"options:{pattern.name}") + f"?{urlencode(MIDGUT)}")
    return urls + ["/", "/assess/?step=3", f"{RESULTS}&mode=clinician", GRADE, f"{GRADE}?ki67=abc", "/assess/results/?site=liver"]


def _footer(text: str) -> str:
    return text[text.index('<footer class="site-footer">') : text.index("</footer>")]


@pytest.mark.parametrize("url", _html_pages())
def test_every_page_has_the_provenance_footer(client: Client, kb: KnowledgeBase, url: str) -> None:
    response = client.get(url)
    assert "text/html" in response["Content-Type"] and b"<html" in response.content
    footer = _footer(response.content.decode())
    assert f"version {kb.version}" in footer and f"reviewed {kb.reviewed}" in footer
    assert html.escape(kb.disclaimer) in footer
    assert "not a recommendation" in footer.lower() and "NET team" in footer
    assert re.search(r'<a class="print-url" href="/how-it-decides/" data-print-url="http://testserver/how-it-decides/">How this tool decides</a>', footer)
    for href, words in (("/grade/", "Grade helper"), ("/glossary/", "Glossary"), ("/how-it-decides/", "How this tool decides")):
        assert f'<a href="{href}">{words}</a>' in footer


def test_the_footer_pages_are_all_checked() -> None:
    pages = " ".join(_html_pages())
    for url in (GRADE, GLOSSARY, HOW, "/assess/results/", "/assess/"):
        assert url in pages


def test_the_provenance_prints(client: Client) -> None:
    footer = _footer(page(client, GLOSSARY))
    printed = footer.split('class="no-print"')[0]  # everything before the hidden nav prints
    assert "Knowledge base version" in printed and "How this tool decides" in printed and "disclaimer" in printed
    css = (Path(__file__).resolve().parent.parent / "static" / "css" / "app.css").read_text()
    print_css = " ".join(re.findall(r"@media print \{(.*?)\n\}", css, re.S))
    assert '.site-footer .print-url::after { content: " (" attr(data-print-url) ")"' in print_css
    hidden = [selectors for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", print_css) if "display: none" in body]
    for selector in (one.strip() for selectors in hidden for one in selectors.split(",")):
        subject = selector.split()[-1]  # the element the rule hides
        for part in ("site-footer", "provenance-line", "print-url", "disclaimer"):
            assert not re.search(rf"\.{part}(?![\w-])", subject), f"print CSS hides the provenance: {selector}"


@pytest.mark.django_db
@pytest.mark.parametrize("url", [GRADE, f"{GRADE}?ki67=12&mitoses=3", f"{GRADE}?ki67=x", GLOSSARY, HOW])
def test_reference_pages_use_no_database_and_no_inline_code(client: Client, django_assert_num_queries, url: str) -> None:
    with django_assert_num_queries(0):
        response = client.get(url)
    text = response.content.decode()
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "style=" not in text and "hx-on" not in text
    assert not re.search(r"<script(?![^>]*\bsrc=)", text)  # every script is a file


@pytest.mark.parametrize("url", [GRADE, GLOSSARY, HOW])
def test_reference_pages_only_answer_get(client: Client, url: str) -> None:
    assert client.post(url).status_code == 405


# ------------------------------------------------------------------------------------------------
# In a browser: tooltips on hover and keyboard focus, and the printed footer
# ------------------------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 360])
def test_tooltips_open_on_focus_and_hover_and_stay_on_screen(browser, live_server, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    tab.goto(live_server.url + RESULTS)
    tips = tab.locator(".term-tip")
    assert tips.count() > 5 and not tips.first.is_visible()
    for _ in range(200):  # keyboard only: Tab until a defined term has focus
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.matches('.term-link')"):
            break
    else:
        raise AssertionError("no defined term reachable with Tab")
    tip_id = tab.evaluate("document.activeElement.getAttribute('aria-describedby')")
    tip = tab.locator(f"#{tip_id}")
    assert tip.is_visible()
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    tab.keyboard.press("Escape")
    assert not tip.is_visible()  # dismissible without moving focus (WCAG 1.4.13)
    tab.keyboard.press("Tab")
    other = tab.locator(".term-link").nth(3)
    other.hover()
    hovered = tab.locator("#" + other.get_attribute("aria-describedby"))
    assert hovered.is_visible()
    hovered.hover()  # the pointer can move onto the tooltip without it closing
    assert hovered.is_visible()
    tab.mouse.move(0, 0)
    assert not hovered.is_visible()
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_printed_footer_keeps_version_disclaimer_and_the_rules_link(page, live_server, kb: KnowledgeBase) -> None:
    page.goto(live_server.url + RESULTS)
    page.emulate_media(media="print")
    assert page.locator(".site-footer .disclaimer").is_visible()
    footer = page.locator(".site-footer").inner_text()
    assert f"version {kb.version}" in footer and kb.reviewed in footer and "How this tool decides" in footer
    after = page.evaluate("getComputedStyle(document.querySelector('.site-footer .print-url'), '::after').content")
    assert f"{live_server.url}/how-it-decides/" in after
    assert not page.locator(".term-tip").first.is_visible()
