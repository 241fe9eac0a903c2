"""Load the knowledge base (TOML files in options/knowledge/) into frozen, validated objects.

Pure Python: no Django. The files are the single source of truth for questions, options, rules,
texts and sources; this module only checks them and gives them types.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

KNOWLEDGE_DIR = Path(__file__).resolve().parent / "knowledge"

STATUSES = ("applicable", "consider", "needs_information", "not_applicable")
STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}

FAMILY_ORDER = (
    "surveillance",
    "surgery",
    "ssa",
    "symptom_control",
    "targeted_therapy",
    "prrt",
    "chemotherapy",
    "liver_directed",
    "radiation",
    "immunotherapy",
    "clinical_trial",
    "supportive_care",
)

# Numeric comparisons a rule may use, with their readable form.
NUMBER_TESTS = {
    "below": ("<", lambda value, limit: value < limit),
    "at_most": ("≤", lambda value, limit: value <= limit),
    "above": (">", lambda value, limit: value > limit),
    "at_least": ("≥", lambda value, limit: value >= limit),
}


class KnowledgeBaseError(ValueError):
    """The knowledge-base files are inconsistent; the message says where."""


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # "choice", "number" or "multi"
    label: str
    hint: str
    choices: tuple[tuple[str, str], ...] = ()
    unknown: str | None = None
    min: float | None = None
    min_exclusive: float | None = None
    max: float | None = None
    unit: str = ""

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _ in self.choices)

    def label_for(self, value: str) -> str:
        return dict(self.choices).get(value, value)

    def show_number(self, value: float) -> str:
        """12 → "12%", 1.5 → "1.5 cm": how a number answer or limit reads on a page."""
        if not self.unit:
            return f"{value:g}"
        return f"{value:g}{self.unit}" if self.unit == "%" else f"{value:g} {self.unit}"


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    key: str
    kind: str
    publisher: str
    title: str
    date: str


@dataclass(frozen=True)
class Citation:
    source: Source
    section: str

    def as_dict(self) -> dict[str, str]:
        return {"publisher": self.source.publisher, "title": self.source.title, "section": self.section}


@dataclass(frozen=True)
class Test:
    """One parameter's condition inside a rule."""

    parameter: str
    values: frozenset[str] = frozenset()  # choice: value in values
    number: tuple[tuple[str, float], ...] = ()  # number: all comparisons hold
    unknown: bool | None = None  # number: True = left blank, False = given
    includes: frozenset[str] = frozenset()  # multi: any of these was given
    excludes: frozenset[str] = frozenset()  # multi: none of these was given

    def holds(self, answers: dict[str, Any]) -> bool:
        value = answers[self.parameter]
        if self.values:
            return value in self.values
        if self.unknown is not None:
            return (value is None) == self.unknown
        if self.number:
            return value is not None and all(NUMBER_TESTS[op][1](value, limit) for op, limit in self.number)
        if self.includes:
            return not self.includes.isdisjoint(value)
        if self.excludes:
            return self.excludes.isdisjoint(value)
        return True


@dataclass(frozen=True)
class Finding:
    """The status of one option or approach and why."""

    status: str
    reasons: tuple[str, ...]
    decides: tuple[str, ...]  # what would settle a needs_information status
    changes: tuple[str, ...]  # what would change a not_applicable status
    citations: tuple[Citation, ...]  # evidence behind the rules that fired


@dataclass(frozen=True)
class Rule:
    tests: tuple[Test, ...]
    status: str
    reason: str
    decides: str = ""  # for needs_information: which test or fact would decide it
    change: str = ""  # for not_applicable: what would change that
    citations: tuple[Citation, ...] = ()
    finding: Finding = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # What this rule says when it fires; built once, shared by every assessment.
        outcome = Finding(
            status=self.status,
            reasons=(self.reason,),
            decides=(self.decides,) if self.decides else (),
            changes=(self.change,) if self.change else (),
            citations=self.citations,
        )
        object.__setattr__(self, "finding", outcome)

    def matches(self, answers: dict[str, Any]) -> bool:
        for test in self.tests:  # a plain loop: this is the engine's hot path
            if not test.holds(answers):
                return False
        return True


@dataclass(frozen=True)
class Note:
    tests: tuple[Test, ...]
    text: str
    citations: tuple[Citation, ...] = ()

    def matches(self, answers: dict[str, Any]) -> bool:
        return all(test.holds(answers) for test in self.tests)


@dataclass(frozen=True)
class Texts:
    """Patient- or clinician-language text for an option or approach. Empty strings are allowed."""

    summary: str
    goal: str = ""
    how_given: str = ""
    schedule: str = ""
    where: str = ""
    side_effects: str = ""
    serious_risks: str = ""
    before_starting: str = ""
    daily_life: str = ""
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Approach:
    key: str
    name: str
    patient: Texts
    clinician: Texts
    rules: tuple[Rule, ...]  # this approach's own rules (then the family's shared rules)
    notes: tuple[Note, ...]
    citations: tuple[Citation, ...]
    decision_rules: tuple[Rule, ...] = ()  # global rules + rules: what the engine runs


