package org.familyhub.linkage;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one batch did.
 *
 * @param personOf    record key → person id, for every record of the batch
 * @param merges      existing persons merged by this batch
 * @param reviews     pairs between the thresholds, for clerical review (none already in one person)
 * @param settled     pairs joined because a household was seen to move: a pair an earlier batch queued needs no review
 * @param comparisons pairs scored in this batch
 * @param newPersons  the persons this batch created (every other person of {@code personOf} was known before)
 */
public record BatchResult(Map<String, String> personOf, List<Merge> merges, List<ReviewPair> reviews, List<PairKey> settled,
                          long comparisons, Set<String> newPersons) {
}
