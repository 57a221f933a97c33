package io.snn4j.data.aedat;

import io.snn4j.data.MalformedDataException;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The stream table of an AEDAT 4.0 IOHeader's XML info node:
 * <pre>
 * &lt;dv&gt;&lt;node name="outInfo"&gt;
 *   &lt;node name="0"&gt; &lt;attr key="typeIdentifier"&gt;EVTS&lt;/attr&gt;
 *     &lt;node name="info"&gt; &lt;attr key="sizeX"&gt;320&lt;/attr&gt; &lt;attr key="sizeY"&gt;240&lt;/attr&gt; ...
 * </pre>
 * DTDs and external entities are refused.
 *
 * @param streamTypes      stream id to type identifier ("EVTS", "IMUS", "FRME", "TRIG", ...)
 * @param polarityStreamId lowest stream id of type EVTS, or -1
 * @param sizeX            sensor width of that stream, or 0 when not given
 * @param sizeY            sensor height of that stream, or 0 when not given
 */
record InfoNode(Map<Integer, String> streamTypes, int polarityStreamId, int sizeX, int sizeY) {

    static InfoNode parse(String xml, String source, long fileOffset) throws MalformedDataException {
        Map<Integer, String> types = new TreeMap<>();
        if (xml.isBlank()) {
            return new InfoNode(Map.of(), -1, 0, 0);
        }
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            String trimmed = xml.indexOf('\0') >= 0 ? xml.substring(0, xml.indexOf('\0')) : xml;
            doc = b.parse(new InputSource(new StringReader(trimmed)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new MalformedDataException(source, fileOffset, "IOHeader info node is not valid XML: "
                    + e.getMessage(), e);
        }
        int polarity = -1;
        int sizeX = 0;
        int sizeY = 0;
        NodeList nodes = doc.getElementsByTagName("node");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element outInfo = (Element) nodes.item(i);
            if (!"outInfo".equals(outInfo.getAttribute("name"))) {
                continue;
            }
            for (Node c = outInfo.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (!(c instanceof Element) || !"node".equals(c.getNodeName())) {
                    continue;
                }
                Element stream = (Element) c;
                int id;
                try {
                    id = Integer.parseInt(stream.getAttribute("name").strip());
                } catch (NumberFormatException e) {
                    continue;
                }
                String type = attr(stream, "typeIdentifier");
                if (type == null) {
                    continue;
                }
                types.put(id, type);
                if (type.equals("EVTS") && (polarity < 0 || id < polarity)) {
                    polarity = id;
                    Element info = child(stream, "info");
                    sizeX = size(info, "sizeX", id, source, fileOffset);
                    sizeY = size(info, "sizeY", id, source, fileOffset);
                }
            }
            break;
        }
        return new InfoNode(Map.copyOf(types), polarity, sizeX, sizeY);
    }

    private static int size(Element info, String key, int streamId, String source, long fileOffset)
            throws MalformedDataException {
        String v = info == null ? null : attr(info, key);
        if (v == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 1 || n > Short.MAX_VALUE) {
                throw new NumberFormatException("outside 1..32767");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MalformedDataException(source, fileOffset, "IOHeader info node: stream " + streamId + " "
                    + key + " must be an integer in 1..32767, was '" + v + "'");
        }
    }

    private static Element child(Element parent, String name) {
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element && "node".equals(c.getNodeName())
                    && name.equals(((Element) c).getAttribute("name"))) {
                return (Element) c;
            }
        }
        return null;
    }

    private static String attr(Element parent, String key) {
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element && "attr".equals(c.getNodeName())
                    && key.equals(((Element) c).getAttribute("key"))) {
                return c.getTextContent().strip();
            }
        }
        return null;
    }
}
