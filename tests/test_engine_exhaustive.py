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
    assert tuple(option.key for option in result.options) == FAMILY_ORDER
    by_key = {option.key: option for option in result.options}
    for option in result.options:
        assert option.status in STATUSES
        assert option.sources and any(c.source.kind == "document" for c in option.sources)
        if option.status != "not_applicable":
            assert option.finding.reasons, option.key
        for approach in option.approaches:
            assert approach.status in STATUSES
            if approach.status != "not_applicable":
                assert approach.finding.reasons, approach.key
    assert by_key["clinical_trial"].status != "not_applicable"
    assert by_key["supportive_care"].status != "not_applicable"
    if profile.sstr != "positive":
        assert by_key["prrt"].status in {"needs_information", "not_applicable"}
    approaches = {a.key: a.status for option in result.options for a in option.approaches}
    if profile.resectability == "unresectable":
        assert approaches["curative_resection"] != "applicable"
    if profile.site != "pancreas":
        # "other" sites are sent to their own pathways (needs_information) before any rule.
        assert approaches["sunitinib"] == ("needs_information" if profile.site == "other" else "not_applicable")
    if result.grade_used == "nec":
        assert by_key["surveillance"].status in {"not_applicable", "needs_information"}
        assert by_key["surveillance"].status == "not_applicable" or profile.site == "other"
    if twice:  # determinism: the same answers give the same assessment
        assert assess(profile, kb) == result


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
