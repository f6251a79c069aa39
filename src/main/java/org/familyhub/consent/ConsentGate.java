package org.familyhub.consent;

import java.util.ArrayList;
import java.util.List;
import org.familyhub.connector.format.ParsedItem;
import org.familyhub.ingest.IngestBatch;
import org.familyhub.ingest.IngestMetrics;
import org.familyhub.ingest.PermittedRecord;
import org.springframework.stereotype.Component;

/**
 * The pipeline's gate: every valid record goes through the consent engine against the partner's agreements (read
 * fresh from PostgreSQL for each batch, so an approval or suspension on any replica applies to the next batch) and
 * the consents in force. A refused record is counted and never stored.
 */
@Component
public class ConsentGate {

    private final AgreementStore agreements;
    private final ConsentStore consents;
    private final ConsentEngine engine;
    private final IngestMetrics metrics;

    /** Takes the baseline loader so that no batch is gated before the approved baseline is in the store. */
    public ConsentGate(AgreementStore agreements, ConsentStore consents, GatewayCatalog gateways, IngestMetrics metrics,
                       AgreementBaselineLoader baseline) {
        this.agreements = agreements;
        this.consents = consents;
        this.engine = new ConsentEngine(gateways);
        this.metrics = metrics;
    }

    public IngestBatch gate(IngestBatch batch) {
        var timer = metrics.start();
        List<SharingAgreement> partnerAgreements = agreements.forPartner(batch.partner());
        ConsentIndex index = new ConsentIndex(consents.inForceFor(batch.partner()));
        List<PermittedRecord> permitted = new ArrayList<>(batch.valid().size());
        for (ParsedItem item : batch.valid()) {
            ConsentEngine.Decided d = engine.decide(item.record(), partnerAgreements, index, batch.justification());
            if (d.decision().permitted()) {
                permitted.add(new PermittedRecord(item.position(), d.record(), d.decision()));
            } else {
                batch.refuse(item, d.decision());
            }
        }
        batch.permitted(permitted);
        metrics.stageDone(timer, batch.partner(), "gate");
        return batch;
    }
}
