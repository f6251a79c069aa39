package org.familyhub.linkage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/** Blocking key → record positions. A block grown past its cap stops producing candidates (too common to tell). */
final class BlockIndex {

    private final Map<String, Positions> blocks = new HashMap<>();
    private final int cap;
    private int[] stamp = new int[1024];

    BlockIndex(int cap) {
        this.cap = cap;
    }

    /** How many records are filed under {@code key}. */
    int size(String key) {
        Positions b = blocks.get(key);
        return b == null ? 0 : b.size;
    }

    int cap() {
        return cap;
    }

    /** Every record sharing a key with {@code keys}, each once, in filing order; {@code self} is never returned. */
    void candidates(Set<String> keys, int self, IntConsumer each) {
        if (self >= stamp.length) {
            stamp = Arrays.copyOf(stamp, Math.max(self + 1, stamp.length * 2));
        }
        int mark = self + 1;
        stamp[self] = mark;
        for (String key : keys) {
            Positions b = blocks.get(key);
            if (b == null || b.size > cap) {
                continue;
            }
            for (int k = 0; k < b.size; k++) {
                int c = b.at[k];
                if (stamp[c] != mark) {
                    stamp[c] = mark;
                    each.accept(c);
                }
            }
        }
    }

    /** Per thread: which positions a {@link #candidatesBelow} call has already given, by the call's mark. */
    private static final ThreadLocal<int[]> SEEN = ThreadLocal.withInitial(() -> new int[1]);
    private static final ThreadLocal<int[]> MARK = ThreadLocal.withInitial(() -> new int[1]);

    /**
     * {@link #candidates} among the positions below {@code limit} only, for threads that read the index while nothing
     * changes it (the records of a batch compared with the stored ones in parallel). Same order as {@link #candidates}.
     * Tells {@code scan} where each key's candidates end.
     */
    void candidatesBelow(Set<String> keys, int limit, IntConsumer each, StoredScan scan) {
        int[] seen = SEEN.get();
        if (seen.length < limit) {
            seen = new int[Math.max(limit, seen.length * 2)];
            SEEN.set(seen);
            MARK.get()[0] = 0;
        }
        int mark = ++MARK.get()[0];
        if (mark == Integer.MAX_VALUE) {
            java.util.Arrays.fill(seen, 0);
            MARK.get()[0] = mark = 1;
        }
        for (String key : keys) {
            Positions b = blocks.get(key);
            if (b == null || b.size > cap) {
                scan.keyDone(null, b == null ? 0 : StoredScan.OVER_CAP);
                continue;
            }
            int k = 0;
            for (; k < b.size; k++) {
                int c = b.at[k];
                if (c >= limit) {
                    break; // a block holds the positions below the limit first: the batch's are filed after them
                }
                if (seen[c] != mark) {
                    seen[c] = mark;
                    each.accept(c);
                }
            }
            scan.keyDone(b, k);
        }
    }

    /**
     * {@link #candidates} for a record whose stored candidates were scanned before the batch was filed (every
     * position then was a stored one): for each key, the scan's survivors, then the positions filed under it since,
     * in the same order as {@link #candidates} would give them and with the candidates it rules out left out. False,
     * having given nothing, if a key's block grew past its cap since the scan: {@link #candidates} must do it.
     */
    boolean candidatesAfter(Set<String> keys, int self, StoredScan scan, IntConsumer each) {
        for (int i = 0; i < scan.blocks.length; i++) {
            if (scan.sizeThen[i] > 0 && scan.blocks[i].size > cap) {
                return false;
            }
        }
        if (self >= stamp.length) {
            stamp = Arrays.copyOf(stamp, Math.max(self + 1, stamp.length * 2));
        }
        int mark = self + 1;
        stamp[self] = mark;
        int ki = -1;
        for (String key : keys) {
            ki++;
            if (scan.sizeThen[ki] == StoredScan.OVER_CAP) {
                continue; // and still is: a block only grows while a batch is linked
            }
            // the scan's block is still this key's (a block is only ever dropped by remove, never while linking)
            Positions b = scan.blocks[ki] != null ? scan.blocks[ki] : blocks.get(key);
            if (b == null || b.size > cap) {
                continue;
            }
            for (int s = scan.keyStart(ki); s < scan.keyEnd[ki]; s++) {
                each.accept(scan.survivors[s]); // stored positions, each once across the keys already
            }
            for (int k = Math.max(0, scan.sizeThen[ki]); k < b.size; k++) {
                int c = b.at[k];
                if (stamp[c] != mark) {
                    stamp[c] = mark;
                    each.accept(c);
                }
            }
        }
        return true;
    }

    /** Takes a record out of its blocks; a block past its cap stays past it (it was too common to tell anyway). */
    void remove(Set<String> keys, int position) {
        for (String key : keys) {
            Positions b = blocks.get(key);
            if (b == null || b.size > cap) {
                continue;
            }
            b.remove(position);
            if (b.size == 0) {
                blocks.remove(key);
            }
        }
    }

    void add(Set<String> keys, int position) {
        for (String key : keys) {
            Positions b = blocks.computeIfAbsent(key, k -> new Positions());
            if (b.size <= cap) {
                b.add(position);
            }
        }
    }
}
