package org.familyhub.family;

import java.util.List;
import java.util.Set;
import org.familyhub.consent.PurgedRecordsListener;
import org.familyhub.linkage.store.PersonLinker;
import org.springframework.stereotype.Component;

/**
 * After a purge, in its transaction: the removed records' links go, and the families of the persons who held them are
 * regrouped and reassessed, so a family that no longer meets the criteria stops being eligible (and the case system
 * is told) and a person with no record left stops being a member.
 */
@Component
public class PurgedRecordsRegrouper implements PurgedRecordsListener {

    private final PersonLinker linker;
    private final FamilyBuilder families;

    public PurgedRecordsRegrouper(PersonLinker linker, FamilyBuilder families) {
        this.linker = linker;
        this.families = families;
    }

    @Override
    public void purged(List<String> recordKeys) {
        Set<String> persons = linker.unlink(recordKeys);
        families.rebuild(persons, List.of());
    }
}
