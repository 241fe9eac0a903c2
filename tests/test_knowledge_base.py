"""The knowledge base is complete and the loader refuses inconsistent files."""

import shutil
from pathlib import Path

import pytest

from options.kb import FAMILY_ORDER, KNOWLEDGE_DIR, KnowledgeBase, KnowledgeBaseError, load

COMPARE_FIELDS = ("goal", "how_given", "schedule", "where", "side_effects", "serious_risks", "before_starting", "daily_life")


def test_every_family_is_described_in_equal_depth(kb: KnowledgeBase) -> None:
    assert tuple(f.key for f in kb.families) == FAMILY_ORDER
    for family in kb.families:
        for field in COMPARE_FIELDS:
            assert getattr(family.patient, field), f"{family.key}: patient.{field} is empty"
        assert family.patient.questions, family.key
        assert family.clinician.summary and family.clinician.how_given, family.key
        for approach in family.approaches:
            assert approach.patient.summary and approach.clinician.summary, approach.key


def test_the_issue_keys_are_all_there(kb: KnowledgeBase) -> None:
    approaches = {f.key: [a.key for a in f.approaches] for f in kb.families}
    assert approaches["surgery"] == ["curative_resection", "endoscopic_resection", "debulking"]
    assert approaches["ssa"] == ["octreotide", "lanreotide"]
    assert approaches["symptom_control"] == ["telotristat"]
    assert approaches["targeted_therapy"][:2] == ["everolimus", "sunitinib"]
    assert approaches["prrt"] == ["lutetium_dotatate"]
    assert approaches["chemotherapy"] == ["capecitabine_temozolomide", "platinum_etoposide"]
    assert approaches["liver_directed"] == ["ablation", "bland_embolization", "chemoembolization", "radioembolization"]
    assert approaches["radiation"] == ["external_beam"]
    assert approaches["immunotherapy"] == ["interferon_alfa"]


def test_clinician_detail_cites_guidelines_or_trials(kb: KnowledgeBase) -> None:
    kinds = {c.source.kind for f in kb.families for a in f.approaches for r in a.rules for c in r.citations}
    assert {"document", "guideline", "trial"} <= kinds


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_misspelled_answer_value_is_refused(kb_copy: Path) -> None:
    _edit(kb_copy / "families" / "surveillance.toml", 'grade = ["nec"]', 'grade = ["necc"]')
    with pytest.raises(KnowledgeBaseError, match="necc"):
        load(kb_copy)


def test_an_unknown_source_is_refused(kb_copy: Path) -> None:
    _edit(kb_copy / "families" / "prrt.toml", 'source = "cancernet"', 'source = "blog"')
    with pytest.raises(KnowledgeBaseError, match="blog"):
        load(kb_copy)


def test_a_rule_list_without_a_final_catch_all_is_refused(kb_copy: Path) -> None:
    path = kb_copy / "families" / "clinical_trial.toml"
    text = path.read_text()
    last = text.rindex("[[rules]]")
    path.write_text(text[:last] + '[[rules]]\nwhen = { stage = ["localized"] }\n' + text[last + len("[[rules]]\n"):])
    with pytest.raises(KnowledgeBaseError, match="last rule"):
        load(kb_copy)


def test_not_applicable_must_say_what_would_change_it(kb_copy: Path) -> None:
    path = kb_copy / "families" / "surveillance.toml"
    _edit(path, 'change = "Scans showing the tumor has stopped growing."\n', "")
    with pytest.raises(KnowledgeBaseError, match="what would change"):
        load(kb_copy)
