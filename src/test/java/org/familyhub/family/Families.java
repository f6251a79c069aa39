package org.familyhub.family;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.familyhub.record.DataCategory;
import org.familyhub.record.PartnerRecord;

/** Partner records shaped as the parsers produce them, for the evaluator's tests. */
final class Families {

    static final Set<String> ALL_PURPOSES = Set.of("identification", "assessment", "case-coordination", "outcome-evidence", "claim");
    static final Set<String> IDENTIFICATION_ONLY = Set.of("identification");

    private static int sequence;

    private Families() {
    }

    static EvidenceRecord police(String category, String role, LocalDate occurred) {
        DataCategory c = switch (category) {
            case "ASB", "CRIME" -> DataCategory.CRIME_ASB;
            case "DOMESTIC_ABUSE" -> DataCategory.DOMESTIC_ABUSE;
            default -> DataCategory.CHILD_PROTECTION;
        };
        Map<String, Object> facts = facts("incidentRef", "INC-" + (++sequence), "occurredAt", occurred + "T10:00:00Z",
                "incidentCategory", category, "role", role, "officerTeam", "Team A");
        return new EvidenceRecord(record("police", "incidents", occurred, EnumSet.of(c), facts), ALL_PURPOSES,
                List.of("isa-police", "cda-1998-s115"));
    }

    /** One term's return: AUTUMN starts 1 Sep, SPRING 1 Jan, SUMMER 1 Apr (as the school parser dates them). */
    static EvidenceRecord school(String academicYear, String term, int possible, int authorised, int unauthorised,
                                 List<Map<String, Object>> exclusions) {
        int first = Integer.parseInt(academicYear.substring(0, 4));
        LocalDate start = switch (term) {
            case "AUTUMN" -> LocalDate.of(first, 9, 1);
            case "SPRING" -> LocalDate.of(first + 1, 1, 1);
            default -> LocalDate.of(first + 1, 4, 1);
        };
        Map<String, Object> facts = facts("schoolUrn", "100001", "schoolName", "Hill School", "academicYear", academicYear,
                "term", term, "sessionsPossible", possible, "sessionsAuthorisedAbsence", authorised,
                "sessionsUnauthorisedAbsence", unauthorised, "exclusions", exclusions, "parents", List.of());
        Set<DataCategory> categories = EnumSet.of(DataCategory.EDUCATION_ATTENDANCE);
        if (!exclusions.isEmpty()) {
            categories.add(DataCategory.EDUCATION_EXCLUSION);
        }
        return new EvidenceRecord(record("school", "attendance", start, categories, facts), ALL_PURPOSES, List.of("isa-school", "dea-2017-s35"));
    }

    static EvidenceRecord school(String academicYear, String term, int possible, int authorised, int unauthorised) {
        return school(academicYear, term, possible, authorised, unauthorised, List.of());
    }

    static Map<String, Object> exclusion(String type, LocalDate start) {
        return facts("type", type, "start", start.toString(), "days", 2);
    }

    static EvidenceRecord dwp(String benefit, String workStatus, LocalDate received) {
        Map<String, Object> facts = facts("matchRef", "M-" + (++sequence), "benefit", benefit, "claimStart", "2023-01-01",
                "workStatus", workStatus);
        return new EvidenceRecord(record("dwp", "benefit-matches", received, EnumSet.of(DataCategory.WORKLESSNESS), facts),
                IDENTIFICATION_ONLY, List.of("isa-dwp", "wra-2012-s131"));
    }

    static EvidenceRecord health(String episodeType, LocalDate observed) {
        DataCategory c = switch (episodeType) {
            case "CAMHS", "ADULT_MENTAL_HEALTH" -> DataCategory.HEALTH_MENTAL;
            case "SUBSTANCE_MISUSE" -> DataCategory.SUBSTANCE_MISUSE;
            default -> DataCategory.HEALTH_PHYSICAL;
        };
        Map<String, Object> facts = facts("episodeId", "EP-" + (++sequence), "episodeType", episodeType, "status", "active",
                "periodStart", "2023-01-01", "periodEnd", null, "organisation", "NHS Trust");
        return new EvidenceRecord(record("health", "episodes-of-care", observed, EnumSet.of(c), facts),
                Set.of("assessment", "case-coordination", "outcome-evidence"), List.of("isa-health", "consent"));
    }

    static EvidenceRecord probation(List<String> flags, LocalDate observed) {
        Set<DataCategory> categories = EnumSet.of(DataCategory.OFFENDER_MANAGEMENT);
        if (flags.contains("DOMESTIC_ABUSE_PERPETRATOR")) {
            categories.add(DataCategory.DOMESTIC_ABUSE);
        }
        Map<String, Object> facts = facts("crn", "X" + (++sequence), "sentenceType", "COMMUNITY_ORDER",
                "supervisionStart", "2024-01-01", "supervisionEnd", null, "flags", flags, "team", "North");
        return new EvidenceRecord(record("probation", "cases", observed, categories, facts), ALL_PURPOSES,
                List.of("isa-probation", "cda-1998-s115"));
    }

    static EvidenceRecord housing(double arrears, boolean notice, int asbComplaints, LocalDate received) {
        Set<DataCategory> categories = EnumSet.of(DataCategory.HOUSING);
        if (arrears > 0 || notice) {
            categories.add(DataCategory.FINANCIAL_EXCLUSION);
        }
        if (asbComplaints > 0) {
            categories.add(DataCategory.CRIME_ASB);
        }
        Map<String, Object> facts = facts("tenancyRef", "T-1", "relationshipToTenant", "TENANT",
                "rentArrearsGbp", new java.math.BigDecimal(String.valueOf(arrears)), "asbComplaints12m", asbComplaints,
                "noticeSeekingPossession", notice);
        return new EvidenceRecord(record("housing", "tenancies", received, categories, facts), ALL_PURPOSES,
                List.of("isa-housing", "dea-2017-s35"));
    }

    static MemberRecords member(String personId, LocalDate dateOfBirth, EvidenceRecord... records) {
        return new MemberRecords(personId, dateOfBirth, List.of(records));
    }

    private static PartnerRecord record(String partner, String dataset, LocalDate observedAt, Set<DataCategory> categories,
                                        Map<String, Object> facts) {
        return new PartnerRecord(partner, dataset, partner + "-" + (++sequence), observedAt, null, categories, facts, null);
    }

    private static Map<String, Object> facts(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static List<MemberRecords> family(MemberRecords... members) {
        return new ArrayList<>(List.of(members));
    }
}
