"""Reference pages' logic: the grade helper, the glossary and "How this tool decides".

No requests and no database: everything comes from options/profile.py (the WHO grade) and the
knowledge base (options/kb.py). Nothing here decides a treatment; it explains how the engine's
inputs and rules work, so the knowledge base stays the one source of truth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .kb import NUMBER_TESTS, Citation, KnowledgeBase, KnowledgeBaseError, Rule, Test, per_knowledge_base
from .profile import UNKNOWN_HIGH_GRADE, grade_finding, grade_from_ki67, grade_from_mitoses
from .services import STATUS_SHORT


# ------------------------------------------------------------------------------------------------
# Grade helper
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GradeRow:
    """One row of the WHO grading table, as printed in the Cancer.Net guide (Grades section)."""

    grade: str
    label: str
    mitoses: str
    ki67: str
    meaning: str


# The table as the source prints it. The thresholds themselves live in options/profile.py; the test
# suite checks that these rows and those functions agree.
WHO_TABLE = (
    GradeRow("g1", "Grade 1 (G1)", "Less than 2", "Less than 3%", "Low grade: cells divide slowly."),
    GradeRow("g2", "Grade 2 (G2)", "2 to 20", "3% to 20%", "Intermediate grade: cells divide at a medium rate."),
    GradeRow("g3", "Grade 3 (G3)", "More than 20", "More than 20%", "High grade: cells divide fast."),
)

GRADE_NAMES = {"g1": "Grade 1", "g2": "Grade 2", "g3": "Grade 3", "nec": "NEC"}


@dataclass(frozen=True)
class GradeResult:
    """What the Ki-67 index and the mitotic count say about the WHO grade."""

    ki67: float | None
    mitoses: float | None
    by_ki67: str | None  # grade from Ki-67 alone
    by_mitoses: str | None  # grade from the mitotic count alone
    grade: str  # the grade the numbers give together (the higher one when they disagree)
    warnings: tuple[str, ...]

    @property
    def discordant(self) -> bool:
        return None not in (self.by_ki67, self.by_mitoses) and self.by_ki67 != self.by_mitoses

    @property
    def name(self) -> str:
        return GRADE_NAMES[self.grade]

    def form_query(self, *, grade: str | None = None) -> dict[str, str]:
        """Answers for the guided form's grade step (step 2), with this grade or the one given."""
        query = {"step": "2", "grade": grade or self.grade}
        if self.ki67 is not None:
            query["ki67"] = f"{self.ki67:g}"
        if self.mitoses is not None:
            query["mitoses"] = f"{self.mitoses:g}"
        return query


def grade_result(*, ki67: float | None, mitoses: float | None) -> GradeResult | None:
    """The WHO grade from the numbers (None when neither is given), using options/profile.py."""
    if ki67 is None and mitoses is None:
        return None
    finding = grade_finding(grade="unknown", ki67=ki67, mitoses=mitoses)
    assert finding.derived is not None
    return GradeResult(
        ki67=ki67,
        mitoses=mitoses,
        by_ki67=grade_from_ki67(ki67) if ki67 is not None else None,
        by_mitoses=grade_from_mitoses(mitoses) if mitoses is not None else None,
        grade=finding.derived,
        # The page itself explains that grade 3 numbers fit a G3 NET or an NEC.
        warnings=tuple(w for w in finding.warnings if w != UNKNOWN_HIGH_GRADE),
    )


# ------------------------------------------------------------------------------------------------
# Glossary
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GlossaryTerm:
    key: str  # the anchor on /glossary/ (#term-<key>)
    term: str
    definition: str
    aliases: tuple[str, ...]  # other names, shown on the glossary page
    citations: tuple[Citation, ...]
    variants: tuple[str, ...] = ()  # plurals and spellings: matched in texts, not shown
    inline: bool = True  # False: listed on /glossary/ but not marked inside other texts

    @property
    def anchor(self) -> str:
        return f"term-{self.key}"

    @property
    def forms(self) -> tuple[str, ...]:
        """Every way the term may be written in a text."""
        return (self.term, *self.aliases, *self.variants)


