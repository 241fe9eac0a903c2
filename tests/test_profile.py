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
    finding = grade_finding(grade="g1", ki67=2, mitoses=8)
    assert (finding.derived, finding.used) == ("g2", "g2")
    assert "higher grade" in finding.warnings[0]


def test_chosen_grade_that_disagrees_with_the_numbers_is_flagged() -> None:
    finding = grade_finding(grade="g1", ki67=30, mitoses=None)
    assert finding.used == "g3"
    assert any("You chose grade 1" in warning for warning in finding.warnings)


def test_chosen_grade_that_agrees_gives_no_warning() -> None:
    assert grade_finding(grade="g2", ki67=8, mitoses=3).warnings == ()


def test_grade_3_numbers_alone_do_not_decide_between_g3_net_and_nec() -> None:
    finding = grade_finding(grade="unknown", ki67=90, mitoses=50)
    assert (finding.derived, finding.used) == ("g3", "unknown")
    assert any("how the cells look" in warning for warning in finding.warnings)


def test_numbers_never_turn_a_net_into_nec_or_back() -> None:
    assert grade_finding(grade="g3", ki67=90, mitoses=50).used == "g3"
    nec = grade_finding(grade="nec", ki67=80, mitoses=None)
    assert nec.used == "nec" and nec.warnings == ()


def test_nec_with_a_low_ki67_keeps_nec_but_warns() -> None:
    finding = grade_finding(grade="nec", ki67=10, mitoses=None)
    assert finding.used == "nec"
    assert "unusual" in finding.warnings[0]


def test_lung_nets_are_not_graded_by_ki67() -> None:
    finding = grade_finding(grade="g2", ki67=25, mitoses=None, site="lung")
    assert finding.used == "g2"
    assert any("not Ki-67" in warning for warning in finding.warnings)


@pytest.mark.parametrize(("mitoses", "grade"), [(1, "g1"), (2, "g2"), (10, "g2")])
def test_lung_mitotic_count_gives_typical_or_atypical_carcinoid(mitoses: float, grade: str) -> None:
    assert grade_finding(grade="unknown", ki67=None, mitoses=mitoses, site="lung").used == grade


def test_lung_mitotic_count_above_10_is_left_to_the_pathologist() -> None:
    finding = grade_finding(grade="unknown", ki67=None, mitoses=11, site="lung")
    assert (finding.derived, finding.used) == ("g3", "unknown")
