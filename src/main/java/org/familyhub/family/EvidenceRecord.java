package org.familyhub.family;

import java.util.List;
import java.util.Set;
import org.familyhub.consent.Purposes;
import org.familyhub.record.PartnerRecord;

/**
 * A stored partner record as the assessment needs it: the record, the purposes it may be used for and the basis
 * it was kept on (the agreement and gateway ids that permitted it).
 */
public record EvidenceRecord(PartnerRecord record, Set<String> purposes, List<String> basis) {

    public EvidenceRecord {
        purposes = purposes == null ? Set.of() : Set.copyOf(purposes);
        basis = basis == null ? List.of() : List.copyOf(basis);
    }

    /** Finding families is identification, weighing their needs is assessment: either lets a record count. */
    public boolean usableForAssessment() {
        return purposes.contains("identification") || purposes.contains("assessment");
    }

    /** Kept for identification and nothing else (DWP under WRA 2012 s131): counts, but its details stay hidden. */
    public boolean identificationOnly() {
        return purposes.contains("identification")
                && Purposes.ALL.stream().filter(p -> !p.equals("identification")).noneMatch(purposes::contains);
    }
}
