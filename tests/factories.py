"""factory-boy factories for engine profiles (plain dataclasses, no database)."""

import factory

from options.profile import Profile


class ProfileFactory(factory.Factory[Profile]):
    """A fully unknown tumor by default; each trait fills in a typical case."""

    class Meta:
        model = Profile

    site = "unknown_primary"
    grade = "unknown"
    ki67 = None
    mitoses = None
    stage = "unknown"
    liver_dominant = "unknown"
    bone_mets = "unknown"
    size_cm = None
    functional = "unknown"
    sstr = "unknown"
    resectability = "unknown"
    fitness = "unknown"
    progression = "unknown"
    prior = factory.LazyFunction(frozenset)

    class Params:
        # Metastatic small-intestine NET with carcinoid syndrome, SSTR-positive, liver-dominant.
        midgut_metastatic = factory.Trait(
            site="small_intestine",
            grade="g2",
            ki67=5,
            stage="metastatic",
            liver_dominant="yes",
            bone_mets="no",
            functional="carcinoid_syndrome",
            sstr="positive",
            resectability="unresectable",
            fitness="good",
            progression="new_or_stable",
        )
        # Small, nonfunctional, grade 1 pancreas NET found by chance.
        small_pancreatic = factory.Trait(
            site="pancreas",
            grade="g1",
            ki67=1,
            stage="localized",
            size_cm=1.2,
            functional="nonfunctional",
            sstr="positive",
            resectability="resectable",
            fitness="good",
            progression="new_or_stable",
        )
        # Metastatic poorly differentiated carcinoma of the pancreas.
        metastatic_nec = factory.Trait(
            site="pancreas",
            grade="nec",
            ki67=70,
            stage="metastatic",
            liver_dominant="yes",
            bone_mets="no",
            functional="nonfunctional",
            resectability="unresectable",
            fitness="good",
            progression="progressing",
        )
        # Localized, resectable NET: surgery is the standard, no drugs after it.
        resectable_localized = factory.Trait(
            site="small_intestine",
            grade="g1",
            ki67=1,
            stage="localized",
            size_cm=1.5,
            functional="nonfunctional",
            sstr="positive",
            resectability="resectable",
            fitness="good",
            progression="new_or_stable",
        )
