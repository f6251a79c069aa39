package org.familyhub.connector.format;

import org.familyhub.record.PartnerRecord;

public record ParsedItem(int position, String location, String raw, PartnerRecord record, String problem) {
    public static ParsedItem ok(int position, String location, String raw, PartnerRecord record) {
        return new ParsedItem(position, location, raw, record, null);
    }
    public static ParsedItem rejected(int position, String location, String raw, String problem) {
        return new ParsedItem(position, location, raw, null, problem);
    }
}
