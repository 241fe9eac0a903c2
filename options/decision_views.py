"""Thin presenters for the decision-aid pages: compare options, what matters, my questions.

The logic lives in decision_aid.py; answers are validated by services.assessment_evaluate (the one
validation layer). Everything the person chooses lives in the URL: nothing is stored.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from . import decision_aid as aid
from .kb import knowledge_base
from .services import assessment_evaluate
from .views import invalid_answers_response


def _links(query: str) -> dict[str, str]:
    suffix = f"?{query}" if query else ""
    return {
        "results_url": f"{reverse('options:results')}{suffix}",
        "compare_url": f"{reverse('options:compare')}{suffix}",
        "questions_url": f"{reverse('options:questions')}{suffix}",
    }


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    """Options side by side (Option Grid style), with the optional "What matters to me" marks."""
    kb = knowledge_base()
    evaluation = assessment_evaluate(query=request.GET, kb=kb)
    if evaluation.assessment is None:
        return invalid_answers_response(request, evaluation)

    assessment = evaluation.assessment
    settings = aid.compare_settings(kb=kb)
    selection = aid.selection_from(requested=request.GET.getlist("compare"), assessment=assessment, settings=settings)
    ratings = aid.ratings_from(query=request.GET, settings=settings)
    errors = selection.errors + ratings.errors
    table = None
    if not errors:
        table = aid.comparison(assessment=assessment, keys=selection.keys, ratings=ratings, settings=settings)

    chosen = set(selection.keys) if not selection.errors else set(request.GET.getlist("compare"))
    context = {
        "settings": settings,
        "page": settings.page,
        "values_page": settings.values_page,
        "choices": [(option, option.key in chosen) for option in aid.list_order(assessment=assessment)],
        "values": [
            (value, [(level, label, ratings.level(value.key) == level) for level, label in enumerate(settings.levels)])
            for value in settings.values
        ],
        "rated": bool(ratings.levels) or bool(ratings.errors),
        "selection": selection,
        "errors": errors,
        "table": table,
        "query": evaluation.query,
        "carried": aid.answer_pairs(query=evaluation.query),
        **_links(evaluation.query),
    }
    return render(request, "options/compare.html", context, status=400 if errors else 200)


@require_GET
def questions(request: HttpRequest) -> HttpResponse:
    """My questions for the team: tick, add your own, print or download. Kept in the URL."""
    kb = knowledge_base()
    evaluation = assessment_evaluate(query=request.GET, kb=kb)
    if evaluation.assessment is None:
        return invalid_answers_response(request, evaluation)
    listing = aid.question_list(assessment=evaluation.assessment, answers=evaluation.query, query=request.GET, kb=kb)
    source_spec = kb.extras["questions"]["source"]
    context = {
        "groups": listing.groups,
        "picks": listing.picks,
        "sections": listing.sections,
        "page": listing.page,
        "source": kb.sources[source_spec["source"]],
        "source_section": source_spec["section"],
        # Each own question keeps its box; one empty box more to add another (up to the limit).
        "own_fields": list(listing.picks.own_fields) + ([""] if len(listing.picks.own_fields) < aid.MAX_OWN_QUESTIONS else []),
        "own_max_length": aid.MAX_OWN_LENGTH,
        "own_max_count": aid.MAX_OWN_QUESTIONS,
        "query": evaluation.query,
        "carried": aid.answer_pairs(query=evaluation.query),
        "text_url": f"{reverse('options:questions_text')}?{listing.query}",
        **_links(evaluation.query),
    }
    return render(request, "options/questions.html", context, status=400 if listing.picks.errors else 200)


@require_GET
def questions_text(request: HttpRequest) -> HttpResponse:
    """The ticked and own questions as a downloadable text file."""
    kb = knowledge_base()
    evaluation = assessment_evaluate(query=request.GET, kb=kb)
    if evaluation.assessment is None:
        messages = [f"{name}: {' '.join(errors)}" for name, errors in evaluation.form.errors_as_dict().items()]
        body = "Some answers need fixing before we can make your list:\n" + "\n".join(messages) + "\n"
        return HttpResponse(body, status=400, content_type="text/plain; charset=utf-8")
    listing = aid.question_list(assessment=evaluation.assessment, answers=evaluation.query, query=request.GET, kb=kb)
    if listing.picks.errors:
        body = "Please fix your list first:\n" + "\n".join(listing.picks.errors) + "\n"
        return HttpResponse(body, status=400, content_type="text/plain; charset=utf-8")
    body = aid.questions_text(sections=listing.sections, kb=kb, empty=listing.page["empty_list"])
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-questions-for-the-net-team.txt"'
    response["Cache-Control"] = "no-store"
    return response
