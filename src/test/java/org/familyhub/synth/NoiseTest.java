package org.familyhub.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseTest {

    @Test
    void aSwappedDayAndMonthNeverPutsABirthInTheFuture() {
        // ReplicaKillIT seed 98212 on 2026-11-27: a baby born 12 Feb 2026 keyed as 2 Dec 2026, which the hub rightly
        // quarantined while the ground truth expected it
        LocalDate today = LocalDate.of(2026, 11, 27);
        LocalDate born = LocalDate.of(2026, 2, 12);
        SplittableRandom r = new SplittableRandom(1);
        boolean swappedSome = false;
        for (int i = 0; i < 5_000; i++) {
            LocalDate keyed = Noise.dob(r, born, 50, today);
            assertThat(keyed).isBeforeOrEqualTo(today).isEqualTo(born);
            LocalDate older = Noise.dob(r, LocalDate.of(2019, 2, 12), 50, today);
            swappedSome |= older.equals(LocalDate.of(2019, 12, 2));
        }
        assertThat(swappedSome).as("past dates are still swapped").isTrue();
    }
}
