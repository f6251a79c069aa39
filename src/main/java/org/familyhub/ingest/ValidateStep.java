package org.familyhub.ingest;

import java.util.ArrayList;
import java.util.List;
import org.familyhub.connector.format.ParsedItem;
import org.familyhub.validation.RecordValidator;
import org.springframework.stereotype.Component;

/** Checks identifiers, names and dates of each parsed record (DESIGN §3); failures are quarantined with every reason. */
@Component
public class ValidateStep {

    private final RecordValidator validator = new RecordValidator();
    private final IngestMetrics metrics;

    public ValidateStep(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    public IngestBatch validate(IngestBatch batch) {
        var timer = metrics.start();
        List<ParsedItem> ok = new ArrayList<>(batch.valid().size());
        for (ParsedItem item : batch.valid()) {
            List<String> problems = validator.validate(item.record());
            if (problems.isEmpty()) {
                ok.add(item);
            } else {
                batch.quarantine(new Quarantined(item.position(), item.location(), Quarantined.Stage.VALIDATE,
                        String.join("; ", problems), item.raw()));
            }
        }
        batch.valid(ok);
        metrics.stageDone(timer, batch.partner(), "validate");
        return batch;
    }
}
