"""The decision engine: one pure function from a validated profile to an assessment.

No Django, no database, no request: the same answers always give the same assessment. Pages, the
JSON API and printouts present its result; none of them decides anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .kb import STATUS_RANK, Approach, Citation, Finding, KnowledgeBase, Rule, Texts
from .profile import Profile


@dataclass(frozen=True)
class ApproachResult:
    key: str
    name: str
    patient: Texts
    clinician: Texts
    finding: Finding
    notes: tuple[str, ...]
    citations: tuple[Citation, ...]

    @property
    def status(self) -> str:
        return self.finding.status

    def texts(self, mode: str) -> Texts:
        return self.clinician if mode == "clinician" else self.patient


@dataclass(frozen=True)
class OptionResult:
    key: str
    name: str
    patient: Texts
    clinician: Texts
    finding: Finding
    approaches: tuple[ApproachResult, ...]
    notes: tuple[str, ...]
    citations: tuple[Citation, ...]

    @property
    def status(self) -> str:
        return self.finding.status

    def texts(self, mode: str) -> Texts:
        return self.clinician if mode == "clinician" else self.patient

    @property
    def sources(self) -> tuple[Citation, ...]:
        """Documents and evidence for the option, its approaches and the rules that fired, once each."""
        seen: dict[tuple[str, str], Citation] = {}
        pools = [self.citations, self.finding.citations]
        for approach in self.approaches:
            pools += [approach.citations, approach.finding.citations]
        for pool in pools:
            for citation in pool:
                seen.setdefault((citation.source.key, citation.section), citation)
        return tuple(sorted(seen.values(), key=lambda c: c.source.kind != "document"))


@dataclass(frozen=True)
class Assessment:
    version: str
    reviewed: str
    profile: Profile
    derived_grade: str | None
    grade_used: str
    warnings: tuple[str, ...]
    safety_notes: tuple[tuple[str, tuple[Citation, ...]], ...]
    missing_information: tuple[str, ...]
    options: tuple[OptionResult, ...]

    def by_status(self) -> dict[str, list[OptionResult]]:
        groups: dict[str, list[OptionResult]] = {status: [] for status in STATUS_RANK}
        for option in self.options:
            groups[option.status].append(option)
        return groups

    def option(self, key: str) -> OptionResult:
        return next(option for option in self.options if option.key == key)


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _decide(rules: tuple[Rule, ...], answers: dict[str, Any]) -> Finding:
    for rule in rules:  # the last rule always matches
        if rule.matches(answers):
            return rule.finding
    raise AssertionError("knowledge base rule lists end with an unconditional rule")


def _assess_approach(approach: Approach, answers: dict[str, Any]) -> ApproachResult:
    return ApproachResult(
        key=approach.key,
        name=approach.name,
        patient=approach.patient,
        clinician=approach.clinician,
        finding=_decide(approach.decision_rules, answers),
        notes=tuple(note.text for note in approach.notes if note.matches(answers)),
        citations=approach.citations,
    )


def _family_finding(approaches: tuple[ApproachResult, ...]) -> Finding:
    """A family is as open as its most open approach; it carries those approaches' reasons."""
    best = min(STATUS_RANK[a.status] for a in approaches)
    leading = [a for a in approaches if STATUS_RANK[a.status] == best]
    return Finding(
        status=leading[0].status,
        reasons=_unique([reason for a in leading for reason in a.finding.reasons]),
        decides=_unique([text for a in leading for text in a.finding.decides]),
        changes=_unique([text for a in leading for text in a.finding.changes]),
        citations=tuple(c for a in leading for c in a.finding.citations),
    )


def assess(profile: Profile, kb: KnowledgeBase) -> Assessment:
    """Every option family, each with a status and the reasons drawn from the answers."""
    grade = profile.grade_finding()
    answers = profile.answers_for_rules(grade)

    options = []
    for family in kb.families:
        if family.approaches:
            approaches = tuple(_assess_approach(a, answers) for a in family.approaches)
            finding = _family_finding(approaches)
        else:
            approaches = ()
            finding = _decide(family.decision_rules, answers)
        options.append(
            OptionResult(
                key=family.key,
                name=family.name,
                patient=family.patient,
                clinician=family.clinician,
                finding=finding,
                approaches=approaches,
                notes=tuple(note.text for note in family.notes if note.matches(answers)),
                citations=family.citations,
            )
        )

    missing = [
        text
        for option in options
        for finding in [option.finding, *(a.finding for a in option.approaches)]
        if finding.status == "needs_information"
        for text in finding.decides
    ]
    return Assessment(
        version=kb.version,
        reviewed=kb.reviewed,
        profile=profile,
        derived_grade=grade.derived,
        grade_used=grade.used,
        warnings=grade.warnings,
        safety_notes=tuple((note.text, note.citations) for note in kb.safety_notes if note.matches(answers)),
        missing_information=_unique(missing),
        options=tuple(options),
    )
