import pytest

from options.profile import grade_finding, grade_from_ki67, grade_from_mitoses


@pytest.mark.parametrize(
    ("ki67", "grade"),
    [(0, "g1"), (2.9, "g1"), (3, "g2"), (15, "g2"), (20, "g2"), (20.1, "g3"), (55, "g3"), (100, "g3")],
)
def test_ki67_thresholds_follow_the_who_table(ki67: float, grade: str) -> None:
    assert grade_from_ki67(ki67) == grade


@pytest.mark.parametrize(("mitoses", "grade"), [(0, "g1"), (1.9, "g1"), (2, "g2"), (20, "g2"), (21, "g3")])
def test_mitotic_count_thresholds_follow_the_who_table(mitoses: float, grade: str) -> None:
    assert grade_from_mitoses(mitoses) == grade


def test_unknown_grade_is_derived_from_the_numbers() -> None:
    finding = grade_finding(grade="unknown", ki67=12, mitoses=None)
    assert (finding.derived, finding.used, finding.warnings) == ("g2", "g2", ())


def test_discordant_numbers_use_the_higher_grade_and_say_so() -> None:
    finding = grade_finding(grade="unknown", ki67=2, mitoses=25)
    assert finding.used == "g3"
    assert len(finding.warnings) == 1
    assert "higher grade" in finding.warnings[0]


def test_chosen_grade_that_disagrees_with_the_numbers_is_flagged() -> None:
    finding = grade_finding(grade="g1", ki67=30, mitoses=None)
    assert finding.used == "g3"
    assert any("You chose grade 1" in warning for warning in finding.warnings)


def test_chosen_grade_that_agrees_gives_no_warning() -> None:
    assert grade_finding(grade="g2", ki67=8, mitoses=3).warnings == ()


def test_numbers_never_turn_a_net_into_nec_or_back() -> None:
    assert grade_finding(grade="unknown", ki67=90, mitoses=50).used == "g3"
    nec = grade_finding(grade="nec", ki67=80, mitoses=None)
    assert nec.used == "nec" and nec.warnings == ()


def test_nec_with_a_low_ki67_keeps_nec_but_warns() -> None:
    finding = grade_finding(grade="nec", ki67=10, mitoses=None)
    assert finding.used == "nec"
    assert "unusual" in finding.warnings[0]