_GLOSSARY_FIELDS = {"key", "term", "aliases", "forms", "definition", "sources", "inline"}
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _citations(raw: list[dict[str, str]], *, kb: KnowledgeBase, where: str) -> tuple[Citation, ...]:
    citations = []
    for item in raw:
        source = kb.sources.get(item.get("source", ""))
        if source is None or not item.get("section"):
            raise KnowledgeBaseError(f"{where}: unknown source or missing section in {item!r}")
        citations.append(Citation(source, item["section"]))
    return tuple(citations)


@per_knowledge_base
def glossary(*, kb: KnowledgeBase) -> tuple[GlossaryTerm, ...]:
    """The glossary (glossary.toml), checked, in alphabetical order."""
    raw = kb.extras.get("glossary", {}).get("terms", [])
    terms: list[GlossaryTerm] = []
    seen_keys: set[str] = set()
    seen_forms: dict[str, str] = {}
    for number, item in enumerate(raw, 1):
        where = f"glossary.toml term {number} ({item.get('term', '?')})"
        key = item.get("key", "")
        if not _KEY.match(key) or key in seen_keys:
            raise KnowledgeBaseError(f"{where}: key must be a unique lower-case slug, got {key!r}")
        seen_keys.add(key)
        unknown_fields = set(item) - _GLOSSARY_FIELDS
        if unknown_fields:
            raise KnowledgeBaseError(f"{where}: unknown field(s) {sorted(unknown_fields)}")
        if not item.get("term") or not item.get("definition", "").strip():
            raise KnowledgeBaseError(f"{where}: needs a term and a definition")
        citations = _citations(item.get("sources", []), kb=kb, where=where)
        if not any(c.source.kind == "document" for c in citations):
            raise KnowledgeBaseError(f"{where}: needs at least one source document")
        term = GlossaryTerm(
            key=key,
            term=item["term"],
            definition=" ".join(item["definition"].split()),
            aliases=tuple(item.get("aliases", ())),
            citations=citations,
            variants=tuple(item.get("forms", ())),
            inline=bool(item.get("inline", True)),
        )
        for form in term.forms:
            folded = form.casefold()
            if folded in seen_forms:
                raise KnowledgeBaseError(f"{where}: {form!r} is already a name of {seen_forms[folded]!r}")
            seen_forms[folded] = key
        terms.append(term)
    return tuple(sorted(terms, key=lambda t: t.term.casefold()))


def _pattern_for(form: str) -> str:
    # All-capital forms (NEC, SSTR, PRRT, 5-HIAA) match only as written; others ignore case.
    body = re.escape(form).replace(r"\ ", r"[\s\u00a0]+").replace(r"\-", r"[-\u2011]")
    return body if form.upper() == form else f"(?i:{body})"


@per_knowledge_base
def term_matcher(*, kb: KnowledgeBase) -> tuple[re.Pattern[str], dict[str, GlossaryTerm]]:
    """One regular expression for every inline term form (longest first) and a lookup table."""
    lookup: dict[str, GlossaryTerm] = {}
    forms: list[str] = []
    for term in glossary(kb=kb):
        if not term.inline:
            continue
        for form in term.forms:
            lookup[form.casefold()] = term
            forms.append(form)
    if not forms:
        return re.compile(r"(?!)"), lookup
    forms.sort(key=len, reverse=True)
    # Whole words only: no letter, digit or hyphen-joined word right before or after.
    alternation = "|".join(_pattern_for(form) for form in forms)
    return re.compile(rf"(?<![\w\-])(?:{alternation})(?![\w]|-\w)"), lookup


@dataclass(frozen=True)
class TextPiece:
    """A run of plain text, or a run that names a glossary term."""

    text: str
    term: GlossaryTerm | None = None


