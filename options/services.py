"""Glue between requests and the engine: validate the answers, assess, and shape the result.

Views, the API and printouts call these; none of them decides anything themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.http import QueryDict

from .engine import Assessment, OptionResult, assess
from .forms import AssessmentForm, answers_query
from .kb import KnowledgeBase, knowledge_base

STATUS_LABELS = {
    "applicable": "Options that fit these answers",
    "consider": "Options that might fit",
    "needs_information": "Options that need more information first",
    "not_applicable": "Options that do not fit these answers",
}
STATUS_SHORT = {
    "applicable": "Fits",
    "consider": "Might fit",
    "needs_information": "Needs information",
    "not_applicable": "Does not fit",
}


@dataclass(frozen=True)
class Evaluation:
    form: AssessmentForm
    assessment: Assessment | None

    @cached_property
    def query(self) -> str:
        """The normalized answers as a URL query string (empty when invalid)."""
        if self.assessment is None:
            return ""
        return answers_query(self.assessment.profile, kb=self.form.kb).urlencode()


def assessment_evaluate(*, query: QueryDict, kb: KnowledgeBase | None = None) -> Evaluation:
    """Validate the answers in `query`; assess them if they are valid."""
    form = AssessmentForm(query, kb=kb or knowledge_base())
    if not form.is_valid():
        return Evaluation(form, None)
    return Evaluation(form, assess(form.profile(), form.kb))


def mode_from(query: QueryDict) -> str:
    return "clinician" if query.get("mode") == "clinician" else "patient"


def answers_summary(*, assessment: Assessment, kb: KnowledgeBase, edit_url: Callable[[int], str]) -> list[dict[str, str]]:
    """Each answer as a label, readable value and a link back to its step (for results and printouts)."""
    summary = []
    for number, step in enumerate(kb.steps, 1):
        for name in step.fields:
            parameter = kb.parameters[name]
            value = getattr(assessment.profile, name)
            if parameter.kind == "multi":
                shown = ", ".join(parameter.label_for(v) for v in parameter.values if v in value) or "None recorded"
            elif parameter.kind == "number":
                shown = parameter.show_number(value) if value is not None else "Not given"
            else:
                shown = parameter.label_for(value)
            summary.append({"label": parameter.label, "value": shown, "edit_url": edit_url(number)})
    return summary


def _profile_dict(assessment: Assessment, kb: KnowledgeBase) -> dict[str, Any]:
    profile = assessment.profile
    data: dict[str, Any] = {}
    for name, parameter in kb.parameters.items():
        value = getattr(profile, name)
        data[name] = sorted(value) if parameter.kind == "multi" else value
    data["derived_grade"] = assessment.derived_grade
    data["grade_used"] = assessment.grade_used
    return data


def _option_dict(option: OptionResult, mode: str) -> dict[str, Any]:
    return {
        "key": option.key,
        "name": option.name,
        "status": option.status,
        "summary": option.texts(mode).summary,
        "reasons": list(option.finding.reasons),
        "what_would_decide": list(option.finding.decides),
        "what_would_change": list(option.finding.changes),
        "approaches": [
            {
                "key": approach.key,
                "name": approach.name,
                "status": approach.status,
                "summary": approach.texts(mode).summary,
                "reasons": list(approach.finding.reasons),
            }
            for approach in option.approaches
        ],
        "sources": [citation.as_dict() for citation in option.sources],
    }


def assessment_as_dict(assessment: Assessment, *, mode: str = "patient", kb: KnowledgeBase | None = None) -> dict[str, Any]:
    """The JSON API's contract (v1). Keep names stable: other tools read them."""
    kb = kb or knowledge_base()
    return {
        "knowledge_base": {"version": assessment.version, "reviewed": assessment.reviewed},
        "disclaimer": kb.disclaimer,
        "profile": _profile_dict(assessment, kb),
        "warnings": list(assessment.warnings) + [text for text, _ in assessment.safety_notes],
        "missing_information": list(assessment.missing_information),
        "options": [_option_dict(option, mode) for option in assessment.options],
    }
