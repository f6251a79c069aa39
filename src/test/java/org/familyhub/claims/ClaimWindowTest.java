package org.familyhub.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ClaimWindowTest {

    @Test
    void quartersByDefaultAndTheirEdges() {
        ClaimWindow q = new ClaimWindow(3);
        assertThat(q.label(LocalDate.of(2026, 1, 1))).isEqualTo("2026-Q1");
        assertThat(q.label(LocalDate.of(2026, 3, 31))).isEqualTo("2026-Q1");
        assertThat(q.label(LocalDate.of(2026, 4, 1))).isEqualTo("2026-Q2");
        assertThat(q.label(LocalDate.of(2026, 12, 31))).isEqualTo("2026-Q4");
    }

    @Test
    void otherLengthsThatDivideTheYear() {
        LocalDate d = LocalDate.of(2026, 11, 27);
        assertThat(new ClaimWindow(1).label(d)).isEqualTo("2026-11");
        assertThat(new ClaimWindow(2).label(d)).isEqualTo("2026-P6");
        assertThat(new ClaimWindow(4).label(d)).isEqualTo("2026-P3");
        assertThat(new ClaimWindow(6).label(d)).isEqualTo("2026-H2");
        assertThat(new ClaimWindow(6).label(LocalDate.of(2026, 6, 30))).isEqualTo("2026-H1");
        assertThat(new ClaimWindow(12).label(d)).isEqualTo("2026");
        assertThatThrownBy(() -> new ClaimWindow(5)).hasMessageContaining("does not divide the year");
    }

    @Test
    void windowNamesAreRecognisedWhateverTheirLength() {
        assertThat(ClaimWindow.isLabel("2026-Q4")).isTrue();
        assertThat(ClaimWindow.isLabel("2026-11")).isTrue();
        assertThat(ClaimWindow.isLabel("2026-H2")).isTrue();
        assertThat(ClaimWindow.isLabel("2026-P6")).isTrue();
        assertThat(ClaimWindow.isLabel("2026")).isTrue();
        assertThat(ClaimWindow.isLabel("2026-Q5")).isFalse();
        assertThat(ClaimWindow.isLabel("2026-13")).isFalse();
        assertThat(ClaimWindow.isLabel("Q4 2026")).isFalse();
        assertThat(ClaimWindow.isLabel("2026-q4")).isFalse();
        assertThat(ClaimWindow.isLabel("")).isFalse();
        assertThat(ClaimWindow.isLabel(null)).isFalse();
    }
}
