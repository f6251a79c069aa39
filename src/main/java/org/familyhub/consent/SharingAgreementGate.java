package org.familyhub.consent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.familyhub.connector.format.ParsedItem;
import org.familyhub.ingest.IngestBatch;
import org.familyhub.ingest.IngestMetrics;
import org.familyhub.ingest.PermittedRecord;
import org.familyhub.record.DataCategory;
import org.familyhub.record.PartnerRecord;
import org.springframework.stereotype.Component;

/**
 * First-cut gate: a record is kept only if, on its date, an active sharing agreement for its partner covers
 * every one of its data categories. Deny by default; a refused record is counted, never stored. The full
 * consent and legal-gateway engine replaces this stage.
 */
@Component
public class SharingAgreementGate {

    private final AgreementRegistry agreements;
    private final IngestMetrics metrics;

    public SharingAgreementGate(AgreementRegistry agreements, IngestMetrics metrics) {
        this.agreements = agreements;
        this.metrics = metrics;
    }

    public IngestBatch gate(IngestBatch batch) {
        var timer = metrics.start();
        List<SharingAgreement> partnerAgreements = agreements.forPartner(batch.partner());
        List<PermittedRecord> permitted = new ArrayList<>(batch.valid().size());
        for (ParsedItem item : batch.valid()) {
            PermittedRecord decision = decide(item.position(), item.record(), partnerAgreements);
            if (decision == null) {
                batch.refuse();
            } else {
                permitted.add(decision);
            }
        }
        batch.permitted(permitted);
        metrics.stageDone(timer, batch.partner(), "gate");
        return batch;
    }

    /** The permitted record with the purposes of the agreements relied on, or null when refused. */
    static PermittedRecord decide(int position, PartnerRecord record, List<SharingAgreement> partnerAgreements) {
        Set<String> purposes = new LinkedHashSet<>();
        List<String> relied = new ArrayList<>();
        for (DataCategory category : record.categories()) {
            SharingAgreement covering = partnerAgreements.stream()
                    .filter(a -> a.activeOn(record.observedAt()) && a.categories().contains(category.id()))
                    .findFirst().orElse(null);
            if (covering == null) {
                return null;
            }
            if (!relied.contains(covering.id())) {
                relied.add(covering.id());
                purposes.addAll(covering.purposes());
            }
        }
        return relied.isEmpty() ? null : new PermittedRecord(position, record, purposes, relied);
    }
}