def split_terms(text: str, *, kb: KnowledgeBase, skip: set[str] | None = None) -> tuple[TextPiece, ...]:
    """Split `text` at the first occurrence of each known term; terms in `skip` (keys) are left as
    text. The keys marked here are added to `skip`, so a caller can mark each term once per scope."""
    pattern, lookup = term_matcher(kb=kb)
    done = skip if skip is not None else set()
    pieces: list[TextPiece] = []
    position = 0
    for match in pattern.finditer(text):
        term = _lookup(match.group(0), lookup)
        if term is None or term.key in done:
            continue
        done.add(term.key)
        if match.start() > position:
            pieces.append(TextPiece(text[position : match.start()]))
        pieces.append(TextPiece(match.group(0), term))
        position = match.end()
    if position < len(text):
        pieces.append(TextPiece(text[position:]))
    return tuple(pieces)


def _lookup(found: str, lookup: dict[str, GlossaryTerm]) -> GlossaryTerm | None:
    normal = re.sub(r"[\s\u00a0]+", " ", found).replace("\u2011", "-").casefold()
    return lookup.get(normal)


# ------------------------------------------------------------------------------------------------
# How this tool decides
# ------------------------------------------------------------------------------------------------


def _quoted(labels: list[str]) -> str:
    quoted = [f"“{label}”" for label in labels]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _subject(label: str) -> str:
    """A question's label as the subject of a condition: 'grade on the pathology report',
    'the answer to “Is the spread mainly in the liver?”' (acronyms keep their capitals)."""
    if label.endswith("?"):
        return f"the answer to “{label}”"
    first_word = label.split()[0]
    if first_word.isalpha() and first_word[1:].islower():
        return label[0].lower() + label[1:]
    return label


def describe_test(test: Test, *, kb: KnowledgeBase) -> str:
    """One condition in words: 'grade on the pathology report is “NEC”', 'size … ≤ 2 cm'."""
    parameter = kb.parameters[test.parameter]
    label = _subject(parameter.label)
    if test.values:
        return f"{label} is {_quoted([parameter.label_for(v) for v in test.values])}"
    if test.unknown is not None:
        return f"{label} is {'not given' if test.unknown else 'given'}"
    if test.number:
        return f"{label} " + " and ".join(f"{NUMBER_TESTS[op][0]} {parameter.show_number(limit)}" for op, limit in test.number)
    if test.includes:
        return f"{label} include {_quoted([parameter.label_for(v) for v in test.includes])}"
    if test.excludes:
        names = [parameter.label_for(v) for v in test.excludes]
        return f"{label} include none of {_quoted(names).replace(' or ', ' and ')}"
    return label


@dataclass(frozen=True)
class ReadableRule:
    number: int
    conditions: tuple[str, ...]
    status: str
    reason: str
    decides: str
    change: str
    citations: tuple[Citation, ...]
    is_global: bool = False
    is_last: bool = False

    @property
    def status_word(self) -> str:
        return STATUS_SHORT[self.status]

    @property
    def condition_text(self) -> str:
        if self.conditions:
            return "If " + " and ".join(self.conditions)
        return "Otherwise" if self.number > 1 else "In every case"

    @property
    def text(self) -> str:
        return f"{self.condition_text} → {self.status_word}: {self.reason}"


@dataclass(frozen=True)
class ReadableNote:
    conditions: tuple[str, ...]
    text: str
    citations: tuple[Citation, ...]

    @property
    def condition_text(self) -> str:
        return ("If " + " and ".join(self.conditions)) if self.conditions else "In every case"


@dataclass(frozen=True)
class RuleList:
    """The rules one approach (or one family without approaches) checks, in order."""

    key: str
    name: str
    summary: str
    rules: tuple[ReadableRule, ...]
    notes: tuple[ReadableNote, ...]
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class FamilyExplanation:
    key: str
    name: str
    summary: str
    citations: tuple[Citation, ...]
    notes: tuple[ReadableNote, ...]
    lists: tuple[RuleList, ...]
    has_approaches: bool
    global_rules_skipped: bool  # the global rules do not apply to this family


