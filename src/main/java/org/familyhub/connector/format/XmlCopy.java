package org.familyhub.connector.format;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Copies an element from a StAX reader into the text kept for the quarantine while it is read, in one pass and
 * without building a tree: local names only, each attribute local name once (with its last value), text escaped,
 * the whitespace between child elements dropped, an element with neither children nor text as {@code <x/>}.
 * A caller that needs values from the element's children picks them out as they pass ({@link Children}).
 */
final class XmlCopy {

    /** Told about each child element of the element being copied; must copy the child (with {@link #copy}). */
    interface Children {
        void child(String name, XMLStreamReader reader, StringBuilder out) throws XMLStreamException;
    }

    private XmlCopy() {
    }

    /**
     * Copies the element the reader is on (START_ELEMENT) to {@code out}, leaving the reader on its END_ELEMENT.
     *
     * @param children  told about each child element, or null to copy them unread
     * @param keepText  whether the element's own text is wanted even when it also has child elements
     * @return the element's own text (its text nodes, not its children's; "" for none); only complete when
     *         {@code keepText} is set or the element has no child elements
     */
    static String copy(XMLStreamReader reader, StringBuilder out, Children children, boolean keepText) throws XMLStreamException {
        String name = reader.getLocalName();
        startTag(reader, name, out);
        boolean hasChildren = false;
        String text = "";
        StringBuilder moreText = null;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (!hasChildren) {
                    out.append('>');
                    hasChildren = true;
                }
                if (children == null) {
                    copy(reader, out, null, false);
                } else {
                    children.child(reader.getLocalName(), reader, out);
                }
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                // Text beside child elements is not copied, so it is read only when the caller wants it
                if (!hasChildren || keepText) {
                    if (text.isEmpty()) {
                        text = reader.getText();
                    } else {
                        if (moreText == null) {
                            moreText = new StringBuilder(text);
                        }
                        moreText.append(reader.getText());
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            // comments and processing instructions carry no data
        }
        if (moreText != null) {
            text = moreText.toString();
        }
        if (hasChildren) {
            out.append("</").append(name).append('>');
        } else if (text.isEmpty()) {
            out.append("/>");
        } else {
            out.append('>');
            escape(text, false, out);
            out.append("</").append(name).append('>');
        }
        return text;
    }

    /** Reads past the element the reader is on (START_ELEMENT), leaving it on the matching END_ELEMENT. */
    static void skip(XMLStreamReader reader) throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** The value of the attribute with that local name (the last one, should two namespaces both have it), or null. */
    static String attribute(XMLStreamReader reader, String localName) {
        String value = null;
        for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
            if (localName.equals(reader.getAttributeLocalName(i))) {
                value = reader.getAttributeValue(i);
            }
        }
        return value;
    }

    private static void startTag(XMLStreamReader reader, String name, StringBuilder out) {
        out.append('<').append(name);
        int n = reader.getAttributeCount();
        for (int i = 0; i < n; i++) {
            String attribute = reader.getAttributeLocalName(i);
            if (seenBefore(reader, attribute, i)) {
                continue;
            }
            out.append(' ').append(attribute).append("=\"");
            escape(attribute(reader, attribute), true, out);
            out.append('"');
        }
    }

    private static boolean seenBefore(XMLStreamReader reader, String localName, int index) {
        for (int j = 0; j < index; j++) {
            if (localName.equals(reader.getAttributeLocalName(j))) {
                return true;
            }
        }
        return false;
    }

    private static void escape(String s, boolean attribute, StringBuilder out) {
        int length = s.length();
        int i = 0;
        while (i < length && !special(s.charAt(i), attribute)) {
            i++;
        }
        out.append(s, 0, i);
        for (; i < length; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                default -> out.append(c);
            }
        }
    }

    private static boolean special(char c, boolean attribute) {
        return c == '&' || c == '<' || c == '>' || (attribute && c == '"');
    }
}
