package org.familyhub.linkage;

/**
 * Comparison vectors by record position (non-negative), in open addressing: a record's comparisons are looked up for
 * each of its candidates in the sequential pass, and a map of boxed positions cost a cache miss or two per look-up.
 */
final class IntVectors {

    private int[] keys;
    private int[][] values;
    private int size;

    IntVectors() {
        keys = new int[16];
        values = new int[16][];
        java.util.Arrays.fill(keys, -1);
    }

    int[] get(int key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == -1) {
                return null;
            }
        }
    }

    boolean containsKey(int key) {
        return get(key) != null;
    }

    /** @param value not null */
    void put(int key, int[] value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != -1 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == -1) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[][] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2][];
        java.util.Arrays.fill(keys, -1);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != -1) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(int key) {
        return key * 0x9E3779B9 >>> 7;
    }
}
