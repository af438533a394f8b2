package org.procstage.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procstage.protocol.EventCodec;
import org.procstage.protocol.ProbeEvent;

class TraceRoundTripTest {
    private final EventCodec codec = new EventCodec();
    private final TraceWriter writer = new TraceWriter(codec);
    private final TraceReader reader = new TraceReader(codec);

    @TempDir
    Path dir;

    private static List<ProbeEvent> sampleEvents() {
        List<ProbeEvent> events = new ArrayList<>();
        events.add(ProbeEvent.probe("hello", 100, 10, Map.of("comm", "fork-tree", "paced", false)));
        events.add(ProbeEvent.probe("step", 200, 10, Map.of("name", "root: fork child A", "line", 71)));
        events.add(ProbeEvent.probe("fork", 300, 10, Map.of("child", 11, "line", 72)));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", "Z");
        state.put("ppid", 10);
        state.put("wchan", "");
        state.put("comm", "fork-tree");
        events.add(ProbeEvent.kernel("state", 400, 11, state));
        events.add(ProbeEvent.kernel("reparent", 450, 12, Map.of("from", 11, "to", 9, "toComm", "procstage-stage")));
        events.add(ProbeEvent.probe("vars", 500, 11, Map.of("global", 43, "local", 11, "nested", Map.of("a", List.of(1, 2)))));
        return events;
    }

    @Test
    void whatIsWrittenIsReadBack() throws Exception {
        TraceHeader header = TraceHeader.now("fork-tree");
        Trace written = new Trace(header, sampleEvents());
        Path file = dir.resolve("sub/run.ndjson");

        writer.write(file, written);
        Trace read = reader.read(file);

        assertEquals(header, read.header());
        assertEquals(written.events(), read.events());
        assertTrue(read.error().isEmpty());
        assertEquals(1 + written.events().size(), Files.readAllLines(file).size(), "header plus one line per event");
    }

    @Test
    void rewritingReplacesTheOldTraceAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("run.ndjson");
        writer.write(file, new Trace(TraceHeader.now("a"), sampleEvents()));
        writer.write(file, new Trace(TraceHeader.now("b"), sampleEvents().subList(0, 2)));

        Trace read = reader.read(file);

        assertEquals("b", read.header().scenario());
        assertEquals(2, read.events().size());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aDamagedLineNamesItsLineAndKeepsEverythingBefore() throws Exception {
        Path file = dir.resolve("damaged.ndjson");
        writer.write(file, new Trace(TraceHeader.now("fork-tree"), sampleEvents()));
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(4, "{\"type\":\"fork\",\"t\":"); // becomes line 5: header + 3 events before it
        Files.write(file, lines, StandardCharsets.UTF_8);

        Trace read = reader.read(file);

        assertTrue(read.error().isPresent());
        assertEquals(5, read.error().get().line());
        assertTrue(read.error().get().message().startsWith("not JSON"), read.error().get().message());
        assertTrue(read.error().get().toString().startsWith("line 5: "), read.error().get().toString());
        assertEquals(sampleEvents().subList(0, 3), read.events());
    }

    @Test
    void blankLinesAreSkippedButStillCounted() throws Exception {
        String text = header("x") + "\n"
                + codec.encode(sampleEvents().get(0)) + "\n"
                + "\n"
                + codec.encode(sampleEvents().get(1)) + "\n"
                + "{\"type\":\"step\",\"t\":5}\n"; // line 5: no pid

        Trace read = reader.read(new StringReader(text));

        assertEquals(5, read.error().orElseThrow().line());
        assertTrue(read.error().get().message().contains("\"pid\""), read.error().get().message());
        assertEquals(2, read.events().size());
    }

    @Test
    void anEmptyFileIsNotATrace() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.ndjson"));
        var e = assertThrows(TraceReader.TraceFormatException.class, () -> reader.read(file));
        assertTrue(e.getMessage().startsWith("line 1"), e.getMessage());
    }

    @Test
    void aFileWithAnotherHeaderIsNotATrace() {
        for (String first : List.of(
                "{\"format\":\"something-else\",\"version\":1,\"scenario\":\"x\"}",
                "{\"type\":\"hello\",\"t\":1,\"pid\":2}",
                "not json at all",
                "[\"procstage-trace\"]",
                "{\"format\":\"procstage-trace\",\"version\":1}")) {
            var e = assertThrows(TraceReader.TraceFormatException.class,
                    () -> reader.read(new StringReader(first + "\n")), first);
            assertTrue(e.getMessage().startsWith("line 1"), first + " -> " + e.getMessage());
        }
    }

    @Test
    void aTraceFromTheFutureIsRefusedNamingItsVersion() {
        String future = "{\"format\":\"procstage-trace\",\"version\":2,\"scenario\":\"fork-tree\"}\n";
        var e = assertThrows(TraceReader.TraceFormatException.class, () -> reader.read(new StringReader(future)));
        assertTrue(e.getMessage().startsWith("line 1"), e.getMessage());
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    private String header(String scenario) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", TraceHeader.FORMAT);
        m.put("version", TraceHeader.VERSION);
        m.put("scenario", scenario);
        m.put("kernel", "6.1.0");
        m.put("date", "2026-01-01T00:00:00Z");
        return codec.write(m);
    }
}
