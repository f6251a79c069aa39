package org.familyhub.synth;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a generation wrote.
 *
 * @param partners             per partner, in feed order: files, records, malformed records
 * @param familiesWithTwoNeeds families the generator gave two or more tf-2015 headline problems (eligible by design)
 * @param groundTruth          {@code ground-truth.csv}: one row per partner record
 */
public record EstateSummary(int families, long people, Map<String, PartnerCount> partners, int familiesWithTwoNeeds,
                            Path groundTruth) {

    public record PartnerCount(int files, long records, long malformed) {
    }

    public long records() {
        return partners.values().stream().mapToLong(PartnerCount::records).sum();
    }

    public long malformed() {
        return partners.values().stream().mapToLong(PartnerCount::malformed).sum();
    }

    public int files() {
        return partners.values().stream().mapToInt(PartnerCount::files).sum();
    }
}
