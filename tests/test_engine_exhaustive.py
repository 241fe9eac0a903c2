"""Every combination of the categorical answers, with and without earlier treatment.

Asserts the invariants a NET specialist would expect whatever the answers are.
"""

import itertools

import pytest

from options.engine import assess
from options.kb import FAMILY_ORDER, STATUSES
from options.profile import Profile

CHOICE_PARAMETERS = (
    "grade",
    "stage",
    "liver_dominant",
    "bone_mets",
    "functional",
    "sstr",
    "resectability",
    "fitness",
    "progression",
)
PRIORS = (frozenset(), frozenset({"surgery", "ssa", "everolimus", "sunitinib", "prrt", "chemotherapy", "liver_directed", "radiation"}))


def check(profile: Profile, kb, *, twice: bool = False) -> None:
    result = assess(profile, kb)
    statuses = {option.key: option.status for option in result.options}
    assert tuple(statuses) == FAMILY_ORDER
    approaches = {}
    for option in result.options:
        assert option.status in STATUSES
        assert option.status == "not_applicable" or option.finding.reasons, option.key
        for approach in option.approaches:
            approaches[approach.key] = approach.status
            assert approach.status in STATUSES
            assert approach.status == "not_applicable" or approach.finding.reasons, approach.key
    assert statuses["clinical_trial"] != "not_applicable"
    assert statuses["supportive_care"] != "not_applicable"
    if profile.sstr != "positive":
        assert statuses["prrt"] in {"needs_information", "not_applicable"}
    if profile.resectability == "unresectable":
        assert approaches["curative_resection"] != "applicable"
    if profile.site != "pancreas":
        # Never offered outside the pancreas; "other" sites and an unknown start site leave it open.
        if profile.site in {"other", "unknown_primary"}:
            assert approaches["sunitinib"] in {"needs_information", "not_applicable"}
        else:
            assert approaches["sunitinib"] == "not_applicable"
    if result.grade_used == "nec":
        assert statuses["surveillance"] == ("needs_information" if profile.site == "other" else "not_applicable")
    if twice:  # determinism: the same answers give the same assessment
        assert assess(profile, kb) == result


def test_every_option_cites_a_source_document(kb) -> None:
    result = assess(Profile(), kb)
    for option in result.options:
        assert any(c.source.kind == "document" for c in option.sources), option.key


@pytest.mark.parametrize(
    "site",
    ["small_intestine", "pancreas", "lung", "stomach", "duodenum", "appendix", "colon", "rectum", "unknown_primary", "other"],
)
def test_every_combination_keeps_the_invariants(site: str, kb) -> None:
    values = [kb.parameters[name].values for name in CHOICE_PARAMETERS]
    count = 0
    for combination in itertools.product(*values):
        answers = dict(zip(CHOICE_PARAMETERS, combination, strict=True))
        for prior in PRIORS:
            check(Profile(site=site, prior=prior, **answers), kb, twice=count % 101 == 0)
            count += 1
    assert count == 2 * len(list(itertools.product(*values)))
