"""The decision-aid layer over an assessment: compare options, what matters to me, my questions.

No Django views, no database. It reads the knowledge base (compare.toml, values.toml,
questions.toml and the families' [patient] texts) and an assessment from the engine; it never
decides anything about the options itself. Ratings of what matters only mark rows: they never
re-rank, hide or pick options.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

from django.http import QueryDict

from .engine import Assessment, OptionResult
from .kb import KnowledgeBase, KnowledgeBaseError, Texts, per_knowledge_base

# Own questions: kept in the URL, so keep them few and short.
MAX_OWN_QUESTIONS = 10
MAX_OWN_LENGTH = 200

_TEXT_FIELDS = {f.name for f in fields(Texts)} - {"summary", "questions"}


# --- shared ------------------------------------------------------------------------------------


def list_order(*, assessment: Assessment) -> tuple[OptionResult, ...]:
    """The options in the results page's order: by status, then knowledge-base order."""
    return tuple(option for group in assessment.by_status().values() for option in group)


def answer_pairs(*, query: str) -> tuple[tuple[str, str], ...]:
    """Normalized answers (a query string) as (name, value) pairs for hidden form inputs."""
    return tuple((name, value) for name, values in QueryDict(query).lists() for value in values)


def _extra(kb: KnowledgeBase, name: str) -> dict[str, Any]:
    try:
        return kb.extras[name]
    except KeyError:
        raise KnowledgeBaseError(f"{name}.toml is missing from the knowledge base") from None


# --- compare and what matters --------------------------------------------------------------------


@dataclass(frozen=True)
class CompareRow:
    key: str  # a field of the families' [patient] texts
    label: str


@dataclass(frozen=True)
class Value:
    """One thing that may matter to the person, and the compare rows it touches."""

    key: str
    param: str
    label: str
    hint: str
    rows: tuple[str, ...]


@dataclass(frozen=True)
class CompareSettings:
    rows: tuple[CompareRow, ...]
    values: tuple[Value, ...]
    levels: tuple[str, ...]  # rating labels for 0, 1, 2
    min_options: int
    max_options: int
    page: dict[str, str]
    values_page: dict[str, str]


@per_knowledge_base
def compare_settings(*, kb: KnowledgeBase) -> CompareSettings:
    """compare.toml and values.toml, checked against the texts the families carry."""
    compare, values = _extra(kb, "compare"), _extra(kb, "values")
    rows = tuple(CompareRow(row["key"], row["label"]) for row in compare["rows"])
    unknown_rows = [row.key for row in rows if row.key not in _TEXT_FIELDS]
    if unknown_rows:
        raise KnowledgeBaseError(f"compare.toml: rows {unknown_rows} are not [patient] text fields")
    row_keys = {row.key for row in rows}
    parsed = tuple(
        Value(item["key"], item["param"], item["label"], item["hint"], tuple(item["rows"])) for item in values["values"]
    )
    for value in parsed:
        if set(value.rows) - row_keys:
            raise KnowledgeBaseError(f"values.toml: {value.key} touches unknown rows {sorted(set(value.rows) - row_keys)}")
    levels = tuple(values["page"]["levels"])
    if len(levels) != 3:
        raise KnowledgeBaseError("values.toml: levels must name exactly three ratings (0, 1, 2)")
    return CompareSettings(
        rows=rows,
        values=parsed,
        levels=levels,
        min_options=int(compare["min_options"]),
        max_options=int(compare["max_options"]),
        page={k: v for k, v in compare["page"].items() if isinstance(v, str)},
        values_page={k: v for k, v in values["page"].items() if isinstance(v, str)},
    )


@dataclass(frozen=True)
class Selection:
    keys: tuple[str, ...]  # chosen option keys, in list order; empty when there are errors
    chosen_by_person: bool  # False: the default selection
    errors: tuple[str, ...]


