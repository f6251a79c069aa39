package org.familyhub.linkage;

/** Fellegi–Sunter parameters: m and u per comparison level, and the prior probability that a candidate pair matches. */
public final class MatchModel {

    private final double[][] m;
    private final double[][] u;
    private final double lambda;
    private final double[][] weight;
    private final double priorWeight;

    MatchModel(double[][] m, double[][] u, double lambda) {
        this.m = m;
        this.u = u;
        this.lambda = Math.min(0.999, Math.max(1e-6, lambda));
        this.weight = new double[m.length][];
        for (int c = 0; c < m.length; c++) {
            weight[c] = new double[m[c].length];
            for (int l = 0; l < m[c].length; l++) {
                weight[c][l] = log2(m[c][l] / u[c][l]);
                if (l > 0 && weight[c][l] > weight[c][l - 1]) {
                    // levels are ordered strongest first; a rare weak level must not outweigh a strong one
                    weight[c][l] = weight[c][l - 1];
                }
            }
        }
        this.priorWeight = log2(this.lambda / (1 - this.lambda));
    }

    /** The configured weights as they are, without estimation. */
    public static MatchModel fromConfig(LinkageConfig config) {
        Comparison[] cs = Comparison.values();
        double[][] m = new double[cs.length][];
        double[][] u = new double[cs.length][];
        for (Comparison c : cs) {
            m[c.ordinal()] = config.weights().get(c).m().clone();
            u[c.ordinal()] = config.weights().get(c).u().clone();
        }
        return new MatchModel(m, u, config.priorMatchProbability());
    }

    /** log2 posterior odds that the pair is one person. */
    public double score(int[] levels) {
        double s = priorWeight;
        for (int c = 0; c < levels.length; c++) {
            if (levels[c] >= 0) {
                s += weight[c][levels[c]];
            }
        }
        return s;
    }

    /** The score without the agreement of postcode, address and town (their disagreement still counts). */
    public double scoreWithoutPlace(int[] levels) {
        double s = priorWeight;
        for (int c = 0; c < levels.length; c++) {
            if (levels[c] >= 0) {
                boolean place = c == Comparison.POSTCODE.ordinal() || c == Comparison.ADDRESS.ordinal()
                        || c == Comparison.TOWN.ordinal();
                s += place ? Math.min(0, weight[c][levels[c]]) : weight[c][levels[c]];
            }
        }
        return s;
    }

    public double m(Comparison c, int level) {
        return m[c.ordinal()][level];
    }

    public double u(Comparison c, int level) {
        return u[c.ordinal()][level];
    }

    public double lambda() {
        return lambda;
    }

    /** One line per comparison: level, m, u and weight; for the evaluate report and for reviewers. */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.format("prior match probability %.4f%n", lambda));
        for (Comparison c : Comparison.values()) {
            for (int l = 0; l < c.levels(); l++) {
                sb.append(String.format("  %-9s %-40s m=%.4f u=%.5f w=%+6.2f%n", c, c.describe(l), m[c.ordinal()][l],
                        u[c.ordinal()][l], weight[c.ordinal()][l]));
            }
        }
        return sb.toString();
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
