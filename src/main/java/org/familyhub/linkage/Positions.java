package org.familyhub.linkage;

import java.util.Arrays;

/** Record positions in an index, growable: the members of a block, or the records bearing a name. */
final class Positions {

    int[] at = new int[2];
    int size;

    void add(int i) {
        if (size == at.length) {
            at = Arrays.copyOf(at, size * 2);
        }
        at[size++] = i;
    }

    /** Takes out the first {@code i}; false if it is not here. */
    boolean remove(int i) {
        for (int k = 0; k < size; k++) {
            if (at[k] == i) {
                System.arraycopy(at, k + 1, at, k, size - k - 1);
                size--;
                return true;
            }
        }
        return false;
    }
}
