package org.familyhub.linkage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Given names that are familiar forms of one another: Bob and Robert, Liz and Elizabeth. */
public final class Nicknames {

    private static final Nicknames STANDARD = load("/linkage/nicknames.csv");

    /** Normalised name → the lines (groups) it appears on. */
    private final Map<String, Set<Integer>> groups;

    private Nicknames(Map<String, Set<Integer>> groups) {
        this.groups = groups;
    }

    public static Nicknames standard() {
        return STANDARD;
    }

    static Nicknames load(String resource) {
        InputStream in = Nicknames.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        Map<String, Set<Integer>> groups = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int group = 0;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                group++;
                for (String name : line.split(",")) {
                    String n = Normalise.text(name);
                    if (!n.isEmpty()) {
                        groups.computeIfAbsent(n, k -> new HashSet<>()).add(group);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Nicknames(groups);
    }

    /** Both names already normalised. */
    public boolean same(String a, String b) {
        Set<Integer> ga = groups.get(a);
        Set<Integer> gb = groups.get(b);
        if (ga == null || gb == null) {
            return false;
        }
        for (Integer g : ga) {
            if (gb.contains(g)) {
                return true;
            }
        }
        return false;
    }
}
