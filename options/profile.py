"""One tumor's answers, and the WHO grade derived from Ki-67 and mitotic count. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

GRADE_ORDER = ("g1", "g2", "g3")
GRADE_LABELS = {"g1": "grade 1", "g2": "grade 2", "g3": "grade 3", "nec": "NEC"}


def grade_from_ki67(ki67: float) -> str:
    """WHO 2019/2022 (Cancer.Net Grades table): < 3% G1, 3–20% G2, > 20% G3."""
    if ki67 < 3:
        return "g1"
    if ki67 <= 20:
        return "g2"
    return "g3"


def grade_from_mitoses(mitoses: float) -> str:
    """WHO (Cancer.Net Grades table): < 2 per 2 mm² G1, 2–20 G2, > 20 G3."""
    if mitoses < 2:
        return "g1"
    if mitoses <= 20:
        return "g2"
    return "g3"


def higher_grade(*grades: str) -> str:
    return max(grades, key=GRADE_ORDER.index)


@dataclass(frozen=True)
class GradeFinding:
    """What the numbers say about grade, and which grade the engine uses."""

    derived: str | None  # from the numbers alone (never "nec")
    used: str  # the grade the rules see
    warnings: tuple[str, ...]


def grade_from_lung_mitoses(mitoses: float) -> str:
    """Lung carcinoids (WHO thoracic; ESMO lung 2021): < 2 per 2 mm² typical (≈ G1), 2–10 atypical
    (≈ G2); above 10 is the carcinoma range, which only the pathologist can call."""
    if mitoses < 2:
        return "g1"
    if mitoses <= 10:
        return "g2"
    return "g3"


UNKNOWN_HIGH_GRADE = (
    "The numbers point to grade 3. That can be a grade 3 NET or an NEC, and how the cells look "
    "decides which. Please check the pathology report. Until then this tool treats the grade as not known."
)
LUNG_KI67 = (
    "For lung NETs, the grade comes mostly from the mitotic count and dead tumor tissue, not Ki-67. "
    "Check the report for typical or atypical carcinoid. This tool does not grade a lung NET by Ki-67."
)


def grade_finding(*, grade: str, ki67: float | None, mitoses: float | None, site: str = "") -> GradeFinding:
    warnings: list[str] = []
    by_number = {}
    lung = site == "lung"
    if ki67 is not None:
        if lung:
            warnings.append(LUNG_KI67)
        else:
            by_number["Ki-67"] = grade_from_ki67(ki67)
    if mitoses is not None:
        by_number["mitotic count"] = grade_from_lung_mitoses(mitoses) if lung else grade_from_mitoses(mitoses)
    derived = higher_grade(*by_number.values()) if by_number else None

    if len(set(by_number.values())) > 1:
        warnings.append(
            f"Ki-67 points to {GRADE_LABELS[by_number['Ki-67']]} and the mitotic count to "
            f"{GRADE_LABELS[by_number['mitotic count']]}. When they disagree the higher grade counts, "
            f"so the numbers point to {GRADE_LABELS[derived]}."
        )

    if grade == "nec":
        # Poor differentiation is a pathology finding; numbers never make or unmake a NEC.
        if ki67 is not None and ki67 <= 20:
            warnings.append(
                "You chose NEC, but a Ki-67 of 20% or less is unusual for NEC. Please check the pathology "
                "report; this tool keeps NEC because differentiation, not Ki-67, decides it."
            )
        return GradeFinding(derived, "nec", tuple(warnings))
    if derived is None:
        return GradeFinding(None, grade, tuple(warnings))
    if grade == "unknown":
        if derived == "g3":
            # Grade 3 numbers fit a well-differentiated G3 NET and an NEC alike: do not guess which.
            warnings.append(UNKNOWN_HIGH_GRADE)
            return GradeFinding(derived, "unknown", tuple(warnings))
        return GradeFinding(derived, derived, tuple(warnings))
    if grade != derived:
        used = higher_grade(grade, derived)
        warnings.append(
            f"You chose {GRADE_LABELS[grade]}, but the numbers point to {GRADE_LABELS[derived]}. "
            f"Please check the pathology report. Until then this tool uses the higher one, {GRADE_LABELS[used]}."
        )
        return GradeFinding(derived, used, tuple(warnings))
    return GradeFinding(derived, grade, tuple(warnings))


@dataclass(frozen=True)
class Profile:
    """Validated answers about one tumor. Missing answers are "unknown" (or None for numbers)."""

    site: str = "unknown_primary"
    grade: str = "unknown"
    ki67: float | None = None
    mitoses: float | None = None
    stage: str = "unknown"
    liver_dominant: str = "unknown"
    bone_mets: str = "unknown"
    size_cm: float | None = None
    functional: str = "unknown"
    sstr: str = "unknown"
    resectability: str = "unknown"
    fitness: str = "unknown"
    progression: str = "unknown"
    prior: frozenset[str] = field(default_factory=frozenset)

    def grade_finding(self) -> GradeFinding:
        return grade_finding(grade=self.grade, ki67=self.ki67, mitoses=self.mitoses, site=self.site)

    def answers_for_rules(self, grade: GradeFinding) -> dict[str, Any]:
        """The answers the rules test; `grade` is the grade in use after checking the numbers."""
        answers = {name: getattr(self, name) for name in self.__dataclass_fields__}
        answers["grade"] = grade.used
        return answers
