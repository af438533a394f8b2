package org.procstage.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Event fields for hand-made events in reducer tests: fields("child", 101, "code", 3). */
public final class Fields {
    private Fields() {
    }

    public static Map<String, Object> fields(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in key, value pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
