package org.familyhub.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The sequential pass of linking takes a record's stored candidates from the scan made in parallel before, and must
 * meet them, and the batch's own, in exactly the order a full visit of the blocks would: which pair is met first
 * decides what is linked and what is queued.
 */
class BlockIndexTest {

    private static final int CAP = 6;

    /** Stored positions 0..9 under keys a, b, c; c already past its cap. */
    private static BlockIndex stored() {
        BlockIndex blocks = new BlockIndex(CAP);
        for (int i = 0; i < 10; i++) {
            Set<String> keys = new LinkedHashSet<>();
            if (i % 2 == 0) {
                keys.add("a");
            }
            if (i % 3 == 0) {
                keys.add("b");
            }
            keys.add("c");
            blocks.add(keys, i);
        }
        return blocks;
    }

    private static List<Integer> visit(BlockIndex blocks, Set<String> keys, int self, IntPredicate ruledOut) {
        List<Integer> seen = new ArrayList<>();
        blocks.candidates(keys, self, c -> {
            if (!ruledOut.test(c)) {
                seen.add(c);
            }
        });
        return seen;
    }

    private static StoredScan scan(BlockIndex blocks, Set<String> keys, int stored, IntPredicate ruledOut) {
        StoredScan scan = new StoredScan(keys.size());
        blocks.candidatesBelow(keys, stored, c -> {
            if (!ruledOut.test(c)) {
                scan.add(c);
            }
        }, scan);
        return scan;
    }

    @Test
    void theScanThenTheBatchGivesWhatAFullVisitGives() {
        IntPredicate ruledOut = c -> c == 6 || c == 11; // born another day, say
        Set<String> keys = new LinkedHashSet<>(List.of("b", "a", "c", "d"));
        BlockIndex blocks = stored();
        StoredScan scan = scan(blocks, keys, 10, ruledOut);
        BlockIndex same = stored(); // (a visit marks what it gave for the record it is made for: one visit each)
        for (BlockIndex b : List.of(blocks, same)) {
            // the batch's earlier records, filed after the scan: 10 under a and d, 11 under b, 12 under d
            b.add(Set.of("a", "d"), 10);
            b.add(Set.of("b"), 11);
            b.add(Set.of("d"), 12);
        }

        List<Integer> after = new ArrayList<>();
        boolean done = blocks.candidatesAfter(keys, 13, scan, c -> {
            if (c < 10 || !ruledOut.test(c)) {
                after.add(c);
            }
        });

        assertThat(done).isTrue();
        assertThat(after).isEqualTo(visit(same, keys, 13, ruledOut))
                .containsExactly(0, 3, 9, 2, 4, 8, 10, 12);
    }

    @Test
    void aBlockThatGrewPastItsCapSinceTheScanIsLeftToAFullVisit() {
        BlockIndex blocks = stored(); // a holds 0, 2, 4, 6, 8: one short of its cap
        Set<String> keys = new LinkedHashSet<>(List.of("a", "b"));
        StoredScan scan = scan(blocks, keys, 10, c -> false);
        blocks.add(Set.of("a"), 10);
        blocks.add(Set.of("a"), 11); // a is now past its cap: its stored records are no longer candidates

        List<Integer> after = new ArrayList<>();
        assertThat(blocks.candidatesAfter(keys, 12, scan, after::add)).isFalse();
        assertThat(after).isEmpty();
        assertThat(visit(blocks, keys, 12, c -> false)).containsExactly(0, 3, 6, 9);
    }
}
