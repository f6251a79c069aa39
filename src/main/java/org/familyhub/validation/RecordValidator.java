package org.familyhub.validation;

import java.util.List;
import org.familyhub.record.PartnerRecord;

public class RecordValidator {
    public List<String> validate(PartnerRecord r) { return List.of(); }
}
