"""The one validation layer: the guided form, the results page and the JSON API all use it."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.http import QueryDict

from .kb import KnowledgeBase, Parameter, knowledge_base
from .profile import Profile

MODES = (("patient", "Patient and family wording"), ("clinician", "Clinician wording"))


def _field(parameter: Parameter) -> forms.Field:
    common = {"label": parameter.label, "help_text": parameter.hint, "required": False}
    if parameter.kind == "choice":
        return forms.ChoiceField(choices=parameter.choices, widget=forms.RadioSelect, **common)
    if parameter.kind == "multi":
        return forms.MultipleChoiceField(choices=parameter.choices, widget=forms.CheckboxSelectMultiple, **common)
    field = forms.DecimalField(
        min_value=Decimal(str(parameter.min)) if parameter.min is not None else None,
        max_value=Decimal(str(parameter.max)) if parameter.max is not None else None,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        **common,
    )
    field.min_exclusive = parameter.min_exclusive  # checked in AssessmentForm.clean_<name>
    return field


class AssessmentForm(forms.Form):
    """All answers about one tumor. Nothing is required: a missing answer means "not known"."""

    def __init__(self, data: QueryDict | None = None, *, kb: KnowledgeBase | None = None) -> None:
        super().__init__(data)
        self.kb = kb or knowledge_base()
        for name, parameter in self.kb.parameters.items():
            self.fields[name] = _field(parameter)

    def _clean_number(self, name: str) -> float | None:
        value = self.cleaned_data.get(name)
        if value is None:
            return None
        limit = self.kb.parameters[name].min_exclusive
        if limit is not None and value <= Decimal(str(limit)):
            raise forms.ValidationError(f"Enter a number greater than {limit:g}.", code="min_exclusive")
        return float(value)

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound:
            return
        for name, parameter in self.kb.parameters.items():
            if parameter.kind != "number" or name in self.errors:
                continue
            try:
                self.cleaned_data[name] = self._clean_number(name)
            except forms.ValidationError as error:
                self.add_error(name, error)

    def profile(self) -> Profile:
        """The validated answers as an engine profile. Call only when the form is valid."""
        values = {}
        for name, parameter in self.kb.parameters.items():
            value = self.cleaned_data.get(name)
            if parameter.kind == "choice":
                values[name] = value or parameter.unknown
            elif parameter.kind == "multi":
                values[name] = frozenset(value or ())
            else:
                values[name] = value
        return Profile(**values)

    def errors_as_dict(self) -> dict[str, list[str]]:
        return {name: [str(message) for message in messages] for name, messages in self.errors.items()}


def answers_query(profile: Profile, *, kb: KnowledgeBase | None = None) -> QueryDict:
    """The answers as URL parameters, leaving out what is unknown (a short, shareable URL)."""
    kb = kb or knowledge_base()
    query = QueryDict(mutable=True)
    for name, parameter in kb.parameters.items():
        value = getattr(profile, name)
        if parameter.kind == "multi":
            if value:
                query.setlist(name, [v for v in parameter.values if v in value])
        elif parameter.kind == "number":
            if value is not None:
                query[name] = f"{value:g}"
        elif value != parameter.unknown:
            query[name] = value
    return query
