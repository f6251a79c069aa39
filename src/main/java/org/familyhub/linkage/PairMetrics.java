package org.familyhub.linkage;

/** Pair-level quality: true positives, predicted pairs and true pairs. */
public record PairMetrics(long truePositives, long predicted, long actual) {

    public double precision() {
        return predicted == 0 ? 1.0 : (double) truePositives / predicted;
    }

    public double recall() {
        return actual == 0 ? 1.0 : (double) truePositives / actual;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Override
    public String toString() {
        return String.format("precision %.4f  recall %.4f  F1 %.4f  (true pairs %d, predicted %d, correct %d)",
                precision(), recall(), f1(), actual, predicted, truePositives);
    }
}