def default_selection(*, assessment: Assessment, settings: CompareSettings) -> tuple[str, ...]:
    """The options that fit (at most the maximum), topped up with those that might fit to the minimum.

    Should even that give too few, the next options in list order fill up to the minimum, so there
    is always something to compare.
    """
    ordered = list_order(assessment=assessment)
    keys = [o.key for o in ordered if o.status == "applicable"][: settings.max_options]
    for pool in (("consider",), ("needs_information", "not_applicable")):
        for option in ordered:
            if len(keys) >= settings.min_options:
                break
            if option.status in pool and option.key not in keys:
                keys.append(option.key)
    return tuple(keys)


def selection_from(*, requested: list[str], assessment: Assessment, settings: CompareSettings) -> Selection:
    """Check the options a person asked to compare (the `compare` parameters)."""
    requested = list(dict.fromkeys(key.strip() for key in requested if key.strip()))
    if not requested:
        return Selection(default_selection(assessment=assessment, settings=settings), False, ())
    known = {option.key for option in assessment.options}
    errors = []
    unknown = [key for key in requested if key not in known]
    if unknown:
        errors.append(
            f"We do not know {'this option' if len(unknown) == 1 else 'these options'}: "
            f"{', '.join(unknown)}. Please pick from the list."
        )
    count = len(requested) - len(unknown)
    if count < settings.min_options:
        errors.append(f"Please pick at least {settings.min_options} options to compare. You picked {count}.")
    elif count > settings.max_options:
        errors.append(f"Please pick no more than {settings.max_options} options to compare. You picked {count}.")
    if errors:
        return Selection((), True, tuple(errors))
    chosen = set(requested)
    return Selection(tuple(o.key for o in list_order(assessment=assessment) if o.key in chosen), True, ())


@dataclass(frozen=True)
class Ratings:
    levels: dict[str, int]  # value key → 0, 1 or 2, for the values the person rated
    errors: tuple[str, ...]

    def level(self, key: str) -> int | None:
        return self.levels.get(key)


def ratings_from(*, query: QueryDict, settings: CompareSettings) -> Ratings:
    """Read the `matters_<value>=0|1|2` parameters. Missing means not rated."""
    levels: dict[str, int] = {}
    errors = []
    allowed = [str(number) for number in range(len(settings.levels))]
    for value in settings.values:
        given = [raw.strip() for raw in query.getlist(value.param) if raw.strip()]
        if not given:
            continue
        if len(given) > 1 or given[0] not in allowed:
            errors.append(f"For “{value.label}”, please pick one of: {', '.join(settings.levels)}.")
            continue
        levels[value.key] = int(given[0])
    return Ratings(levels, tuple(errors))


@dataclass(frozen=True)
class Mark:
    """A rated value that touches a row: shown as "Matters to you: …"."""

    value: Value
    level: int
    level_label: str


@dataclass(frozen=True)
class Cell:
    option: OptionResult
    text: str
    missing: bool  # the knowledge base has no text for this row


@dataclass(frozen=True)
class ComparedRow:
    row: CompareRow
    cells: tuple[Cell, ...]
    marks: tuple[Mark, ...]

    @property
    def strength(self) -> int:
        """0: not marked; 1: a value that matters a little; 2: one that matters a lot."""
        return max((mark.level for mark in self.marks), default=0)


@dataclass(frozen=True)
class Card:
    """One option with all rows: the stacked layout for narrow screens."""

    option: OptionResult
    entries: tuple[tuple[ComparedRow, Cell], ...]


@dataclass(frozen=True)
class Comparison:
    options: tuple[OptionResult, ...]
    rows: tuple[ComparedRow, ...]
    marked_values: tuple[Mark, ...]  # values rated as mattering, in values.toml order

    @property
    def cards(self) -> tuple[Card, ...]:
        return tuple(
            Card(option, tuple((row, row.cells[index]) for row in self.rows)) for index, option in enumerate(self.options)
        )