@dataclass(frozen=True)
class GlobalRuleExplanation:
    rule: ReadableRule
    except_names: tuple[str, ...]


@dataclass(frozen=True)
class DecisionExplanation:
    version: str
    reviewed: str
    reviewed_by: str
    update_policy: str
    disclaimer: str
    global_rules: tuple[GlobalRuleExplanation, ...]
    safety_notes: tuple[ReadableNote, ...]
    families: tuple[FamilyExplanation, ...]
    documents: tuple[Any, ...]  # kb Sources of kind "document"
    evidence: tuple[Any, ...]  # guidelines and trials

    @property
    def rule_count(self) -> int:
        return sum(len(rule_list.rules) for family in self.families for rule_list in family.lists)


def _conditions(tests: tuple[Test, ...], *, kb: KnowledgeBase) -> tuple[str, ...]:
    return tuple(describe_test(test, kb=kb) for test in tests)


def _readable(rule: Rule, number: int, *, kb: KnowledgeBase, is_global: bool = False, is_last: bool = False) -> ReadableRule:
    return ReadableRule(
        number=number,
        conditions=_conditions(rule.tests, kb=kb),
        status=rule.status,
        reason=rule.reason,
        decides=rule.decides,
        change=rule.change,
        citations=rule.citations,
        is_global=is_global,
        is_last=is_last,
    )


def _rule_list(kb: KnowledgeBase, family_key: str, own: tuple[Rule, ...]) -> tuple[ReadableRule, ...]:
    """The rules in the order the engine checks them: global rules first, then the option's own."""
    first = [g.rule for g in kb.global_rules if family_key not in g.except_families]
    ordered = [(rule, True) for rule in first] + [(rule, False) for rule in own]
    return tuple(
        _readable(rule, number, kb=kb, is_global=is_global, is_last=number == len(ordered))
        for number, (rule, is_global) in enumerate(ordered, 1)
    )


def _notes(notes: tuple[Any, ...], *, kb: KnowledgeBase) -> tuple[ReadableNote, ...]:
    return tuple(ReadableNote(_conditions(note.tests, kb=kb), note.text, note.citations) for note in notes)


@per_knowledge_base
def decision_explanation(*, kb: KnowledgeBase) -> DecisionExplanation:
    """Every option's and approach's rules in readable form, straight from the knowledge base."""
    families = []
    for family in kb.families:
        if family.approaches:
            lists = tuple(
                RuleList(
                    key=approach.key,
                    name=approach.name,
                    summary=approach.patient.summary,
                    rules=_rule_list(kb, family.key, approach.rules),
                    notes=_notes(approach.notes, kb=kb),
                    citations=approach.citations,
                )
                for approach in family.approaches
            )
        else:
            lists = (RuleList(family.key, family.name, "", _rule_list(kb, family.key, family.rules), (), ()),)
        families.append(
            FamilyExplanation(
                key=family.key,
                name=family.name,
                summary=family.patient.summary,
                citations=family.citations,
                notes=_notes(family.notes, kb=kb),
                lists=lists,
                has_approaches=bool(family.approaches),
                global_rules_skipped=all(family.key in g.except_families for g in kb.global_rules),
            )
        )
    names = {family.key: family.name for family in kb.families}
    global_rules = tuple(
        GlobalRuleExplanation(
            _readable(g.rule, number, kb=kb, is_global=True),
            tuple(names.get(key, key) for key in sorted(g.except_families, key=list(names).index)),
        )
        for number, g in enumerate(kb.global_rules, 1)
    )
    return DecisionExplanation(
        version=kb.version,
        reviewed=kb.reviewed,
        reviewed_by=kb.reviewed_by,
        update_policy=kb.update_policy,
        disclaimer=kb.disclaimer,
        global_rules=global_rules,
        safety_notes=_notes(kb.safety_notes, kb=kb),
        families=tuple(families),
        documents=tuple(s for s in kb.sources.values() if s.kind == "document"),
        evidence=tuple(s for s in kb.sources.values() if s.kind != "document"),
    )

