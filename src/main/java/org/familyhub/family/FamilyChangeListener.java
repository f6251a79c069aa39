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
}