@dataclass(frozen=True)
class Family:
    key: str
    name: str
    question_group: str
    patient: Texts
    clinician: Texts
    citations: tuple[Citation, ...]
    rules: tuple[Rule, ...]  # only for families without approaches
    approaches: tuple[Approach, ...]
    notes: tuple[Note, ...]
    decision_rules: tuple[Rule, ...] = ()  # global rules + rules, for families without approaches


@dataclass(frozen=True)
class SafetyNote:
    tests: tuple[Test, ...]
    text: str
    citations: tuple[Citation, ...]

    def matches(self, answers: dict[str, Any]) -> bool:
        return all(test.holds(answers) for test in self.tests)


@dataclass(frozen=True)
class GlobalRule:
    rule: Rule
    except_families: frozenset[str]


@dataclass(frozen=True)
class KnowledgeBase:
    version: str
    reviewed: str
    reviewed_by: str
    update_policy: str
    disclaimer: str
    parameters: dict[str, Parameter]
    steps: tuple[Step, ...]
    sources: dict[str, Source]
    families: tuple[Family, ...]
    global_rules: tuple[GlobalRule, ...]
    safety_notes: tuple[SafetyNote, ...]
    extras: dict[str, Any] = field(default_factory=dict)  # glossary, questions, values…

    def family(self, key: str) -> Family:
        return next(family for family in self.families if family.key == key)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise KnowledgeBaseError(f"{path.name}: {error}") from error


def _parameters(data: dict[str, Any]) -> dict[str, Parameter]:
    parameters = {}
    for name, spec in data["parameters"].items():
        choices = tuple((value, label) for value, label in spec.get("choices", ()))
        parameters[name] = Parameter(
            name=name,
            kind=spec["kind"],
            label=spec["label"],
            hint=spec["hint"],
            choices=choices,
            unknown=spec.get("unknown"),
            min=spec.get("min"),
            min_exclusive=spec.get("min_exclusive"),
            max=spec.get("max"),
            unit=spec.get("unit", ""),
        )
    return parameters


class _Builder:
    """Turns raw TOML tables into typed objects, checking every name against the parameters."""

    def __init__(self, parameters: dict[str, Parameter], sources: dict[str, Source]) -> None:
        self.parameters = parameters
        self.sources = sources

    def citations(self, raw: list[dict[str, str]], where: str) -> tuple[Citation, ...]:
        citations = []
        for item in raw:
            if item["source"] not in self.sources:
                raise KnowledgeBaseError(f"{where}: unknown source {item['source']!r}")
            citations.append(Citation(self.sources[item["source"]], item["section"]))
        return tuple(citations)

    def tests(self, when: dict[str, Any], where: str) -> tuple[Test, ...]:
        tests = []
        for name, spec in when.items():
            parameter = self.parameters.get(name)
            if parameter is None:
                raise KnowledgeBaseError(f"{where}: unknown parameter {name!r}")
            if parameter.kind == "choice":
                unknown_values = set(spec) - set(parameter.values)
                if not spec or unknown_values:
                    raise KnowledgeBaseError(f"{where}: {name} has no value(s) {sorted(unknown_values)}")
                tests.append(Test(name, values=frozenset(spec)))
            elif parameter.kind == "number":
                if set(spec) == {"unknown"}:
                    tests.append(Test(name, unknown=bool(spec["unknown"])))
                    continue
                if not spec or set(spec) - set(NUMBER_TESTS):
                    raise KnowledgeBaseError(f"{where}: {name} needs one of {sorted(NUMBER_TESTS)}")
                tests.append(Test(name, number=tuple((op, float(limit)) for op, limit in spec.items())))
            else:
                if set(spec) - {"includes", "excludes"} or len(spec) != 1:
                    raise KnowledgeBaseError(f"{where}: {name} needs exactly one of includes/excludes")
                for values in spec.values():
                    if set(values) - set(parameter.values):
                        raise KnowledgeBaseError(f"{where}: {name} has unknown values {values}")
                tests.append(Test(name, includes=frozenset(spec.get("includes", ())), excludes=frozenset(spec.get("excludes", ()))))
        return tuple(tests)

    def rule(self, raw: dict[str, Any], where: str) -> Rule:
        status = raw["status"]
        if status not in STATUSES:
            raise KnowledgeBaseError(f"{where}: unknown status {status!r}")
        if status == "needs_information" and not raw.get("decides"):
            raise KnowledgeBaseError(f"{where}: a needs_information rule must say what decides it")
        if status == "not_applicable" and not raw.get("change"):
            raise KnowledgeBaseError(f"{where}: a not_applicable rule must say what would change it")
        return Rule(
            tests=self.tests(raw.get("when", {}), where),
            status=status,
            reason=raw["reason"].strip(),
            decides=raw.get("decides", "").strip(),
            change=raw.get("change", "").strip(),
            citations=self.citations(raw.get("sources", []), where),
        )

    def rules(self, raw: list[dict[str, Any]], where: str, *, total: bool) -> tuple[Rule, ...]:
        rules = tuple(self.rule(item, f"{where} rule {number}") for number, item in enumerate(raw, 1))
        if total and (not rules or rules[-1].tests):
            raise KnowledgeBaseError(f"{where}: the last rule must have no condition, so every case gets a status")
        return rules

    def notes(self, raw: list[dict[str, Any]], where: str) -> tuple[Note, ...]:
        return tuple(
            Note(self.tests(item.get("when", {}), where), item["text"].strip(), self.citations(item.get("sources", []), where))
            for item in raw
        )

    @staticmethod
    def texts(raw: dict[str, Any]) -> Texts:
        values = {key: (tuple(v) if isinstance(v, list) else v.strip()) for key, v in raw.items()}
        return Texts(**values)


