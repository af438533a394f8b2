package org.procstage.trace;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** First line of a trace: what it is, which scenario, recorded where and when. */
public record TraceHeader(String format, int version, String scenario, String kernel, String date) {
    public static final String FORMAT = "procstage-trace";
    public static final int VERSION = 1;

    public static TraceHeader now(String scenario) {
        return new TraceHeader(FORMAT, VERSION, scenario, kernelRelease(), Instant.now().toString());
    }

    static String kernelRelease() {
        String os = System.getProperty("os.name", "?");
        return os.toLowerCase().contains("linux") ? System.getProperty("os.version", "?") : os + " " + System.getProperty("os.version", "");
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", format);
        m.put("version", version);
        m.put("scenario", scenario);
        m.put("kernel", kernel);
        m.put("date", date);
        return m;
    }
}
