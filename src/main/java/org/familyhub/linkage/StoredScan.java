package org.familyhub.linkage;

import java.util.Arrays;

/**
 * What the parallel comparison of a batch record with the stored records found, kept for the sequential pass: the
 * stored candidates that are not ruled out before reading them, in the order {@link BlockIndex#candidates} gives them,
 * key by key, and how large each key's block was then. The sequential pass takes these instead of visiting every
 * stored candidate again (four in five of them only to rule them out once more), then the batch's own records filed
 * under each key since.
 */
final class StoredScan {

    /** A key's block as the scan found it: past its cap, or absent (size 0). */
    static final int OVER_CAP = -1;

    int[] survivors = new int[16];
    int count;
    /** Per key, in the keys' order: where its survivors end, and its block's size then (or {@link #OVER_CAP}). */
    final int[] keyEnd;
    final int[] sizeThen;
    /** Per key, its block as the scan found it (null if absent or past its cap): not looked up again. */
    final Positions[] blocks;
    private int keys;

    StoredScan(int keyCount) {
        keyEnd = new int[keyCount];
        sizeThen = new int[keyCount];
        blocks = new Positions[keyCount];
    }

    void add(int position) {
        if (count == survivors.length) {
            survivors = Arrays.copyOf(survivors, count * 2);
        }
        survivors[count++] = position;
    }

    /**
     * The next key's candidates are all given; its block ({@code block}) held {@code size} positions below the scan's
     * limit (or {@link #OVER_CAP}, null).
     */
    void keyDone(Positions block, int size) {
        keyEnd[keys] = count;
        sizeThen[keys] = size;
        blocks[keys] = block;
        keys++;
    }

    int keyStart(int key) {
        return key == 0 ? 0 : keyEnd[key - 1];
    }
}