def comparison(*, assessment: Assessment, keys: tuple[str, ...], ratings: Ratings, settings: CompareSettings) -> Comparison:
    """The same rows for every chosen option; rows touched by rated values carry marks.

    The options keep the order of `keys`; ratings never change it.
    """
    options = tuple(assessment.option(key) for key in keys)
    marked_values = tuple(
        Mark(value, level, settings.levels[level])
        for value in settings.values
        if (level := ratings.level(value.key) or 0) > 0
    )
    rows = []
    for row in settings.rows:
        cells = []
        for option in options:
            text = getattr(option.patient, row.key)
            cells.append(Cell(option, text or settings.page["missing"], not text))
        marks = tuple(mark for mark in marked_values if row.key in mark.value.rows)
        rows.append(ComparedRow(row, tuple(cells), marks))
    return Comparison(options, tuple(rows), marked_values)


# --- my questions for the team -------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    group: str
    option_key: str = ""  # empty for the general (Cancer.Net-based) questions
    option_name: str = ""


@dataclass(frozen=True)
class OptionQuestions:
    option: OptionResult
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class QuestionGroup:
    key: str
    title: str
    general: tuple[Question, ...]
    by_option: tuple[OptionQuestions, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return self.general + tuple(q for item in self.by_option for q in item.questions)


@per_knowledge_base
def _general_questions(*, kb: KnowledgeBase) -> dict[str, tuple[Question, ...]]:
    """questions.toml's general questions by group key, in file order, checked once."""
    data = _extra(kb, "questions")
    general: dict[str, list[Question]] = {group["key"]: [] for group in data["groups"]}
    for item in data["questions"]:
        if item["group"] not in general:
            raise KnowledgeBaseError(f"questions.toml: {item['id']} has unknown group {item['group']!r}")
        general[item["group"]].append(Question(item["id"], item["text"], item["group"]))
    return {key: tuple(questions) for key, questions in general.items()}


def question_groups(*, assessment: Assessment, kb: KnowledgeBase) -> tuple[QuestionGroup, ...]:
    """General questions by group, plus the questions of every option that fits or might fit.

    An option's questions get the ids `<option key>-<n>` (n counts from 1 in the family file).
    """
    general = _general_questions(kb=kb)
    by_option: dict[str, list[OptionQuestions]] = {key: [] for key in general}
    for option in list_order(assessment=assessment):
        if option.status not in ("applicable", "consider") or not option.patient.questions:
            continue
        group = kb.family(option.key).question_group
        if group not in by_option:
            raise KnowledgeBaseError(f"{option.key}.toml: question_group {group!r} is not in questions.toml")
        questions = tuple(
            Question(f"{option.key}-{number}", text, group, option.key, option.name)
            for number, text in enumerate(option.patient.questions, 1)
        )
        by_option[group].append(OptionQuestions(option, questions))

    groups = tuple(
        QuestionGroup(group["key"], group["title"], general[group["key"]], tuple(by_option[group["key"]]))
        for group in _extra(kb, "questions")["groups"]
    )
    ids = [q.id for group in groups for q in group.questions]
    if len(ids) != len(set(ids)):
        raise KnowledgeBaseError("questions.toml: question ids must be unique (also against <option>-<n>)")
    return groups


@dataclass(frozen=True)
class QuestionPicks:
    ticked: frozenset[str]  # ids of ticked questions that are on the page
    own: tuple[str, ...]  # the person's own questions that are fine to keep
    own_fields: tuple[str, ...]  # what to show in the own-question boxes (may include a too-long one)
    errors: tuple[str, ...]
    notices: tuple[str, ...]


def _clean(text: str) -> str:
    """One line of plain text: no control characters, single spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[\x00-\x1f\x7f]", " ", text)).strip()


def question_picks(*, query: QueryDict, groups: tuple[QuestionGroup, ...]) -> QuestionPicks:
    """Read `q=<id>` (ticked) and `own=<text>` (own questions) from the URL, and check them."""
    known = {q.id for group in groups for q in group.questions}
    requested = list(dict.fromkeys(raw.strip() for raw in query.getlist("q") if raw.strip()))
    ticked = frozenset(key for key in requested if key in known)
    notices = []
    dropped = len(requested) - len(ticked)
    if dropped:
        notices.append(
            f"{dropped} ticked {'question is' if dropped == 1 else 'questions are'} not on this list any more, "
            "so we left them out. This can happen when your answers change."
        )

    errors = []
    written = [text for text in (_clean(raw) for raw in query.getlist("own")) if text]
    if len(written) > MAX_OWN_QUESTIONS:
        extra = len(written) - MAX_OWN_QUESTIONS
        errors.append(
            f"You can add up to {MAX_OWN_QUESTIONS} questions of your own. "
            f"We kept the first {MAX_OWN_QUESTIONS} and left out {extra}."
        )
        written = written[:MAX_OWN_QUESTIONS]
    own = []
    for number, text in enumerate(written, 1):
        if len(text) > MAX_OWN_LENGTH:
            errors.append(
                f"Your question {number} has {len(text)} characters. Please keep each question to "
                f"{MAX_OWN_LENGTH} characters or fewer, or split it in two."
            )
        else:
            own.append(text)
    return QuestionPicks(ticked, tuple(own), tuple(written), tuple(errors), tuple(notices))


def picks_query(*, answers: str, picks: QuestionPicks, groups: tuple[QuestionGroup, ...]) -> str:
    """Answers plus ticked ids (in page order) and own questions: the list's shareable query string."""
    query = QueryDict(answers, mutable=True)
    query.setlist("q", [q.id for group in groups for q in group.questions if q.id in picks.ticked])
    query.setlist("own", list(picks.own))
    return query.urlencode()


@dataclass(frozen=True)
class ChosenSection:
    """Part of the person's list: ticked questions of one group (and option), or their own."""

    title: str
    questions: tuple[str, ...]


def chosen_sections(*, picks: QuestionPicks, groups: tuple[QuestionGroup, ...], own_title: str) -> tuple[ChosenSection, ...]:
    """The ticked questions in page order, then the person's own."""
    sections = []
    for group in groups:
        general = tuple(q.text for q in group.general if q.id in picks.ticked)
        if general:
            sections.append(ChosenSection(group.title, general))
        for item in group.by_option:
            ticked = tuple(q.text for q in item.questions if q.id in picks.ticked)
            if ticked:
                sections.append(ChosenSection(f"{group.title}: {item.option.name}", ticked))
    if picks.own:
        sections.append(ChosenSection(own_title, picks.own))
    return tuple(sections)


def questions_text(*, sections: tuple[ChosenSection, ...], kb: KnowledgeBase, empty: str) -> str:
    """The person's list as a plain-text file to print, mail or keep on a phone."""
    data = _extra(kb, "questions")
    title = data["page"]["title"]
    lines = [title, "=" * len(title), ""]
    if not sections:
        lines += [empty, ""]
    for section in sections:
        lines.append(section.title)
        lines += [f"  [ ] {text}" for text in section.questions]
        lines.append("")
    source = kb.sources[data["source"]["source"]]
    lines += [
        "-" * 60,
        kb.disclaimer,
        f"Made with NetDecide, knowledge base version {kb.version}, reviewed {kb.reviewed}.",
        f"The general questions are based on {source.publisher}, “{source.title}”: "
        f"{data['source']['section']} ({source.date}), in our own words.",
        "",
    ]
    return "\n".join(lines)


@dataclass(frozen=True)
class QuestionList:
    """Everything the questions page and the text download show, for one set of answers and picks."""

    groups: tuple[QuestionGroup, ...]
    picks: QuestionPicks
    sections: tuple[ChosenSection, ...]
    page: dict[str, str]
    query: str  # answers + ticked + own: the list's shareable query string


def question_list(*, assessment: Assessment, answers: str, query: QueryDict, kb: KnowledgeBase) -> QuestionList:
    groups = question_groups(assessment=assessment, kb=kb)
    picks = question_picks(query=query, groups=groups)
    page = _extra(kb, "questions")["page"]
    return QuestionList(
        groups=groups,
        picks=picks,
        sections=chosen_sections(picks=picks, groups=groups, own_title=page["own_title"]),
        page=page,
        query=picks_query(answers=answers, picks=picks, groups=groups),
    )
