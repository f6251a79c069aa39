package org.familyhub.family;

import java.time.LocalDate;
import java.util.List;

/** One family member, as linked by the hub, with the records that belong to them. */
public record MemberRecords(String personId, LocalDate dateOfBirth, List<EvidenceRecord> records) {

    public MemberRecords {
        records = records == null ? List.of() : List.copyOf(records);
    }
}
