package org.familyhub.web.ui;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.familyhub.connector.ConnectorCatalog;
import org.familyhub.connector.ConnectorDefinition;
import org.familyhub.consent.AgreementStore;
import org.familyhub.consent.Gateway;
import org.familyhub.consent.GatewayCatalog;
import org.familyhub.consent.SharingAgreement;
import org.familyhub.security.PurposePolicy;
import org.familyhub.security.Role;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The data-flow map, drawn from the live configuration (connectors, the agreements in force, gateways, the purpose
 * policy): partner → agreement (with its categories) → legal gateway → purpose → who may read. It is an SVG with
 * presentation attributes only (no inline style, for the Content-Security-Policy), usable as a DPIA annex, and the
 * same flows as rows of a table for those who cannot see the picture.
 */
@Component
public class DataFlowMap {

    private static final int COLUMN = 230;
    private static final int NODE_W = 190;
    private static final int NODE_H = 34;
    private static final int ROW = 46;
    private static final int TOP = 50;

    private final ConnectorCatalog connectors;
    private final AgreementStore agreements;
    private final GatewayCatalog gateways;

    public DataFlowMap(ConnectorCatalog connectors, AgreementStore agreements, GatewayCatalog gateways) {
        this.connectors = connectors;
        this.agreements = agreements;
        this.gateways = gateways;
    }

    /** One flow: a partner's data under an agreement and gateway, used for a purpose, read by a role. */
    public record Flow(String partner, String agreement, String categories, String gateway, String purpose, String role) {
    }

    public List<Flow> flows() {
        List<Flow> out = new ArrayList<>();
        for (SharingAgreement a : active()) {
            for (String g : a.gateways()) {
                Gateway gateway = gateways.find(g).orElse(null);
                for (String p : a.purposes().stream().sorted().toList()) {
                    if (gateway != null && !gateway.purposes().contains(p)) {
                        continue; // the gateway does not carry this purpose
                    }
                    List<Role> roles = PurposePolicy.rolesFor(p);
                    for (String r : roles.isEmpty() ? List.of("none (not read by people)") : roles.stream().map(Role::id).toList()) {
                        out.add(new Flow(a.partner(), a.id() + " v" + a.version(), String.join(", ", a.categories().stream().sorted().toList()),
                                g, p, r));
                    }
                }
            }
        }
        return out;
    }

    public String svg() {
        List<Flow> flows = flows();
        List<Set<String>> columns = List.of(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>(),
                new LinkedHashSet<>(), new LinkedHashSet<>());
        connectors.all().stream().map(ConnectorDefinition::partner).forEach(columns.get(0)::add);
        Map<String, String> agreementLabels = new LinkedHashMap<>();
        Set<String> edges = new LinkedHashSet<>();
        for (Flow f : flows) {
            columns.get(1).add(f.agreement());
            agreementLabels.put(f.agreement(), f.categories());
            columns.get(2).add(f.gateway());
            columns.get(3).add(f.purpose());
            columns.get(4).add(f.role());
            edges.add("0|" + f.partner() + "|" + f.agreement());
            edges.add("1|" + f.agreement() + "|" + f.gateway());
            edges.add("2|" + f.gateway() + "|" + f.purpose());
            edges.add("3|" + f.purpose() + "|" + f.role());
        }
        int rows = columns.stream().mapToInt(Set::size).max().orElse(1);
        int width = COLUMN * 4 + NODE_W + 20;
        int height = TOP + rows * ROW + 20;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-labelledby=\"flow-title\" font-family=\"Arial, sans-serif\" font-size=\"13\">")
                .append("<title id=\"flow-title\">Data-flow map: partners, agreements, legal gateways, purposes and who may read</title>")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        String[] headings = {"Partner", "Agreement (categories)", "Legal gateway", "Purpose", "Who may read"};
        for (int c = 0; c < headings.length; c++) {
            s.append("<text x=\"").append(10 + c * COLUMN).append("\" y=\"24\" font-weight=\"bold\" fill=\"#0b0c0c\">")
                    .append(esc(headings[c])).append("</text>");
        }
        List<List<String>> cols = columns.stream().map(List::copyOf).toList();
        for (String e : edges) {
            String[] p = e.split("\\|", 3);
            int c = Integer.parseInt(p[0]);
            int y1 = y(cols.get(c).indexOf(p[1])) + NODE_H / 2;
            int y2 = y(cols.get(c + 1).indexOf(p[2])) + NODE_H / 2;
            int x1 = 10 + c * COLUMN + NODE_W;
            int x2 = 10 + (c + 1) * COLUMN;
            s.append("<path d=\"M").append(x1).append(' ').append(y1).append(" C").append((x1 + x2) / 2).append(' ').append(y1)
                    .append(' ').append((x1 + x2) / 2).append(' ').append(y2).append(' ').append(x2).append(' ').append(y2)
                    .append("\" fill=\"none\" stroke=\"#1d70b8\" stroke-width=\"1.5\" stroke-opacity=\"0.6\"/>");
        }
        for (int c = 0; c < cols.size(); c++) {
            for (int i = 0; i < cols.get(c).size(); i++) {
                String label = cols.get(c).get(i);
                int x = 10 + c * COLUMN;
                int y = y(i);
                s.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(NODE_W)
                        .append("\" height=\"").append(NODE_H).append("\" rx=\"3\" fill=\"#f3f2f1\" stroke=\"#0b0c0c\"/>");
                s.append("<text x=\"").append(x + 8).append("\" y=\"").append(y + (c == 1 ? 14 : 21)).append("\" fill=\"#0b0c0c\">")
                        .append(esc(clip(label, 26))).append("</text>");
                if (c == 1) {
                    s.append("<text x=\"").append(x + 8).append("\" y=\"").append(y + 28).append("\" font-size=\"10\" fill=\"#505a5f\">")
                            .append(esc(clip(agreementLabels.getOrDefault(label, ""), 34))).append("</text>");
                }
            }
        }
        return s.append("</svg>").toString();
    }

    /** Agreements in force today: active, and today within their validity (an approved future one is not yet). */
    private List<SharingAgreement> active() {
        LocalDate today = LocalDate.now();
        return agreements.latest().stream().filter(a -> "ACTIVE".equals(a.status()))
                .filter(a -> (a.validFrom() == null || !a.validFrom().isAfter(today)) && (a.validTo() == null || !a.validTo().isBefore(today))).toList();
    }

    private static int y(int index) {
        return TOP + index * ROW;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s);
    }
}
