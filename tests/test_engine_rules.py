"""One test per clinical rule the knowledge base must respect (CLINICAL-NOTES.md, the documents)."""

from options.engine import Assessment

from .factories import ProfileFactory


def status(assessment: Assessment, family: str, approach: str | None = None) -> str:
    option = assessment.option(family)
    if approach is None:
        return option.status
    return next(a.status for a in option.approaches if a.key == approach)


def reasons(assessment: Assessment, family: str) -> str:
    option = assessment.option(family)
    return " ".join(option.finding.reasons + tuple(r for a in option.approaches for r in a.finding.reasons))


ADJUVANT_FAMILIES = ("ssa", "targeted_therapy", "prrt", "chemotherapy")


def test_resectable_localized_net_is_surgery_first_without_drugs_after(assess_profile) -> None:
    result = assess_profile(ProfileFactory(resectable_localized=True))
    assert status(result, "surgery", "curative_resection") == "applicable"
    for family in ADJUVANT_FAMILIES:
        assert status(result, family) == "not_applicable", family


def test_small_nonfunctional_pancreatic_net_can_be_watched(assess_profile) -> None:
    result = assess_profile(ProfileFactory(small_pancreatic=True))
    assert status(result, "surveillance") == "applicable"
    assert status(result, "surgery", "curative_resection") in {"applicable", "consider"}
    assert status(result, "prrt") == "not_applicable"


def test_pancreatic_net_over_2_cm_is_not_for_surveillance(assess_profile) -> None:
    result = assess_profile(ProfileFactory(small_pancreatic=True, size_cm=3.5))
    assert status(result, "surveillance") == "not_applicable"
    assert status(result, "surgery", "curative_resection") == "applicable"


def test_pancreatic_net_of_unknown_size_asks_for_the_size(assess_profile) -> None:
    result = assess_profile(ProfileFactory(small_pancreatic=True, size_cm=None))
    assert status(result, "surveillance") == "needs_information"
    assert any("size" in item for item in result.missing_information)


def test_metastatic_nec_gets_platinum_etoposide_and_no_surveillance(assess_profile) -> None:
    result = assess_profile(ProfileFactory(metastatic_nec=True))
    assert status(result, "chemotherapy", "platinum_etoposide") == "applicable"
    for family in ("surveillance", "prrt", "targeted_therapy", "ssa"):
        assert status(result, family) == "not_applicable", family
    assert status(result, "clinical_trial") == "applicable"


def test_carcinoid_syndrome_opens_ssa_and_warns_about_carcinoid_crisis(assess_profile) -> None:
    result = assess_profile(ProfileFactory(midgut_metastatic=True))
    assert status(result, "ssa") == "applicable"
    assert status(result, "symptom_control", "telotristat") == "consider"
    assert any("octreotide" in text for text, _ in result.safety_notes)


def test_telotristat_only_for_carcinoid_syndrome(assess_profile) -> None:
    result = assess_profile(ProfileFactory(midgut_metastatic=True, functional="nonfunctional"))
    assert status(result, "symptom_control") == "not_applicable"


def test_prrt_after_progression_on_ssa_in_midgut_net(assess_profile) -> None:
    profile = ProfileFactory(midgut_metastatic=True, progression="progressing", prior=frozenset({"ssa"}))
    result = assess_profile(profile)
    assert status(result, "prrt", "lutetium_dotatate") == "applicable"


def test_prrt_first_line_for_g2_g3_with_ki67_10_to_55(assess_profile) -> None:
    profile = ProfileFactory(midgut_metastatic=True, site="pancreas", ki67=15, grade="g2", functional="nonfunctional")
    assert status(assess_profile(profile), "prrt") == "applicable"


def test_prrt_needs_sstr_imaging_when_unknown(assess_profile) -> None:
    result = assess_profile(ProfileFactory(midgut_metastatic=True, sstr="unknown"))
    assert status(result, "prrt") == "needs_information"
    assert any("SSTR" in item or "DOTATATE" in item for item in result.option("prrt").finding.decides)


def test_prrt_ruled_out_by_negative_sstr_says_what_would_change_it(assess_profile) -> None:
    result = assess_profile(ProfileFactory(midgut_metastatic=True, sstr="negative"))
    assert status(result, "prrt") == "not_applicable"
    assert result.option("prrt").finding.changes


def test_sunitinib_only_for_pancreas(assess_profile) -> None:
    gut = ProfileFactory(midgut_metastatic=True, progression="progressing")
    pancreas = ProfileFactory(midgut_metastatic=True, site="pancreas", progression="progressing", functional="nonfunctional")
    assert status(assess_profile(gut), "targeted_therapy", "sunitinib") == "not_applicable"
    assert status(assess_profile(pancreas), "targeted_therapy", "sunitinib") == "applicable"
    assert status(assess_profile(pancreas), "targeted_therapy", "everolimus") == "applicable"


