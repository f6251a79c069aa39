package org.familyhub.connector.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** A small in-memory element read with StAX: enough to map one {@code <Pupil>} and to keep its text for the quarantine. */
final class XmlElement {

    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<XmlElement> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    private XmlElement(String name) {
        this.name = name;
    }

    /** Reads the element the reader is positioned on (START_ELEMENT), leaving it on the matching END_ELEMENT. */
    static XmlElement read(XMLStreamReader reader) throws XMLStreamException {
        XmlElement element = new XmlElement(reader.getLocalName());
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            element.attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> element.children.add(read(reader));
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        element.text.append(reader.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return element;
                }
                default -> {
                    // comments and processing instructions carry no data
                }
            }
        }
        return element;
    }

    String name() {
        return name;
    }

    /** The attribute value, or null. */
    String attribute(String attribute) {
        return attributes.get(attribute);
    }

    XmlElement child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst().orElse(null);
    }

    List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** The text of the first child of that name, or null when there is none. */
    String childText(String childName) {
        XmlElement c = child(childName);
        return c == null ? null : c.text();
    }

    String text() {
        return text.toString();
    }

    /** The element as XML again (namespace prefixes and insignificant whitespace are not kept). */
    String toXml() {
        StringBuilder sb = new StringBuilder();
        write(sb);
        return sb.toString();
    }

    private void write(StringBuilder sb) {
        sb.append('<').append(name);
        attributes.forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(escape(v, true)).append('"'));
        String content = children.isEmpty() ? text.toString() : "";
        if (children.isEmpty() && content.isEmpty()) {
            sb.append("/>");
            return;
        }
        sb.append('>');
        if (children.isEmpty()) {
            sb.append(escape(content, false));
        } else {
            children.forEach(c -> c.write(sb));
        }
        sb.append("</").append(name).append('>');
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
