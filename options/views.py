"""Thin presenters over the assessment: the guided form, results, and the JSON API."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from .kb import knowledge_base
from .services import STATUS_LABELS, Evaluation, answers_summary, assessment_as_dict, assessment_evaluate, mode_from

GRADE_USED_LABELS = {
    "g1": "grade 1",
    "g2": "grade 2",
    "g3": "grade 3",
    "nec": "NEC",
    "unknown": "no grade until the pathology report says how the cells look",
}

# Parameters that steer the pages, not answers about the tumor.
NAVIGATION = ("step", "go", "mode")


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: answers without touching the database."""
    return JsonResponse({"status": "ok"})


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "options/home.html", {"steps": knowledge_base().steps})


def _answers_only(query: QueryDict) -> QueryDict:
    answers = query.copy()
    for name in NAVIGATION:
        answers.pop(name, None)
    return answers


def _step_number(raw: str | None, count: int) -> int:
    try:
        return min(max(int(raw or 1), 1), count)
    except ValueError:
        return 1


def _first_step_with_error(evaluation: Evaluation) -> int:
    for number, step in enumerate(evaluation.form.kb.steps, 1):
        if any(name in evaluation.form.errors for name in step.fields):
            return number
    return 1


def _step_url(answers: QueryDict, number: int) -> str:
    query = answers.copy()
    query["step"] = str(number)
    return f"{reverse('options:assess')}?{query.urlencode()}"


def _results_url(evaluation: Evaluation, mode: str = "patient") -> str:
    query = evaluation.query
    if mode == "clinician":
        query = f"{query}&mode=clinician" if query else "mode=clinician"
    return f"{reverse('options:results')}?{query}"


def _wizard_context(evaluation: Evaluation, answers: QueryDict, number: int) -> dict:
    kb = evaluation.form.kb
    step = kb.steps[number - 1]
    return {
        "evaluation": evaluation,
        "form": evaluation.form,
        "step": step,
        "step_number": number,
        "step_count": len(kb.steps),
        "steps": kb.steps,
        "step_fields": [evaluation.form[name] for name in step.fields],
        # Answers from the other steps ride along as hidden inputs.
        "carried": [(name, value) for name, values in answers.lists() if name not in step.fields for value in values],
        "error_summary": [
            (name, evaluation.form.fields[name].label, messages) for name, messages in evaluation.form.errors.items()
        ],
        "back_url": _step_url(answers, number - 1) if number > 1 else reverse("options:home"),
    }


def invalid_answers_response(request: HttpRequest, evaluation: Evaluation) -> HttpResponse:
    """Answers that do not validate: the guided form at the first step with a problem (400)."""
    context = _wizard_context(evaluation, _answers_only(request.GET), _first_step_with_error(evaluation))
    context["show_errors"] = True
    return render(request, "options/assess.html", context, status=400)


@require_GET
@vary_on_headers("HX-Request")
def assess(request: HttpRequest) -> HttpResponse:
    """The guided form, one question group per step. Works as plain GET; htmx swaps the step."""
    kb = knowledge_base()
    answers = _answers_only(request.GET)
    evaluation = assessment_evaluate(query=answers, kb=kb)
    current = _step_number(request.GET.get("step"), len(kb.steps))
    go = request.GET.get("go")
    partial = request.htmx and not request.htmx.history_restore_request

    target = current
    if go == "back":
        target = max(current - 1, 1)
    elif go == "next":
        fields_here = kb.steps[current - 1].fields
        if not any(name in evaluation.form.errors for name in fields_here):
            if current == len(kb.steps):
                if evaluation.assessment is None:
                    target = _first_step_with_error(evaluation)
                else:
                    url = _results_url(evaluation)
                    return HttpResponseClientRedirect(url) if partial else redirect(url)
            else:
                target = current + 1

    stay_with_errors = go == "next" and target == current
    if go and not partial and not stay_with_errors:
        # Plain GET: land on a clean URL for the step, so back, reload and bookmarks keep it.
        return redirect(_step_url(answers, target))

    context = _wizard_context(evaluation, answers, target)
    context["show_errors"] = stay_with_errors
    context["oob"] = partial  # the swapped step also refreshes the live panel
    template = "options/assess.html#wizard" if partial else "options/assess.html"
    response = render(request, template, context, status=400 if stay_with_errors and not partial else 200)
    if partial and go and not stay_with_errors:
        response["HX-Push-Url"] = _step_url(answers, target)
    return response


@require_GET
def assess_preview(request: HttpRequest) -> HttpResponse:
    """The live panel: how the options change as answers come in (htmx fragment)."""
    evaluation = assessment_evaluate(query=_answers_only(request.GET))
    return render(request, "options/assess.html#live_panel", {"evaluation": evaluation})


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    kb = knowledge_base()
    answers = _answers_only(request.GET)
    evaluation = assessment_evaluate(query=answers, kb=kb)
    if evaluation.assessment is None:
        return invalid_answers_response(request, evaluation)

    mode = mode_from(request.GET)
    assessment = evaluation.assessment
    answered = answers_summary(assessment=assessment, kb=kb, edit_url=lambda number: _step_url(answers, number))

    groups = [
        {"status": status, "label": STATUS_LABELS[status], "options": options}
        for status, options in assessment.by_status().items()
        if options
    ]
    return render(
        request,
        "options/results.html",
        {
            "assessment": assessment,
            "groups": groups,
            "answered": answered,
            "mode": mode,
            "patient_url": _results_url(evaluation),
            "clinician_url": _results_url(evaluation, "clinician"),
            "query": evaluation.query,
            "grade_label": GRADE_USED_LABELS[assessment.grade_used],
        },
    )


@require_GET
def api_assessment(request: HttpRequest) -> JsonResponse:
    """GET /api/v1/assessment — the same assessment as JSON. Unknown parameters are ignored."""
    evaluation = assessment_evaluate(query=_answers_only(request.GET))
    if evaluation.assessment is None:
        return JsonResponse({"errors": evaluation.form.errors_as_dict()}, status=400)
    data = assessment_as_dict(evaluation.assessment, mode=mode_from(request.GET), kb=evaluation.form.kb)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
