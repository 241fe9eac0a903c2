"""Plain language: every patient-mode text in the knowledge base scores Flesch-Kincaid grade ≤ 8.

One test per text, named by file and field, so a failure says exactly what to rewrite and how far
it is off. The texts are read straight from the TOML files (so the field names are the authors'),
and a completeness check makes sure no patient text the app shows escapes the walk.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import textstat

from options.kb import KNOWLEDGE_DIR, KnowledgeBase, Texts, load

MAX_GRADE = 8.0
PATIENT_FIELDS = ("summary", "goal", "how_given", "schedule", "where", "side_effects", "serious_risks", "before_starting", "daily_life")
RULE_FIELDS = ("reason", "decides", "change")


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _patient(raw: dict[str, Any], prefix: str) -> Iterator[tuple[str, str]]:
    for name in PATIENT_FIELDS:
        if raw.get(name, "").strip():
            yield f"{prefix}.{name}", raw[name]
    for number, question in enumerate(raw.get("questions", []), 1):
        yield f"{prefix}.questions[{number}]", question


def _rules(rules: list[dict[str, Any]], prefix: str) -> Iterator[tuple[str, str]]:
    for number, rule in enumerate(rules, 1):
        for name in RULE_FIELDS:
            if rule.get(name, "").strip():
                yield f"{prefix}[{number}].{name}", rule[name]


def _notes(notes: list[dict[str, Any]], prefix: str) -> Iterator[tuple[str, str]]:
    for number, note in enumerate(notes, 1):
        yield f"{prefix}[{number}].text", note["text"]


def patient_texts(directory: Path = KNOWLEDGE_DIR) -> list[tuple[str, str, str]]:
    """(file, field, text) for every patient-mode text in the knowledge base."""
    found: list[tuple[str, str, str]] = []
    for path in sorted((directory / "families").glob("*.toml")):
        raw = _read(path)
        name = f"families/{path.name}"
        fields = [
            *_patient(raw.get("patient", {}), "patient"),
            *_rules(raw.get("rules", []), "rules"),
            *_rules(raw.get("shared_rules", []), "shared_rules"),
            *_notes(raw.get("notes", []), "notes"),
        ]
        for approach in raw.get("approaches", []):
            prefix = f"approaches[{approach['key']}]"
            fields += [
                *_patient(approach.get("patient", {}), f"{prefix}.patient"),
                *_rules(approach.get("rules", []), f"{prefix}.rules"),
                *_notes(approach.get("notes", []), f"{prefix}.notes"),
            ]
        found += [(name, field, text) for field, text in fields]

    meta = _read(directory / "meta.toml")
    found += [("meta.toml", field, text) for field, text in _rules(meta.get("global_rules", []), "global_rules")]
    found += [("meta.toml", field, text) for field, text in _notes(meta.get("safety_notes", []), "safety_notes")]
    found += [("meta.toml", "disclaimer", meta["disclaimer"]), ("meta.toml", "update_policy", meta["update_policy"])]

    parameters = _read(directory / "parameters.toml")["parameters"]
    found += [("parameters.toml", f"{name}.hint", spec["hint"]) for name, spec in parameters.items()]

    glossary = directory / "glossary.toml"
    if glossary.exists():
        found += [
            ("glossary.toml", f"terms[{term['key']}].definition", term["definition"])
            for term in _read(glossary).get("terms", [])
        ]
    return found


TEXTS = patient_texts()


def _normal(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("file", "field", "text"), TEXTS, ids=[f"{file}:{field}" for file, field, _ in TEXTS])
def test_patient_text_reads_at_grade_8_or_lower(file: str, field: str, text: str) -> None:
    score = textstat.flesch_kincaid_grade(_normal(text))
    assert score <= MAX_GRADE, f"{file} {field}: Flesch-Kincaid grade {score:.1f} > {MAX_GRADE:g}: {_normal(text)!r}"


def _texts_of(texts: Texts) -> list[str]:
    return [getattr(texts, name) for name in PATIENT_FIELDS] + list(texts.questions)


def _shown_patient_texts(kb: KnowledgeBase) -> set[str]:
    """Every patient-mode text the app can show, collected from the loaded knowledge base."""
    shown: list[str] = [kb.disclaimer, kb.update_policy]
    for family in kb.families:
        shown += _texts_of(family.patient) + [note.text for note in family.notes]
        rules = list(family.rules)
        for approach in family.approaches:
            shown += _texts_of(approach.patient) + [note.text for note in approach.notes]
            rules += approach.rules
        shown += [text for rule in rules for text in (rule.reason, rule.decides, rule.change)]
    shown += [text for g in kb.global_rules for text in (g.rule.reason, g.rule.decides, g.rule.change)]
    shown += [note.text for note in kb.safety_notes] + [p.hint for p in kb.parameters.values()]
    shown += [term["definition"] for term in kb.extras.get("glossary", {}).get("terms", [])]
    return {_normal(text) for text in shown if text.strip()}


def test_the_walk_covers_every_patient_text_the_app_shows(kb: KnowledgeBase) -> None:
    walked = {_normal(text) for _, _, text in TEXTS}
    missing = _shown_patient_texts(kb) - walked
    assert not missing, f"patient texts not checked for plain language: {sorted(missing)[:5]}"


def test_a_hard_text_fails_the_check(tmp_path: Path) -> None:
    """The check can fail: a copied knowledge base with one jargon-heavy reason is caught by name."""
    import shutil

    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, copy)
    path = copy / "families" / "surveillance.toml"
    text = path.read_text()
    hard = "Asymptomatic, radiologically indolent, well-differentiated neuroendocrine neoplasms demonstrating prolonged stability warrant conservative longitudinal surveillance."
    first_reason = text.index('reason = "', text.index("[[rules]]"))
    end = text.index('"\n', first_reason + len('reason = "'))
    path.write_text(text[:first_reason] + f'reason = "{hard}' + text[end:])
    load(copy)  # still a valid knowledge base
    scored = {
        (file, field): textstat.flesch_kincaid_grade(_normal(t)) for file, field, t in patient_texts(copy) if _normal(t) == hard
    }
    assert list(scored) == [("families/surveillance.toml", "rules[1].reason")]
    assert next(iter(scored.values())) > MAX_GRADE