def test_large_appendix_net_points_to_right_hemicolectomy(assess_profile) -> None:
    profile = ProfileFactory(resectable_localized=True, site="appendix", size_cm=2.5)
    result = assess_profile(profile)
    assert status(result, "surgery", "curative_resection") == "applicable"
    assert "right side of the colon" in reasons(result, "surgery")  # right hemicolectomy, in plain words


def test_small_rectal_net_is_for_endoscopic_removal(assess_profile) -> None:
    result = assess_profile(ProfileFactory(resectable_localized=True, site="rectum", size_cm=0.8))
    assert status(result, "surgery", "endoscopic_resection") == "applicable"
    assert status(result, "surgery", "curative_resection") == "not_applicable"


def test_endoscopic_removal_is_not_for_lung(assess_profile) -> None:
    result = assess_profile(ProfileFactory(resectable_localized=True, site="lung"))
    assert status(result, "surgery", "endoscopic_resection") == "not_applicable"


def test_bone_metastases_open_external_beam_radiation(assess_profile) -> None:
    result = assess_profile(ProfileFactory(midgut_metastatic=True, bone_mets="yes"))
    assert status(result, "radiation", "external_beam") == "applicable"


def test_liver_directed_needs_liver_dominant_spread(assess_profile) -> None:
    on_ssa = frozenset({"ssa"})  # embolization is for symptoms that SSA shots do not control
    liver = assess_profile(ProfileFactory(midgut_metastatic=True, prior=on_ssa))
    before_ssa = assess_profile(ProfileFactory(midgut_metastatic=True))
    elsewhere = assess_profile(ProfileFactory(midgut_metastatic=True, liver_dominant="no", prior=on_ssa))
    assert status(liver, "liver_directed") == "applicable"
    assert status(before_ssa, "liver_directed") == "consider"
    assert status(liver, "liver_directed", "radioembolization") != "applicable"
    assert status(elsewhere, "liver_directed") == "not_applicable"


def test_other_sites_are_sent_to_their_own_pathways(assess_profile) -> None:
    result = assess_profile(ProfileFactory(midgut_metastatic=True, site="other"))
    assert any("biopsy" in text for text, _ in result.safety_notes)
    for option in result.options:
        if option.key not in {"clinical_trial", "supportive_care"}:
            assert option.status == "needs_information", option.key


def test_very_high_ki67_g3_net_may_get_platinum_etoposide(assess_profile) -> None:
    profile = ProfileFactory(midgut_metastatic=True, grade="g3", ki67=60, functional="nonfunctional")
    result = assess_profile(profile)
    assert status(result, "chemotherapy", "platinum_etoposide") == "consider"
    assert status(result, "chemotherapy", "capecitabine_temozolomide") == "applicable"


def test_grade_warnings_reach_the_assessment(assess_profile) -> None:
    result = assess_profile(ProfileFactory(midgut_metastatic=True, grade="g1", ki67=15))
    assert result.grade_used == "g2"
    assert result.warnings


def test_supportive_care_always_fits(assess_profile) -> None:
    for profile in (ProfileFactory(), ProfileFactory(metastatic_nec=True), ProfileFactory(small_pancreatic=True)):
        assert status(assess_profile(profile), "supportive_care") == "applicable"


def test_everything_unknown_asks_for_information_rather_than_guessing(assess_profile) -> None:
    result = assess_profile(ProfileFactory())
    assert result.missing_information
    assert status(result, "prrt") == "needs_information"
    assert status(result, "surveillance") == "needs_information"


def test_high_ki67_without_a_grade_does_not_hide_nec_treatment(assess_profile) -> None:
    """Ki-67 70% fits a G3 NET or an NEC: platinum-etoposide must not be ruled out on numbers alone."""
    profile = ProfileFactory(metastatic_nec=True, grade="unknown", ki67=70)
    result = assess_profile(profile)
    assert result.grade_used == "unknown" and result.derived_grade == "g3"
    assert status(result, "chemotherapy", "platinum_etoposide") == "needs_information"
    assert any("how the cells look" in warning for warning in result.warnings)


def test_lung_net_keeps_its_reported_grade_whatever_the_ki67(assess_profile) -> None:
    profile = ProfileFactory(midgut_metastatic=True, site="lung", grade="g2", ki67=25, functional="nonfunctional")
    result = assess_profile(profile)
    assert result.grade_used == "g2"
    assert status(result, "chemotherapy", "capecitabine_temozolomide") != "applicable"


def test_after_complete_removal_follow_up_replaces_drug_treatment(assess_profile) -> None:
    profile = ProfileFactory(small_pancreatic=True, grade="g2", size_cm=3, prior=frozenset({"surgery"}))
    result = assess_profile(profile)
    assert status(result, "surveillance") == "applicable"
    assert status(result, "surgery", "curative_resection") == "consider"
    for family in ADJUVANT_FAMILIES:
        assert status(result, family) == "not_applicable", family


def test_prrt_waits_for_an_earlier_treatment_in_a_low_grade_growing_net(assess_profile) -> None:
    profile = ProfileFactory(midgut_metastatic=True, grade="g1", ki67=2, progression="progressing")
    assert status(assess_profile(profile), "prrt") == "consider"
