package org.procstage.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NDJSON codec for events and commands. Every event line is a JSON object with at least
 * {@code type} (string), {@code t} (integer ns) and {@code pid} (positive integer); events read
 * from /proc carry {@code "src":"kernel"}. Thread-safe.
 */
public final class EventCodec {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private final ObjectMapper mapper = new ObjectMapper();

    public ProbeEvent decode(String line) throws MalformedEventException {
        if (line == null || line.isBlank()) {
            throw new MalformedEventException("empty line");
        }
        Map<String, Object> object;
        try {
            // One pass straight into plain Java values: the reader thread's hottest line.
            object = mapper.readValue(line, MAP);
        } catch (MismatchedInputException e) {
            throw new MalformedEventException("not a JSON object: " + excerpt(line));
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage() + " in " + excerpt(line));
        }
        if (object == null) {
            throw new MalformedEventException("not a JSON object: " + excerpt(line));
        }
        Object type = object.remove("type");
        if (!(type instanceof String typeName) || typeName.isBlank()) {
            throw new MalformedEventException("missing or empty \"type\" in " + excerpt(line));
        }
        Object t = object.remove("t");
        if (!(t instanceof Integer || t instanceof Long)) {
            throw new MalformedEventException("\"t\" must be an integer timestamp in ns, in " + excerpt(line));
        }
        Object pid = object.remove("pid");
        if (!(pid instanceof Integer p) || p <= 0) {
            throw new MalformedEventException("\"pid\" must be a positive integer, in " + excerpt(line));
        }
        Object src = object.remove("src");
        ProbeEvent.Source source = "kernel".equals(src) ? ProbeEvent.Source.KERNEL : ProbeEvent.Source.PROBE;
        return new ProbeEvent(typeName, ((Number) t).longValue(), p, source, object);
    }

    public String encode(ProbeEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", event.type());
        out.put("t", event.t());
        out.put("pid", event.pid());
        if (event.fromKernel()) {
            out.put("src", "kernel");
        }
        out.putAll(event.fields());
        return write(out);
    }

    public String encodeCommand(String name, Map<String, Object> args) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cmd", name);
        out.putAll(args);
        return write(out);
    }

    public Map<String, Object> decodeObject(String line) throws MalformedEventException {
        try {
            JsonNode node = mapper.readTree(line);
            if (!(node instanceof ObjectNode)) {
                throw new MalformedEventException("not a JSON object: " + excerpt(line));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = mapper.convertValue(node, LinkedHashMap.class);
            return map;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage() + " in " + excerpt(line));
        }
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value, e);
        }
    }

    private static String excerpt(String line) {
        String s = line.strip();
        return "'" + (s.length() > 80 ? s.substring(0, 77) + "..." : s) + "'";
    }
}
