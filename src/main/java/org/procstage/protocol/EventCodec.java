package org.procstage.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
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
    private final ObjectMapper mapper = new ObjectMapper();

    public ProbeEvent decode(String line) throws MalformedEventException {
        if (line == null || line.isBlank()) {
            throw new MalformedEventException("empty line");
        }
        JsonNode root;
        try {
            root = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage() + " in " + excerpt(line));
        }
        if (!(root instanceof ObjectNode object)) {
            throw new MalformedEventException("not a JSON object: " + excerpt(line));
        }
        JsonNode type = object.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            throw new MalformedEventException("missing or empty \"type\" in " + excerpt(line));
        }
        JsonNode t = object.get("t");
        if (t == null || !t.canConvertToLong() || !t.isIntegralNumber()) {
            throw new MalformedEventException("\"t\" must be an integer timestamp in ns, in " + excerpt(line));
        }
        JsonNode pid = object.get("pid");
        if (pid == null || !pid.isIntegralNumber() || pid.asInt() <= 0) {
            throw new MalformedEventException("\"pid\" must be a positive integer, in " + excerpt(line));
        }
        JsonNode src = object.get("src");
        ProbeEvent.Source source = src != null && "kernel".equals(src.asText())
                ? ProbeEvent.Source.KERNEL : ProbeEvent.Source.PROBE;
        Map<String, Object> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "type", "t", "pid", "src" -> { }
                default -> fields.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class));
            }
        }
        return new ProbeEvent(type.asText(), t.asLong(), pid.asInt(), source, fields);
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
