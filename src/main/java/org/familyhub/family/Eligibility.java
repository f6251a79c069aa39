package org.familyhub.family;

/**
 * When a family is eligible: at least {@code minimumCriteria} criteria met, and dependent children when required.
 * {@code localDiscretion} is tf-2012's "two of them plus a local high-cost discretion"; off unless a council enables it.
 */
public record Eligibility(String description, int minimumCriteria, boolean dependentChildrenRequired,
                          LocalDiscretion localDiscretion) {

    public record LocalDiscretion(boolean enabled, int minimumCriteria, String description) {
    }
}
