package org.familyhub.ingest;

import org.familyhub.consent.Decision;
import org.familyhub.record.PartnerRecord;

/** A record the consent engine allowed, as it may be kept (redacted if need be), with the decision it rests on. */
public record PermittedRecord(int position, PartnerRecord record, Decision decision) {
}