def load(directory: Path = KNOWLEDGE_DIR) -> KnowledgeBase:
    meta = _read(directory / "meta.toml")
    parameter_data = _read(directory / "parameters.toml")
    parameters = _parameters(parameter_data)
    steps = tuple(Step(s["key"], s["title"], tuple(s["fields"])) for s in parameter_data["steps"])
    if [name for step in steps for name in step.fields] != list(parameters):
        raise KnowledgeBaseError("parameters.toml: steps must list every parameter once, in order")

    sources = {
        key: Source(key, raw["kind"], raw["publisher"], raw["title"], raw["date"])
        for key, raw in _read(directory / "sources.toml").items()
    }
    build = _Builder(parameters, sources)

    global_rules = tuple(
        GlobalRule(build.rule(item, "meta.toml global rule"), frozenset(item.get("except_families", ())))
        for item in meta.get("global_rules", [])
    )

    families = []
    for key in FAMILY_ORDER:
        path = directory / "families" / f"{key}.toml"
        raw = _read(path)
        where = path.name
        if raw["key"] != key:
            raise KnowledgeBaseError(f"{where}: key must be {key!r}")
        shared = raw.get("shared_rules", [])
        first = tuple(g.rule for g in global_rules if key not in g.except_families)
        approaches = tuple(
            Approach(
                key=item["key"],
                name=item["name"],
                patient=build.texts(item["patient"]),
                clinician=build.texts(item["clinician"]),
                rules=build.rules(item.get("rules", []) + shared, f"{where} approach {item['key']}", total=True),
                notes=build.notes(item.get("notes", []), f"{where} approach {item['key']}"),
                citations=build.citations(item.get("sources", []), f"{where} approach {item['key']}"),
            )
            for item in raw.get("approaches", [])
        )
        approaches = tuple(replace(a, decision_rules=first + a.rules) for a in approaches)
        rules = () if approaches else build.rules(raw.get("rules", []), where, total=True)
        family = Family(
            key=key,
            name=raw["name"],
            question_group=raw["question_group"],
            patient=build.texts(raw["patient"]),
            clinician=build.texts(raw["clinician"]),
            citations=build.citations(raw["sources"], where),
            rules=rules,
            approaches=approaches,
            notes=build.notes(raw.get("notes", []), where),
            decision_rules=first + rules if rules else (),
        )
        if not any(c.source.kind == "document" for c in family.citations):
            raise KnowledgeBaseError(f"{where}: every option needs at least one source document")
        families.append(family)

    safety_notes = tuple(
        SafetyNote(build.tests(item["when"], "meta.toml safety note"), item["text"].strip(), build.citations(item["sources"], "meta.toml safety note"))
        for item in meta.get("safety_notes", [])
    )
    extras = {}
    for name in ("glossary", "questions", "values", "compare"):
        path = directory / f"{name}.toml"
        if path.exists():
            extras[name] = _read(path)

    return KnowledgeBase(
        version=meta["version"],
        reviewed=meta["reviewed"],
        reviewed_by=meta["reviewed_by"],
        update_policy=meta["update_policy"].strip(),
        disclaimer=meta["disclaimer"],
        parameters=parameters,
        steps=steps,
        sources=sources,
        families=tuple(families),
        global_rules=global_rules,
        safety_notes=safety_notes,
        extras=extras,
    )


def per_knowledge_base(function: Callable[..., T]) -> Callable[..., T]:
    """Cache a `function(*, kb)` per knowledge-base object (the KB holds dicts, so it is not hashable).

    For work derived from the knowledge base alone (parsed extras, compiled patterns): done once per
    process, not once per request."""
    results: dict[int, tuple[KnowledgeBase, T]] = {}

    def cached(*, kb: KnowledgeBase) -> T:
        hit = results.get(id(kb))
        if hit is None or hit[0] is not kb:
            hit = results[id(kb)] = (kb, function(kb=kb))
        return hit[1]

    cached.__doc__ = function.__doc__
    cached.__name__ = function.__name__
    return cached


@cache
def knowledge_base() -> KnowledgeBase:
    """The knowledge base shipped with the app, loaded once per process."""
    return load()
