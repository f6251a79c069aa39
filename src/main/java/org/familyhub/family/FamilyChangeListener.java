package org.familyhub.family;

/**
 * Told, inside the transaction that changed it, when a family's view (members, criteria met, workers, eligibility)
 * changes: the outbound feeds enqueue their message here, so the change and its notification commit together.
 */
public interface FamilyChangeListener {

    /**
     * @param family      the family as it now is
     * @param wasEligible eligibility before the change (false for a new family)
     * @param previousHash the view's hash before the change (null for a new family)
     * @param viewHash    identifies this state of the view
     */
    void changed(FamilyAssessor.Assembled family, boolean wasEligible, String previousHash, String viewHash);

    /** A family whose view changed, with what {@link #changed} is told of it. */
    record Change(FamilyAssessor.Assembled family, boolean wasEligible, String previousHash, String viewHash) {
    }

    /** Told of every family whose view one reassessment changed, in order: {@link #changed} for each, unless batched. */
    default void changedAll(java.util.List<Change> changes) {
        changes.forEach(c -> changed(c.family(), c.wasEligible(), c.previousHash(), c.viewHash()));
    }

    /**
     * Told when a family ends: dissolved (no member left) or absorbed into {@code into} (null when dissolved).
     *
     * @param wasEligible  eligibility before it ended
     * @param previousHash the view's hash before it ended
     */
    default void ended(String familyId, String into, boolean wasEligible, String previousHash) {
    }
}
