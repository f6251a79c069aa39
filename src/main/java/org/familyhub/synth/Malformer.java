package org.familyhub.synth;

import java.util.SplittableRandom;

/** Decides which records of one partner are malformed (about 1 in 100) and how. */
final class Malformer {

    private final SplittableRandom r;
    private final String[] kinds;
    private long countdown;

    Malformer(long seed, String partner, String... kinds) {
        this.r = new SplittableRandom(Ids.mix(seed, partner.hashCode(), 0xBAD));
        this.kinds = kinds;
        this.countdown = 5 + r.nextInt(60);
    }

    /** The malformation kind for the next record, or null for a good record. */
    String next() {
        if (--countdown > 0) {
            return null;
        }
        countdown = 50 + r.nextInt(101);
        return kinds[r.nextInt(kinds.length)];
    }
}
