package org.familyhub.linkage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The persons known so far, in memory. Each batch links against what is already there (and within itself) through
 * the blocks, never relinking the world; links only accumulate, so a person id once given stays, and when two
 * persons turn out to be one the older id is kept.
 *
 * <p>The same index serves the evaluation (everything in memory) and the hub, which {@link #seed seeds} a fresh index
 * per batch with only the stored records that share a blocking key with the batch, their persons and the reviewers'
 * decisions about them, and takes new person numbers from the database.
 */
public final class PersonIndex {

    private final MatchModel model;
    private final LinkRules rules;
    private final Comparators comparators = new Comparators(Nicknames.standard());
    private final BlockIndex blocks;
    private final List<PreparedRecord> records = new ArrayList<>();
    private final Map<String, Integer> byKey = new HashMap<>();
    private final Map<PairKey, Decision> decisions = new HashMap<>();
    /** Keys of the records some decision names, and per position whether its record is one: most pairs need no look-up. */
    private final Set<String> decided = new java.util.HashSet<>();
    private boolean[] hasDecision = new boolean[1024];
    /**
     * Strong identifiers of each person by {@link StrongId} ordinal, held at its root position (null where it has
     * none): a cannot-link constraint. Pairs are vetoed one by one when their identifiers conflict, but a record with
     * none can match one twin and then the other; two persons holding different identifiers of one kind are joined
     * only by a reviewer.
     */
    private String[][] personIds = new String[1024][];
    private int[] parent = new int[1024];
    /** Person sequence number of a root; 0 = not yet given (a record of the batch being linked). */
    private long[] person = new long[1024];
    /** A record of each person number (its set's root is found from it), so a person's records form one set. */
    private final Map<Long, Integer> seededPerson = new HashMap<>();
    private final Map<String, LinkReason> reasons = new HashMap<>();
    /** Positions by folded family and given name ({@link #nameKey}): who a school return naming a parent may mean. */
    private final Map<String, Positions> byName = new HashMap<>();
    /** Positions by home ({@link HouseholdKeys#home}): who else is known where a record says, for {@link #movedTogether}. */
    private final Map<String, Positions> byHome = new HashMap<>();
    /** Positions by folded postcode: who is seen in a postcode, for a record that gives no more than that. */
    private final Map<String, Positions> byPostcode = new HashMap<>();
    /**
     * Per position, what rules most candidate pairs out without reaching the record ({@link #bornAnotherDay}): at a
     * million records a record has some 250 candidates, and reading each one's fields was a cache miss apiece.
     */
    private int[] dobAt = new int[1024];
    private int[] kindsAt = new int[1024];
    /** Each position's {@link PreparedRecord#idHash} (the record's own array: read only when identifier kinds meet). */
    private int[][] idHashAt = new int[1024][];
    private final LongSupplier newPerson;
    private long comparisons;

    public PersonIndex(LinkageConfig config, MatchModel model) {
        this(config, model, counter());
    }

    /** @param newPerson gives the number of each new person (a database sequence in the hub) */
    public PersonIndex(LinkageConfig config, MatchModel model, LongSupplier newPerson) {
        this.newPerson = newPerson;
        this.model = model;
        this.rules = new LinkRules(config.thresholds(), model);
        this.blocks = new BlockIndex(config.blocking().maxBlockSize());
    }

    /** With the configured weights as they are: for small data where estimation has too little to go on. */
    public static PersonIndex withConfiguredWeights(LinkageConfig config) {
        return new PersonIndex(config, MatchModel.fromConfig(config));
    }

    private static LongSupplier counter() {
        long[] next = {1};
        return () -> next[0]++;
    }

    /** Person id of a person number, as the API shows it. */
    public static String personId(long seq) {
        // as String.format("P%09d", seq), which was a tenth of grouping's own time at a million records
        String digits = Long.toString(seq);
        if (digits.length() >= 9 || seq < 0) {
            return "P" + digits;
        }
        return "P" + "000000000".substring(digits.length()) + digits;
    }

    /** Number of a person id made by {@link #personId}. */
    public static long personSeq(String personId) {
        return Long.parseLong(personId.substring(1));
    }

    /**
     * A record linked before, with its person: filed in the blocks so new records are compared with it, never
     * compared itself (what it was linked to is settled).
     */
    public void seed(PersonRecord r, String personId) {
        if (!byKey.containsKey(r.key())) {
            Prepared p = prepared(r);
            seed(p, personId);
        }
    }

    /**
     * {@link #seed} for many records (personIds in the same order): their folding, the costly part, is spread over
     * the cores; they are filed one by one in the given order, so the result is the same as seeding each in turn.
     * Folded without the shared cache, which a load of the whole register would only churn.
     */
    public void seedAll(List<PersonRecord> rs, List<String> personIds) {
        List<Prepared> prepared = (rs.size() < 64 ? rs.stream() : rs.parallelStream()).map(PersonIndex::fold).toList();
        for (int i = 0; i < prepared.size(); i++) {
            Prepared p = prepared.get(i);
            if (!byKey.containsKey(p.record.key())) {
                seed(p, personIds.get(i));
            }
        }
    }

    /**
     * A record already here now says something else (a new version of it arrived): later records are compared with
     * what it says now, and found through the blocking keys of what it says now. Its person is unchanged. Ignored for
     * a record not here.
     */
    public void replace(PersonRecord r) {
        Integer i = byKey.get(r.key());
        if (i == null) {
            return;
        }
        PreparedRecord old = records.get(i);
        if (old.source.equals(r)) {
            return;
        }
        Prepared now = prepared(r);
        blocks.remove(BlockingKeys.of(old), i);
        records.set(i, now.record);
        note(i, now.record);
        blocks.add(now.keys, i);
        unfile(byName, nameKey(old.source), i);
        fileName(now.name, i);
        unfile(byHome, old.place, i);
        file(byHome, now.record.place, i);
        unfile(byPostcode, postcodeOf(old.source), i);
        file(byPostcode, postcodeOf(r), i);
    }

    /**
     * A record here now belongs to {@code personId} (two persons were merged elsewhere, by a reviewer or another
     * process): it joins that person's records. Ignored for a record not here or already there.
     */
    public void assign(String recordKey, String personId) {
        Integer i = byKey.get(recordKey);
        if (i == null) {
            return;
        }
        long seq = personSeq(personId);
        int root = find(i);
        if (person[root] == seq) {
            return;
        }
        Integer other = seededPerson.get(seq);
        if (other == null) {
            seededPerson.put(seq, root);
        } else {
            int otherRoot = find(other);
            if (otherRoot != root) {
                parent[root] = otherRoot;
                absorbIds(otherRoot, personIds[root], personIds[root] != null);
                personIds[root] = null;
                root = otherRoot;
            }
        }
        person[root] = seq;
    }

    /** A record folded, with its blocking keys and its {@link #nameKey}. */
    private record Prepared(PreparedRecord record, Set<String> keys, String name) {
    }

    /** Family and given name folded as {@link HouseholdKeys} folds them (as stored links hold them), or null. */
    private static String nameKey(PersonRecord r) {
        String family = HouseholdKeys.family(r.family());
        String given = HouseholdKeys.given(r.given());
        return family == null || given == null ? null : nameKey(family, given);
    }

    private static String nameKey(String family, String given) {
        return family + "\u0000" + given;
    }

    private void fileName(String name, int position) {
        file(byName, name, position);
    }

    private static void file(Map<String, Positions> by, String key, int position) {
        if (key != null) {
            by.computeIfAbsent(key, k -> new Positions()).add(position);
        }
    }

    private static void unfile(Map<String, Positions> by, String key, int position) {
        Positions at = key == null ? null : by.get(key);
        if (at != null && at.remove(position) && at.size == 0) {
            by.remove(key);
        }
    }

    private static final String BARE = PreparedRecord.BARE;

    private static String postcodeOf(PersonRecord r) {
        return HouseholdKeys.postcode(r.postcode());
    }

    /**
     * Each record here whose family and given name fold ({@link HouseholdKeys#family}, {@link HouseholdKeys#given}) to
     * these, as the date of birth it gives and its person's number ({@link #personId} makes the id): the persons a
     * school return naming a parent may mean. Read from memory, so a common name costs no query that grows with the
     * register.
     */
    public void namesakes(String family, String given, java.util.function.ObjLongConsumer<java.time.LocalDate> each) {
        Positions at = byName.get(nameKey(family, given));
        if (at == null) {
            return;
        }
        for (int k = 0; k < at.size; k++) {
            int i = at.at[k];
            long seq = person[find(i)];
            if (seq != 0) {
                each.accept(records.get(i).source.dob(), seq);
            }
        }
    }

    /**
     * Folded records by what they say, shared by every index of this JVM: the hub seeds each batch's index with the
     * stored records it shares a block with, the same records batch after batch (at 100k records, each about 28
     * times). Folding is a pure function of the record, so a record equal in every field folds the same; a changed
     * record is a different key. Bounded: emptied when full.
     */
    private static final Map<PersonRecord, Prepared> FOLDED = new ConcurrentHashMap<>();
    private static final int FOLDED_MAX = 250_000;

    private static Prepared fold(PersonRecord r) {
        PreparedRecord folded = new PreparedRecord(r);
        return new Prepared(folded, Collections.unmodifiableSet(BlockingKeys.of(folded)), nameKey(r));
    }

    private static Prepared prepared(PersonRecord r) {
        Prepared p = FOLDED.get(r);
        if (p == null) {
            p = fold(r);
            if (FOLDED.size() >= FOLDED_MAX) {
                FOLDED.clear();
            }
            FOLDED.put(r, p);
        }
        return p;
    }

    private static List<Prepared> prepare(List<PersonRecord> rs) {
        return (rs.size() < 64 ? rs.stream() : rs.parallelStream()).map(PersonIndex::prepared).toList();
    }

    private void seed(Prepared prepared, String personId) {
        PreparedRecord p = prepared.record;
        int self = records.size();
        PersonRecord r = p.source;
        records.add(p);
        byKey.put(r.key(), self);
        grow(self);
        note(self, p);
        hasDecision[self] = decided.contains(r.key());
        long seq = personSeq(personId);
        Integer root = seededPerson.get(seq);
        parent[self] = root == null ? self : find(root);
        personIds[self] = null;
        absorbIds(parent[self], p.ids, p.idKinds != 0);
        if (root == null) {
            seededPerson.put(seq, self);
            person[self] = seq;
        }
        blocks.add(prepared.keys, self);
        fileName(prepared.name, self);
        file(byHome, prepared.record.place, self);
        file(byPostcode, postcodeOf(p.source), self);
    }

    /** A reviewer's decision made earlier, honoured when the pair is met again (without merging anything now). */
    public void remember(PairKey pair, Decision decision) {
        decisions.put(pair, decision);
        noteDecided(pair);
    }

    private void noteDecided(PairKey pair) {
        for (String key : List.of(pair.first(), pair.second())) {
            decided.add(key);
            Integer at = byKey.get(key);
            if (at != null) {
                hasDecision[at] = true;
            }
        }
    }

    /** Why a record of the last batch joined its person: the first link that reached it. */
    public LinkReason reasonOf(String recordKey) {
        return reasons.getOrDefault(recordKey, LinkReason.NEW);
    }

    /** The blocking keys a record is filed under (the hub stores them to find candidates later). */
    public static Set<String> blockingKeys(PersonRecord r) {
        return prepared(r).keys;
    }

    private static final int[] MATCHED = {};

    /** Records of a batch compared (in parallel) and linked (in order) at a time. */
    private static final int WINDOW = 4096;

    public BatchResult add(List<PersonRecord> batch) {
        reasons.clear(); // kept for the last batch only: an index may live for many batches
        List<Merge> merges = new ArrayList<>();
        List<ReviewPair> reviews = new ArrayList<>();
        long before = comparisons;
        int first = records.size();
        List<Prepared> prepared = prepare(batch);
        // the batch's records that will be linked, in order: the n-th takes position first + n (a record sent again
        // keeps its person and is not relinked)
        int[] linked = new int[prepared.size()];
        int n = 0;
        Set<String> keysSeen = new java.util.HashSet<>();
        for (int i = 0; i < prepared.size(); i++) {
            String key = prepared.get(i).record.key();
            if (!byKey.containsKey(key) && keysSeen.add(key)) {
                linked[n++] = i;
            }
        }
        int[] order = java.util.Arrays.copyOf(linked, n);
        Map<String, Positions> batchBlocks = batchBlocks(prepared, order);
        Set<List<String>> moves = new java.util.LinkedHashSet<>();
        // A window at a time, so that the comparisons held in memory stay bounded however large the batch (several
        // kept batches linked together): compared in parallel, then linked one by one in batch order.
        for (int from = 0; from < order.length; from += WINDOW) {
            int to = Math.min(order.length, from + WINDOW);
            StoredScan[] scans = new StoredScan[to - from];
            IntVectors[] withStored = compareWithStored(prepared, order, from, to, first, scans);
            IntVectors[] withinBatch = compareWithinBatch(prepared, order, from, to, batchBlocks);
            for (int k = from; k < to; k++) {
                IntVectors earlier = withinBatch[k - from];
                link(prepared.get(order[k]), withStored[k - from], scans[k - from], c -> earlier.get(c - first), first,
                        merges, reviews, moves);
            }
        }
        List<PairKey> settled = recheckMoves(moves, first, merges);
        Set<String> newPersons = new java.util.HashSet<>();
        for (int i = first; i < records.size(); i++) {
            int root = find(i);
            if (person[root] == 0) {
                person[root] = newPerson.getAsLong();
                seededPerson.put(person[root], root);
                newPersons.add(personId(person[root]));
            }
        }
        Map<String, String> personOf = new LinkedHashMap<>();
        for (PersonRecord r : batch) {
            personOf.put(r.key(), personOf(r.key()));
        }
        reviews.removeIf(p -> find(byKey.get(p.pair().first())) == find(byKey.get(p.pair().second())));
        return new BatchResult(personOf, merges, reviews, settled, comparisons - before, newPersons);
    }

    /**
     * The costly part of linking, spread over the cores: each new record of a window (ranks {@code from} to {@code to})
     * compared with the records stored before the batch that it shares a block with (nothing the batch changes can
     * alter those comparisons). The linking itself then goes
     * record by record in batch order, exactly as without this, taking each comparison from here. A candidate whose
     * person the record has already matched is skipped, as the sequential pass would.
     */
    private IntVectors[] compareWithStored(List<Prepared> prepared, int[] order, int from, int to, int stored,
                                           StoredScan[] scans) {
        java.util.stream.IntStream ranks = java.util.stream.IntStream.range(from, to);
        if (to - from >= 64) {
            ranks = ranks.parallel();
        }
        IntVectors[] out = new IntVectors[to - from];
        java.util.concurrent.atomic.LongAdder count = new java.util.concurrent.atomic.LongAdder();
        ranks.forEach(k -> {
            Prepared p = prepared.get(order[k]);
            IntVectors vectors = new IntVectors();
            out[k - from] = vectors;
            if (stored == 0) {
                return;
            }
            boolean selfDecided = decided.contains(p.record.key());
            IntVectors matched = new IntVectors(); // the roots matched, as keys
            StoredScan scan = new StoredScan(p.keys.size());
            scans[k - from] = scan;
            blocks.candidatesBelow(p.keys, stored, c -> {
                boolean pairDecided = selfDecided && hasDecision[c];
                if (!pairDecided && bornAnotherDay(c, p.record)) {
                    return; // first: most candidates end here, and this reads one array
                }
                scan.add(c);
                int root = rootOf(c);
                if (matched.containsKey(root)) {
                    return;
                }
                if (pairDecided) {
                    Decision d = decisions.get(PairKey.of(records.get(c).key(), p.record.key()));
                    if (d != null) {
                        if (d == Decision.MATCH) {
                            matched.put(root, MATCHED);
                        }
                        return;
                    }
                }
                if (pairDecided && bornAnotherDay(c, p.record)) {
                    return; // a decided record, but no decision on this pair
                }
                int[] v = comparators.compareForLinking(records.get(c), p.record);
                count.increment();
                vectors.put(c, v);
                if (rules.classify(v) == Outcome.MATCH) {
                    matched.put(root, MATCHED);
                }
            }, scan);
        });
        comparisons += count.sum();
        return out;
    }

    /** The batch's own blocks, by rank among the records linked; left out, those it would fill past the cap. */
    private Map<String, Positions> batchBlocks(List<Prepared> prepared, int[] order) {
        Map<String, Positions> local = new HashMap<>();
        for (int k = 0; k < order.length; k++) {
            for (String key : prepared.get(order[k]).keys) {
                local.computeIfAbsent(key, x -> new Positions()).add(k);
            }
        }
        local.values().removeIf(b -> b.size < 2);
        local.entrySet().removeIf(e -> blocks.size(e.getKey()) + e.getValue().size > blocks.cap());
        return local;
    }

    /**
     * The same for the batch's own records: each compared, in parallel, with the records before it in the batch that it
     * shares a block with (by its rank among the records linked, {@code order}). A large batch (several kept batches
     * linked together) would otherwise compare these one by one in the sequential pass. A block that the stored
     * records and the batch together fill past its cap is left out (the sequential pass may still use it while it is
     * under the cap, and compares those pairs itself).
     */
    private IntVectors[] compareWithinBatch(List<Prepared> prepared, int[] order, int from, int to,
                                            Map<String, Positions> local) {
        IntVectors[] out = new IntVectors[to - from];
        java.util.concurrent.atomic.LongAdder count = new java.util.concurrent.atomic.LongAdder();
        java.util.stream.IntStream ranks = java.util.stream.IntStream.range(from, to);
        (to - from >= 64 ? ranks.parallel() : ranks).forEach(k -> {
            IntVectors vectors = new IntVectors();
            out[k - from] = vectors;
            PreparedRecord self = prepared.get(order[k]).record;
            for (String key : prepared.get(order[k]).keys) {
                Positions b = local.get(key);
                if (b == null) {
                    continue;
                }
                for (int x = 0; x < b.size && b.at[x] < k; x++) {
                    int j = b.at[x];
                    if (!vectors.containsKey(j)) {
                        PreparedRecord other = prepared.get(order[j]).record;
                        if (!bornAnotherDay(other, self)) {
                            vectors.put(j, comparators.compareForLinking(other, self));
                            count.increment();
                        }
                    }
                }
            }
        });
        comparisons += count.sum();
        return out;
    }

    private void link(Prepared prepared, IntVectors compared, StoredScan scan,
                      java.util.function.IntFunction<int[]> withinBatch, int stored, List<Merge> merges,
                      List<ReviewPair> reviews, Set<List<String>> moves) {
        int self = records.size();
        PreparedRecord p = prepared.record;
        PersonRecord r = p.source;
        records.add(p);
        byKey.put(r.key(), self);
        grow(self);
        note(self, p);
        parent[self] = self;
        personIds[self] = p.idKinds == 0 ? null : p.ids.clone();
        boolean selfDecided = decided.contains(r.key());
        hasDecision[self] = selfDecided;
        Set<String> keys = prepared.keys;
        // the stored candidates the scan gives were tested already: only the batch's are tested here
        int[] untestedFrom = {scan == null ? 0 : stored};
        java.util.function.IntConsumer each = c -> {
            boolean pairDecided = selfDecided && hasDecision[c];
            if (c >= untestedFrom[0] && !pairDecided && bornAnotherDay(c, p)) {
                return; // not compared above either; first, as most candidates end here
            }
            if (find(c) == find(self)) {
                return; // already one person: nothing to learn from the pair
            }
            if (pairDecided) {
                Decision decided = decisions.get(PairKey.of(records.get(c).key(), r.key()));
                if (decided != null) {
                    if (decided == Decision.MATCH) {
                        union(c, self, merges);
                        reasons.putIfAbsent(r.key(), LinkReason.REVIEW);
                    }
                    return;
                }
            }
            if (pairDecided && bornAnotherDay(c, p)) {
                return; // a decided record, but no decision on this pair
            }
            int[] v = c < stored ? compared.get(c) : withinBatch.apply(c);
            if (v == null) {
                comparisons++;
                v = comparators.compareForLinking(records.get(c), p);
            }
            Outcome outcome = rules.classify(v);
            LinkReason why = null;
            if (outcome == Outcome.MATCH) {
                why = v[Comparison.STRONG_ID.ordinal()] == 0 ? LinkReason.IDENTIFIER : LinkReason.PROBABILISTIC;
            } else if (explainedByMove(v, c, self, prepared.record.place)) {
                why = LinkReason.MOVED_WITH_HOUSEHOLD;
            }
            if (why != null && !idsConflict(c, self)) {
                union(c, self, merges);
                reasons.putIfAbsent(r.key(), why);
                noteMove(c, prepared.record.place, moves);
            } else if (why != null || outcome == Outcome.REVIEW) {
                reviews.add(new ReviewPair(PairKey.of(records.get(c).key(), r.key()), model.score(v), v));
            }
        };
        if (scan == null || !blocks.candidatesAfter(keys, self, scan, each)) {
            untestedFrom[0] = 0;
            blocks.candidates(keys, self, each);
        }
        blocks.add(keys, self);
        fileName(prepared.name, self);
        file(byHome, prepared.record.place, self);
        file(byPostcode, postcodeOf(p.source), self);
    }

    /** A home holding more records than this (a hostel, a care home, a mis-keyed address) is no evidence of a move. */
    private static final int HOME_CAP = 40;
    /** The same for a postcode, which holds several homes. */
    private static final int POSTCODE_CAP = 200;

    /**
     * A record at {@code home} joined the person of record {@code c}: if c lived elsewhere, that person moved, and the
     * records at both places are compared again (with those that give only the postcode of either home).
     */
    private void noteMove(int c, String home, Set<List<String>> moves) {
        String from = records.get(c).place;
        if (home != null && from != null && !home.equals(from)) {
            addMove(home, from, moves);
            if (!home.startsWith(BARE) && !from.startsWith(BARE)) {
                String pcHome = HouseholdKeys.postcodeOfHome(home);
                String pcFrom = HouseholdKeys.postcodeOfHome(from);
                if (pcHome != null && pcFrom != null && !pcHome.equals(pcFrom)) {
                    addMove(from, BARE + pcHome, moves);
                    addMove(home, BARE + pcFrom, moves);
                }
            }
        }
    }

    private static void addMove(String x, String y, Set<List<String>> moves) {
        moves.add(x.compareTo(y) < 0 ? List.of(x, y) : List.of(y, x));
    }

    /**
     * Two records that agree as one person by name, birth date and the rest, and were kept apart only by their places
     * ({@link LinkRules#placeContradicts}, or place weights pulling the score down), are one person when another member
     * of the household is seen at both places: a household moved, and its members' records from before and after the
     * move carry the two addresses. Alone, the place still keeps them apart: two people who share a name and a date of
     * birth at different addresses are not linked.
     */
    private boolean explainedByMove(int[] v, int a, int b, String homeOfB) {
        int dob = v[Comparison.DOB.ordinal()];
        // the birth date must be there and agree (exactly, swapped or a digit off): a name alone does not follow a move
        return dob >= 0 && dob <= 2 && rules.classify(LinkRules.withoutPlace(v)) == Outcome.MATCH
                && movedTogether(a, b, records.get(a).place, homeOfB);
    }

    /**
     * Whether someone other than the persons of records a and b is seen at both homes: one person with records at
     * both, or two records, one at each, that agree as one person apart from the place and give the same birth date
     * (two such coincidences between the same two homes do not happen to strangers).
     */
    private boolean movedTogether(int a, int b, String homeA, String homeB) {
        if (homeA == null || homeB == null || homeA.equals(homeB)) {
            return false;
        }
        if (homeA.startsWith(BARE) || homeB.startsWith(BARE)) {
            return seenAtBoth(a, b, homeA, homeB);
        }
        Positions atA = byHome.get(homeA);
        Positions atB = byHome.get(homeB);
        if (atA == null || atB == null || atA.size > HOME_CAP || atB.size > HOME_CAP) {
            return false;
        }
        int ra = find(a);
        int rb = find(b);
        for (int k = 0; k < atA.size; k++) {
            int i = atA.at[k];
            int ri = find(i);
            if (ri == ra || ri == rb) {
                continue;
            }
            for (int l = 0; l < atB.size; l++) {
                int j = atB.at[l];
                int rj = find(j);
                if (rj == ra || rj == rb) {
                    continue;
                }
                if (ri == rj || agreeApartFromPlace(i, j)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@link #movedTogether} where one side gives only a postcode: someone other than the two persons is seen at both
     * places (at the home, and anywhere in the postcode). Only one person seen at both counts: a postcode holds too
     * many homes for two records agreeing by name to say much.
     */
    private boolean seenAtBoth(int a, int b, String homeA, String homeB) {
        Positions atA = at(homeA);
        Positions atB = at(homeB);
        if (atA == null || atB == null) {
            return false;
        }
        int ra = find(a);
        int rb = find(b);
        java.util.Set<Integer> roots = new java.util.HashSet<>();
        for (int k = 0; k < atA.size; k++) {
            int r = find(atA.at[k]);
            if (r != ra && r != rb) {
                roots.add(r);
            }
        }
        for (int l = 0; l < atB.size; l++) {
            if (roots.contains(find(atB.at[l]))) {
                return true;
            }
        }
        return false;
    }

    /** Everyone seen at a place: at the home, or anywhere in the postcode of a {@code bare:} place; null past the cap. */
    private Positions at(String place) {
        if (place.startsWith(BARE)) {
            Positions in = byPostcode.get(place.substring(BARE.length()));
            return in == null || in.size > POSTCODE_CAP ? null : in;
        }
        Positions in = byHome.get(place);
        return in == null || in.size > HOME_CAP ? null : in;
    }

    private boolean agreeApartFromPlace(int i, int j) {
        if (decisions.get(PairKey.of(records.get(i).key(), records.get(j).key())) == Decision.NO_MATCH) {
            return false;
        }
        comparisons++;
        int[] v = comparators.compareForLinking(records.get(i), records.get(j));
        // evidence for another pair's move: the birth date exactly, not merely close
        return v[Comparison.DOB.ordinal()] == 0 && rules.classify(LinkRules.withoutPlace(v)) == Outcome.MATCH;
    }

    /**
     * Once a batch shows a person at two homes, the records at those homes are compared again: a household member
     * whose records from either side came earlier was kept apart (queued for review, or left) for want of this
     * evidence. Returns the pairs so joined, which an earlier batch may have queued.
     */
    private List<PairKey> recheckMoves(Set<List<String>> moves, int first, List<Merge> merges) {
        List<PairKey> settled = new ArrayList<>();
        for (List<String> move : moves) {
            Positions atA = byHome.get(move.get(0));
            Positions atB = byHome.get(move.get(1));
            if (atA == null || atB == null || atA.size > HOME_CAP || atB.size > HOME_CAP) {
                continue;
            }
            for (int k = 0; k < atA.size; k++) {
                for (int l = 0; l < atB.size; l++) {
                    int a = atA.at[k];
                    int b = atB.at[l];
                    if (find(a) == find(b)) {
                        continue;
                    }
                    PairKey pair = PairKey.of(records.get(a).key(), records.get(b).key());
                    if (decisions.containsKey(pair)) {
                        continue; // a reviewer's word stands
                    }
                    comparisons++;
                    int[] v = comparators.compareForLinking(records.get(a), records.get(b));
                    if (rules.classify(v) != Outcome.MATCH && explainedByMove(v, a, b, move.get(1))
                            && !idsConflict(a, b)) {
                        union(a, b, merges);
                        settled.add(pair);
                        for (int i : new int[] {a, b}) {
                            if (i >= first) {
                                reasons.put(records.get(i).key(), LinkReason.MOVED_WITH_HOUSEHOLD);
                            }
                        }
                    }
                }
            }
        }
        return settled;
    }

    /**
     * Records a reviewer's decision. MATCH joins the two persons now (returning the merge, if any); NO_MATCH keeps the
     * pair from being linked or queued again. Both are honoured on every later batch.
     */
    public List<Merge> decide(PairKey pair, Decision decision) {
        decisions.put(pair, decision);
        noteDecided(pair);
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
        return seq == 0 ? null : personId(seq);
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
        if (pa != 0 && pb != 0 && pa != pb) {
            merges.add(new Merge(personId(kept), personId(Math.max(pa, pb))));
        }
        parent[rb] = ra;
        person[ra] = kept;
        absorbIds(ra, personIds[rb], personIds[rb] != null);
        personIds[rb] = null;
    }

    private void absorbIds(int root, String[] ids, boolean any) {
        if (!any) {
            return;
        }
        String[] mine = personIds[root];
        if (mine == null) {
            personIds[root] = ids.clone();
            return;
        }
        for (int k = 0; k < ids.length; k++) {
            if (mine[k] == null) {
                mine[k] = ids[k];
            }
        }
    }

    /** Whether the persons of records a and b hold different identifiers of one kind. */
    private boolean idsConflict(int a, int b) {
        String[] x = personIds[find(a)];
        String[] y = personIds[find(b)];
        if (x == null || y == null) {
            return false;
        }
        for (int k = 0; k < x.length; k++) {
            if (x[k] != null && y[k] != null && !x[k].equals(y[k])) {
                return true;
            }
        }
        return false;
    }

    /** Files what {@link #bornAnotherDay} reads of the record at a position. */
    private void note(int position, PreparedRecord p) {
        dobAt[position] = p.dobKey;
        kindsAt[position] = p.kinds;
        idHashAt[position] = p.idHash;
    }

    /** {@link #bornAnotherDay(int, int, int[], PreparedRecord)} for the record at position c, from the arrays alone. */
    private boolean bornAnotherDay(int c, PreparedRecord p) {
        return bornAnotherDay(dobAt[c], kindsAt[c], idHashAt[c], p);
    }

    /** The same for two records of the batch being linked, which have no position yet. */
    private static boolean bornAnotherDay(PreparedRecord a, PreparedRecord b) {
        return bornAnotherDay(a.dobKey, a.kinds, a.idHash, b);
    }

    /**
     * {@link LinkRules#bornAnotherDay} for a record (its packed date, identifier kinds and hashes) and p, without
     * reading the record: the dates flatly differ, no weak identifier is on both and no strong identifier can agree
     * (none of a kind on both hashes alike). Such a pair is a non-match whatever the rest says, and no move explains it
     * (that needs the dates to agree), so it is neither compared nor stored. Where this cannot tell, false: the pair
     * is compared in full.
     */
    private static boolean bornAnotherDay(int dob, int kinds, int[] idHash, PreparedRecord p) {
        if (Comparators.dob(dob, p.dobKey) != DOB_DIFFERENT) {
            return false;
        }
        int both = kinds & p.kinds;
        if ((both & PreparedRecord.WEAK) != 0) {
            return false;
        }
        for (int k = 0; both != 0; k++, both >>>= 1) {
            if ((both & 1) != 0 && idHash[k] == p.idHash[k]) {
                return false;
            }
        }
        return true;
    }

    private static final int DOB_DIFFERENT = Comparison.DOB.different();

    /** {@link #find} without shortening paths: safe for threads that only read. */
    private int rootOf(int i) {
        while (parent[i] != i) {
            i = parent[i];
        }
        return i;
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
            dobAt = Arrays.copyOf(dobAt, parent.length * 2);
            kindsAt = Arrays.copyOf(kindsAt, parent.length * 2);
            idHashAt = Arrays.copyOf(idHashAt, parent.length * 2);
            parent = Arrays.copyOf(parent, parent.length * 2);
            person = Arrays.copyOf(person, person.length * 2);
            hasDecision = Arrays.copyOf(hasDecision, hasDecision.length * 2);
            personIds = Arrays.copyOf(personIds, personIds.length * 2);
        }
    }
}
