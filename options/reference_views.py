"""Reference pages: the grade helper, the glossary and "How this tool decides".

Thin presenters: the logic is in options/reference.py, the grade in options/profile.py and every
text and rule in the knowledge base. No database, no stored answers.
"""

from __future__ import annotations

from itertools import groupby
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from .kb import Citation, knowledge_base
from .reference import WHO_TABLE, decision_explanation, glossary, grade_result
from .reference_forms import GRADE_FIELDS, GradeForm


def _citation(kb_source_key: str, section: str) -> Citation:
    return Citation(knowledge_base().sources[kb_source_key], section)


@require_GET
def grade_helper(request: HttpRequest) -> HttpResponse:
    """GET /grade/?ki67=&mitoses= — WHO grade from Ki-67 and mitotic count (a plain GET form)."""
    kb = knowledge_base()
    submitted = any(name in request.GET for name in GRADE_FIELDS)
    form = GradeForm(request.GET if submitted else None, kb=kb)
    result = grade_result(**form.numbers()) if submitted and form.is_valid() else None
    # Answers from the guided form ride along (hidden inputs), so "Use this grade" returns to them.
    carried = [
        (name, value)
        for name, values in request.GET.lists()
        if name in kb.parameters and name not in ("grade", *GRADE_FIELDS)
        for value in values
    ]
    assess = reverse("options:assess")
    context = {
        "form": form,
        "result": result,
        "table": WHO_TABLE,
        "carried": carried,
        "carried_query": urlencode(carried),
        "assess_url": f"{assess}?{urlencode([*carried, *result.form_query().items()])}" if result else "",
        "nec_url": (
            f"{assess}?{urlencode([*carried, *result.form_query(grade='nec').items()])}" if result and result.grade == "g3" else ""
        ),
        "sources": {
            "table": _citation("cancernet", "Grades"),
            "differentiation": _citation("scca", "Diagnosing NETs"),
            "who": _citation("coh", "NET stages"),
            "lung": _citation("esmo_lung_2021", "Pathology and classification"),
        },
    }
    return render(request, "options/grade.html", context, status=400 if form.errors else 200)


@require_GET
def glossary_page(request: HttpRequest) -> HttpResponse:
    """GET /glossary/ — every term, alphabetical, one anchor per term."""
    terms = glossary(kb=knowledge_base())
    letters = [
        (letter, list(group))
        for letter, group in groupby(terms, key=lambda term: term.term[0].upper() if term.term[0].isalpha() else "0–9")
    ]
    return render(request, "options/glossary.html", {"letters": letters, "term_count": len(terms)})


@require_GET
def how_it_decides(request: HttpRequest) -> HttpResponse:
    """GET /how-it-decides/ — every option's rules in readable form, generated from the knowledge base."""
    return render(request, "options/how_it_decides.html", {"explanation": decision_explanation(kb=knowledge_base())})
