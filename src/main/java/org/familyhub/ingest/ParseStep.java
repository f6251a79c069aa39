package org.familyhub.ingest;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.familyhub.connector.format.FeedFormats;
import org.familyhub.connector.format.FeedText;
import org.familyhub.connector.format.ParsedItem;
import org.familyhub.connector.format.UnreadableFeedException;
import org.springframework.stereotype.Component;

/** Parses the body in the connector's format; rows that break the spec go to quarantine, the rest go on. */
@Component
public class ParseStep {

    private final FeedFormats formats;
    private final Clock clock;
    private final IngestMetrics metrics;

    public ParseStep(FeedFormats formats, Clock clock, IngestMetrics metrics) {
        this.formats = formats;
        this.clock = clock;
        this.metrics = metrics;
    }

    public IngestBatch parse(IngestBatch batch) throws UnreadableFeedException {
        var timer = metrics.start();
        String text = FeedText.decode(batch.takeBody());
        List<ParsedItem> items = formats.get(batch.format())
                .parse(batch.partner(), text, LocalDate.ofInstant(batch.receivedAt(), clock.getZone()));
        List<ParsedItem> ok = new ArrayList<>(items.size());
        for (ParsedItem item : items) {
            if (item.record() != null) {
                ok.add(item);
            } else {
                batch.quarantine(new Quarantined(item.position(), item.location(), Quarantined.Stage.PARSE,
                        item.problem(), item.raw()));
            }
        }
        batch.parsed(items);
        batch.valid(ok);
        metrics.stageDone(timer, batch.partner(), "parse");
        return batch;
    }
}
