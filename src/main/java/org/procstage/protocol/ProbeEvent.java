package org.procstage.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing that happened: reported by a probe ({@link Source#PROBE}) or read from /proc by the
 * app ({@link Source#KERNEL}). {@code t} is CLOCK_MONOTONIC in ns, the clock of System.nanoTime().
 */
public record ProbeEvent(String type, long t, int pid, Source source, Map<String, Object> fields) {

    public enum Source { PROBE, KERNEL }

    public ProbeEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static ProbeEvent probe(String type, long t, int pid, Map<String, Object> fields) {
        return new ProbeEvent(type, t, pid, Source.PROBE, fields);
    }

    public static ProbeEvent kernel(String type, long t, int pid, Map<String, Object> fields) {
        return new ProbeEvent(type, t, pid, Source.KERNEL, fields);
    }

    public boolean is(String candidate) {
        return type.equals(candidate);
    }

    public boolean fromKernel() {
        return source == Source.KERNEL;
    }

    public boolean has(String key) {
        return fields.get(key) != null;
    }

    public int intField(String key, int fallback) {
        return fields.get(key) instanceof Number n ? n.intValue() : fallback;
    }

    public long longField(String key, long fallback) {
        return fields.get(key) instanceof Number n ? n.longValue() : fallback;
    }

    public String str(String key, String fallback) {
        Object v = fields.get(key);
        return v == null ? fallback : v.toString();
    }

    public boolean bool(String key) {
        return Boolean.TRUE.equals(fields.get(key));
    }

    /** Source line of the probe that sent it (0 when unknown). */
    public int line() {
        return intField("line", 0);
    }

    public int ppid() {
        return intField("ppid", 0);
    }

    public ProbeEvent withField(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(key, value);
        return new ProbeEvent(type, t, pid, source, copy);
    }
}
