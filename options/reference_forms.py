"""The grade helper's form: Ki-67 and mitotic count, validated like the guided form's fields."""

from __future__ import annotations

import math

from django import forms
from django.http import QueryDict

from .forms import _field
from .kb import KnowledgeBase, knowledge_base

GRADE_FIELDS = ("ki67", "mitoses")


class GradeForm(forms.Form):
    """Ki-67 index and mitotic count. The fields (labels, limits) come from parameters.toml, so the
    grade helper accepts exactly what the guided form accepts."""

    def __init__(self, data: QueryDict | None = None, *, kb: KnowledgeBase | None = None) -> None:
        super().__init__(data)
        self.kb = kb or knowledge_base()
        for name in GRADE_FIELDS:
            self.fields[name] = _field(self.kb.parameters[name])

    def clean(self) -> dict:
        cleaned = super().clean()
        for name in GRADE_FIELDS:
            value = cleaned.get(name)
            if value is not None and not math.isfinite(float(value)):
                self.add_error(name, forms.ValidationError("Enter a smaller number.", code="too_large"))
        if not self.errors and all(cleaned.get(name) is None for name in GRADE_FIELDS):
            raise forms.ValidationError(
                "Enter the Ki-67 index, the mitotic count, or both. You find them on the pathology report.",
                code="empty",
            )
        return cleaned

    def numbers(self) -> dict[str, float | None]:
        """The validated numbers as floats (None when left blank). Call only when the form is valid."""
        return {name: (float(self.cleaned_data[name]) if self.cleaned_data.get(name) is not None else None) for name in GRADE_FIELDS}
