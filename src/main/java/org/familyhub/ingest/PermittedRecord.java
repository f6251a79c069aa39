package org.familyhub.ingest;

import java.util.List;
import java.util.Set;
import org.familyhub.record.PartnerRecord;

/** A record the gate allowed, with the purposes it may be used for and the agreements it relies on. */
public record PermittedRecord(int position, PartnerRecord record, Set<String> purposes, List<String> agreementIds) {
}
