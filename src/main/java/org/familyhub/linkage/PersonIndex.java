package org.familyhub.linkage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The persons known so far, in memory. Each batch links against what is already there (and within itself) through
 * the blocks, never relinking the world; links only accumulate, so a person id once given stays, and when two
 * persons turn out to be one the older id is kept.
 */
public final class PersonIndex {

    private final MatchModel model;
    private final LinkRules rules;
    private final Comparators comparators = new Comparators(Nicknames.standard());
    private final BlockIndex blocks;
    private final List<PreparedRecord> records = new ArrayList<>();
    private final Map<String, Integer> byKey = new HashMap<>();
    private final Map<PairKey, Decision> decisions = new HashMap<>();
    private int[] parent = new int[1024];
    /** Person sequence number of a root; 0 = not yet given (a record of the batch being linked). */
    private long[] person = new long[1024];
    private long nextPerson = 1;
    private long comparisons;

    public PersonIndex(LinkageConfig config, MatchModel model) {
        this.model = model;
        this.rules = new LinkRules(config.thresholds(), model);
        this.blocks = new BlockIndex(config.blocking().maxBlockSize());
    }

    /** With the configured weights as they are: for small data where estimation has too little to go on. */
    public static PersonIndex withConfiguredWeights(LinkageConfig config) {
        return new PersonIndex(config, MatchModel.fromConfig(config));
    }

    public BatchResult add(List<PersonRecord> batch) {
        List<Merge> merges = new ArrayList<>();
        List<ReviewPair> reviews = new ArrayList<>();
        long before = comparisons;
        int first = records.size();
        for (PersonRecord r : batch) {
            if (byKey.containsKey(r.key())) {
                continue; // a record sent again keeps its person; its data is not relinked
            }
            link(r, merges, reviews);
        }
        for (int i = first; i < records.size(); i++) {
            int root = find(i);
            if (person[root] == 0) {
                person[root] = nextPerson++;
            }
        }
        Map<String, String> personOf = new LinkedHashMap<>();
        for (PersonRecord r : batch) {
            personOf.put(r.key(), personOf(r.key()));
        }
        reviews.removeIf(p -> find(byKey.get(p.pair().first())) == find(byKey.get(p.pair().second())));
        return new BatchResult(personOf, merges, reviews, comparisons - before);
    }

    private void link(PersonRecord r, List<Merge> merges, List<ReviewPair> reviews) {
        int self = records.size();
        PreparedRecord p = new PreparedRecord(r);
        records.add(p);
        byKey.put(r.key(), self);
        grow(self);
        parent[self] = self;
        Set<String> keys = BlockingKeys.of(p);
        blocks.candidates(keys, self, c -> {
            if (find(c) == find(self)) {
                return; // already one person: nothing to learn from the pair
            }
            PairKey pair = PairKey.of(records.get(c).key(), r.key());
            Decision decided = decisions.get(pair);
            if (decided != null) {
                if (decided == Decision.MATCH) {
                    union(c, self, merges);
                }
                return;
            }
            comparisons++;
            int[] v = comparators.compare(records.get(c), p);
            switch (rules.classify(v)) {
                case MATCH -> union(c, self, merges);
                case REVIEW -> reviews.add(new ReviewPair(pair, model.score(v), v));
                case NON_MATCH -> { }
            }
        });
        blocks.add(keys, self);
    }

    /**
     * Records a reviewer's decision. MATCH joins the two persons now (returning the merge, if any); NO_MATCH keeps the
     * pair from being linked or queued again. Both are honoured on every later batch.
     */
    public List<Merge> decide(PairKey pair, Decision decision) {
        decisions.put(pair, decision);
        List<Merge> merges = new ArrayList<>();
        Integer a = byKey.get(pair.first());
        Integer b = byKey.get(pair.second());
        if (decision == Decision.MATCH && a != null && b != null) {
            union(a, b, merges);
        }
        return merges;
    }

    /** The current person id of a record, or null when the record is unknown. */
    public String personOf(String recordKey) {
        Integer i = byKey.get(recordKey);
        if (i == null) {
            return null;
        }
        long seq = person[find(i)];
        return seq == 0 ? null : String.format("P%09d", seq);
    }

    public int size() {
        return records.size();
    }

    public long comparisons() {
        return comparisons;
    }

    public MatchModel model() {
        return model;
    }

    private void union(int a, int b, List<Merge> merges) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return;
        }
        long pa = person[ra];
        long pb = person[rb];
        long kept = pa == 0 ? pb : pb == 0 ? pa : Math.min(pa, pb);
        if (pa != 0 && pb != 0) {
            merges.add(new Merge(String.format("P%09d", kept), String.format("P%09d", Math.max(pa, pb))));
        }
        parent[rb] = ra;
        person[ra] = kept;
    }

    private int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private void grow(int i) {
        if (i >= parent.length) {
            parent = Arrays.copyOf(parent, parent.length * 2);
            person = Arrays.copyOf(person, person.length * 2);
        }
    }
}
