package org.familyhub.consent;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.familyhub.connector.format.FeedFormats;
import org.familyhub.connector.format.FeedText;
import org.familyhub.connector.format.ParsedItem;
import org.familyhub.connector.format.UnreadableFeedException;
import org.familyhub.validation.RecordValidator;
import org.springframework.stereotype.Component;

/**
 * What a draft agreement would do to a sample batch, before anyone approves it: each record permitted, redacted
 * (and which fields), refused (and why), or quarantined. Nothing is stored and nothing is audited as received.
 */
@Component
public class AgreementPreview {

    private final FeedFormats formats;
    private final ConsentStore consents;
    private final ConsentEngine engine;
    private final Clock clock;
    private final RecordValidator validator = new RecordValidator();

    public AgreementPreview(FeedFormats formats, ConsentStore consents, GatewayCatalog gateways, Clock clock) {
        this.formats = formats;
        this.consents = consents;
        this.engine = new ConsentEngine(gateways);
        this.clock = clock;
    }

    public Map<String, Object> preview(SharingAgreement draft, String format, byte[] sample, String justification)
            throws UnreadableFeedException {
        // Judge the draft as if approved; no other agreement of the partner takes part, so its effect is seen alone.
        SharingAgreement asIfApproved = new SharingAgreement(draft.id(), draft.version(), draft.partner(), "ACTIVE",
                draft.categories(), draft.purposes(), draft.gateways(), draft.fields(), draft.retentionDays(),
                draft.validFrom(), draft.validTo(), draft.specialCategoryCondition(), draft.criminalOffenceCondition(),
                draft.author(), draft.approver());
        List<ParsedItem> items = formats.get(format).parse(draft.partner(), FeedText.decode(sample), LocalDate.now(clock));
        ConsentIndex index = new ConsentIndex(consents.inForceFor(draft.partner()));
        int permitted = 0;
        int redacted = 0;
        int refused = 0;
        int quarantined = 0;
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (ParsedItem item : items) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("position", item.position());
            List<String> problems = item.record() == null ? List.of(item.problem()) : validator.validate(item.record());
            if (!problems.isEmpty()) {
                quarantined++;
                d.put("outcome", "QUARANTINE");
                d.put("reason", String.join("; ", problems));
            } else {
                Decision decision = engine.decide(item.record(), List.of(asIfApproved), index, justification).decision();
                d.put("sourceRecordId", item.record().sourceRecordId());
                d.put("outcome", decision.outcome().name());
                d.put("rule", decision.rule());
                d.put("reason", decision.reason());
                d.put("purposes", decision.purposes());
                d.put("droppedFields", decision.droppedFields());
                switch (decision.outcome()) {
                    case PERMIT -> permitted++;
                    case PERMIT_REDACTED -> redacted++;
                    case REFUSE -> refused++;
                }
            }
            decisions.add(d);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("agreementId", draft.id());
        result.put("version", draft.version());
        result.put("status", draft.status());
        result.put("received", items.size());
        result.put("permitted", permitted);
        result.put("redacted", redacted);
        result.put("refused", refused);
        result.put("quarantined", quarantined);
        result.put("decisions", decisions);
        return result;
    }
}
