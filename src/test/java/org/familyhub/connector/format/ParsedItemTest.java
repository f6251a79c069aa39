package org.familyhub.connector.format;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParsedItemTest {

    @Test
    void needsExactlyOneOfRecordAndProblem() {
        assertThatThrownBy(() -> new ParsedItem(2, "line 2", "x", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParsedItem.rejected(2, "line 2", "x", null)).isInstanceOf(NullPointerException.class);
    }
}
