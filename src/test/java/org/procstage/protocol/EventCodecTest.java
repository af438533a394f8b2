package org.procstage.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCodecTest {
    private final EventCodec codec = new EventCodec();

    @Test
    void probeEventSurvivesARoundTrip() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ppid", 41);
        fields.put("line", 17);
        fields.put("child", 43);
        fields.put("name", "root: fork \"A\"\n");
        ProbeEvent sent = ProbeEvent.probe("fork", 1_234_567_890_123L, 42, fields);

        ProbeEvent back = codec.decode(codec.encode(sent));

        assertEquals(sent, back);
        assertEquals(ProbeEvent.Source.PROBE, back.source());
    }

    @Test
    void kernelSourceIsWrittenAndReadBack() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("state", "Z");
        fields.put("ppid", 1);
        fields.put("wchan", "do_wait");
        fields.put("comm", "fork-tree");
        ProbeEvent sent = ProbeEvent.kernel("state", 99L, 7, fields);

        String line = codec.encode(sent);
        ProbeEvent back = codec.decode(line);

        assertTrue(line.contains("\"src\":\"kernel\""), line);
        assertTrue(back.fromKernel());
        assertEquals(sent, back);
        assertEquals(false, back.fields().containsKey("src"), "src is the source, not a field");
    }

    @Test
    void nestedFieldsSurviveARoundTrip() throws Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("page", 3);
        inner.put("names", List.of("a", "b"));
        inner.put("deeper", Map.of("ok", true));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("args", inner);
        fields.put("big", Long.MAX_VALUE);
        fields.put("none", null);
        ProbeEvent sent = ProbeEvent.probe("write", 5L, 3, fields);

        ProbeEvent back = codec.decode(codec.encode(sent));

        assertEquals(sent, back);
        assertEquals(inner, back.fields().get("args"));
        assertEquals(Long.MAX_VALUE, back.longField("big", 0));
    }

    @Test
    void decodesALineExactlyAsTheCRuntimeWritesIt() throws Exception {
        ProbeEvent e = codec.decode("{\"type\":\"reap\",\"t\":123456789012,\"pid\":10,\"ppid\":9,\"line\":80,"
                + "\"child\":11,\"code\":3}");

        assertEquals("reap", e.type());
        assertEquals(123456789012L, e.t());
        assertEquals(10, e.pid());
        assertEquals(9, e.ppid());
        assertEquals(80, e.line());
        assertEquals(11, e.intField("child", 0));
        assertEquals(3, e.intField("code", -1));
    }

    @Test
    void commandsAreOneObjectWithCmdFirst() {
        assertEquals("{\"cmd\":\"go\"}", codec.encodeCommand("go", Map.of()));
        assertEquals("{\"cmd\":\"write\",\"page\":3}", codec.encodeCommand("write", Map.of("page", 3)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not JSON            | {type: tick               | not JSON",
            "truncated           | `{\"type\":\"tick\",\"t\":1` | not JSON",
            "array               | [1,2,3]                   | not a JSON object",
            "string              | `\"hello\"`               | not a JSON object",
            "missing type        | `{\"t\":1,\"pid\":2}`     | \"type\"",
            "empty type          | `{\"type\":\"\",\"t\":1,\"pid\":2}` | \"type\"",
            "numeric type        | `{\"type\":5,\"t\":1,\"pid\":2}` | \"type\"",
            "fractional t        | `{\"type\":\"x\",\"t\":1.5,\"pid\":2}` | \"t\" must be an integer",
            "string t            | `{\"type\":\"x\",\"t\":\"12\",\"pid\":2}` | \"t\" must be an integer",
            "missing t           | `{\"type\":\"x\",\"pid\":2}` | \"t\" must be an integer",
            "missing pid         | `{\"type\":\"x\",\"t\":1}` | \"pid\" must be a positive integer",
            "negative pid        | `{\"type\":\"x\",\"t\":1,\"pid\":-4}` | \"pid\" must be a positive integer",
            "zero pid            | `{\"type\":\"x\",\"t\":1,\"pid\":0}` | \"pid\" must be a positive integer",
            "string pid          | `{\"type\":\"x\",\"t\":1,\"pid\":\"7\"}` | \"pid\" must be a positive integer",
    })
    void malformedLinesAreRejectedNamingTheProblem(String why, String line, String expected) {
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> codec.decode(line));
        assertTrue(e.getMessage().contains(expected), why + ": '" + e.getMessage() + "' should name " + expected);
    }

    @Test
    void emptyAndBlankLinesAreRejected() {
        for (String line : new String[] {"", "   ", "\t", null}) {
            MalformedEventException e = assertThrows(MalformedEventException.class, () -> codec.decode(line));
            assertEquals("empty line", e.getMessage());
        }
    }

    @Test
    void rejectionQuotesALongLineOnlyInPart() {
        String line = "[" + "1,".repeat(200) + "1]";
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> codec.decode(line));
        assertTrue(e.getMessage().length() < 140, e.getMessage());
        assertTrue(e.getMessage().contains("..."), e.getMessage());
    }
}
