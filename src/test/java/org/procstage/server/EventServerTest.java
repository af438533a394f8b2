package org.procstage.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.procstage.protocol.EventCodec;
import org.procstage.protocol.ProbeEvent;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventServerTest {
    private static final String TOKEN = "0123456789abcdef";

    @TempDir
    Path dir;

    private final BlockingQueue<ProbeEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> rejected = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> disconnected = new LinkedBlockingQueue<>();
    private EventServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new EventServer(dir.resolve("events.sock"), TOKEN, new EventCodec(), new EventServer.Listener() {
            @Override
            public void onEvent(ProbeEvent event) {
                events.add(event);
            }

            @Override
            public void onRejected(String message) {
                rejected.add(message);
            }

            @Override
            public void onDisconnected(ProbeConnection connection) {
                disconnected.add(connection.pid());
            }
        });
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private TestProbeClient client() throws Exception {
        return new TestProbeClient(server.socketPath());
    }

    private ProbeEvent nextEvent() throws InterruptedException {
        ProbeEvent e = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "an event should have arrived");
        return e;
    }

    private String nextRejection() throws InterruptedException {
        String r = rejected.poll(10, TimeUnit.SECONDS);
        assertNotNull(r, "a rejection should have been reported");
        return r;
    }

    @Test
    void aWrongTokenIsRejectedAndNothingItSendsIsDelivered() throws Exception {
        try (TestProbeClient c = client()) {
            c.sendLines(TestProbeClient.hello(501, "not-the-token"), TestProbeClient.tick(501, 0));

            assertTrue(nextRejection().contains("wrong token"));
            assertTrue(c.closedByApp(), "the app closes the connection");
        }
        assertNull(events.poll(200, TimeUnit.MILLISECONDS), "no event from an impostor");
        assertTrue(server.connection(501).isEmpty());
    }

    @Test
    void aHelloWithoutTokenIsRejected() throws Exception {
        try (TestProbeClient c = client()) {
            c.sendLines("{\"type\":\"hello\",\"t\":1,\"pid\":502}", TestProbeClient.tick(502, 0));

            assertTrue(nextRejection().contains("wrong token"));
            assertTrue(c.closedByApp());
        }
        assertNull(events.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void aFirstLineThatIsNotAHelloIsRejected() throws Exception {
        try (TestProbeClient c = client()) {
            c.sendLines(TestProbeClient.tick(503, 0), TestProbeClient.hello(503, TOKEN));

            String why = nextRejection();
            assertTrue(why.contains("\"tick\", not \"hello\""), why);
            assertTrue(c.closedByApp());
        }
        try (TestProbeClient c = client()) {
            c.sendLines("hello, it's me", TestProbeClient.hello(504, TOKEN));

            String why = nextRejection();
            assertTrue(why.contains("not a hello") && why.contains("not JSON"), why);
            assertTrue(c.closedByApp());
        }
        assertNull(events.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void malformedLinesAreReportedByLineNumberAndLaterLinesStillArrive() throws Exception {
        try (TestProbeClient c = client()) {
            c.sendLines(
                    TestProbeClient.hello(505, TOKEN),                         // line 1
                    TestProbeClient.tick(505, 0),                              // line 2
                    "{\"type\":\"tick\",",                                     // line 3: not JSON
                    "{\"type\":\"vars\",\"t\":9,\"pid\":505,\"name\":\"h\u00e9llo \u2192 \u2713\"}", // line 4
                    "{\"type\":\"tick\",\"t\":10}",                            // line 5: no pid
                    "",                                                        // line 6: empty
                    TestProbeClient.tick(505, 2));                             // line 7

            assertEquals("hello", nextEvent().type());
            assertEquals(0, nextEvent().intField("seq", -1));
            ProbeEvent vars = nextEvent();
            assertEquals("h\u00e9llo \u2192 \u2713", vars.str("name", ""), "UTF-8 survives");
            assertEquals(2, nextEvent().intField("seq", -1));

            String third = nextRejection();
            assertTrue(third.contains("line 3") && third.contains("not JSON") && third.contains("pid 505"), third);
            String fifth = nextRejection();
            assertTrue(fifth.contains("line 5") && fifth.contains("\"pid\""), fifth);
            String sixth = nextRejection();
            assertTrue(sixth.contains("line 6") && sixth.contains("empty line"), sixth);
            assertNull(rejected.poll(100, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void theHelloIsDeliveredWithoutItsToken() throws Exception {
        try (TestProbeClient c = client()) {
            c.sendLines(TestProbeClient.hello(506, TOKEN));

            ProbeEvent hello = nextEvent();
            assertEquals("hello", hello.type());
            assertEquals(506, hello.pid());
            assertFalse(hello.fields().containsKey("token"), "the token is a secret of the run");
            assertFalse(hello.toString().contains(TOKEN));
            assertEquals("client", hello.str("comm", ""));
            assertEquals("test", hello.str("scenario", ""));
            assertEquals(1, hello.ppid());
        }
    }

    @Test
    void commandsReachTheProbeThatSentTheHello() throws Exception {
        try (TestProbeClient a = client(); TestProbeClient b = client()) {
            a.sendLines(TestProbeClient.hello(507, TOKEN));
            b.sendLines(TestProbeClient.hello(508, TOKEN));
            nextEvent();
            nextEvent();

            ProbeConnection toA = server.connection(507).orElseThrow();
            ProbeConnection toB = server.connection(508).orElseThrow();
            assertEquals(507, toA.pid());
            assertEquals("client", toA.comm());
            assertTrue(toB.send(new EventCodec().encodeCommand("write", Map.of("page", 3))));
            assertTrue(toA.send("{\"cmd\":\"go\"}"));

            assertEquals("{\"cmd\":\"go\"}", a.readLine());
            assertEquals("{\"cmd\":\"write\",\"page\":3}", b.readLine());
            assertEquals(2, server.connections().size());
        }
    }

    @Test
    void aClosedConnectionIsForgotten() throws Exception {
        try (TestProbeClient c = client()) {
            c.sendLines(TestProbeClient.hello(509, TOKEN));
            nextEvent();
        }
        assertEquals(509, disconnected.poll(10, TimeUnit.SECONDS));
        assertTrue(server.connection(509).isEmpty());
    }

    @Test
    void manyClientsAtOnceLoseNothingAndKeepTheirOwnOrder() throws Exception {
        int clients = 8;
        int lines = 1000;
        Map<Integer, List<Integer>> seqByPid = new ConcurrentHashMap<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int pid = 6000 + i;
            seqByPid.put(pid, Collections.synchronizedList(new ArrayList<>()));
            Thread t = new Thread(() -> {
                StringBuilder payload = new StringBuilder(TestProbeClient.hello(pid, TOKEN)).append('\n');
                for (int seq = 0; seq < lines; seq++) {
                    payload.append(TestProbeClient.tick(pid, seq)).append('\n');
                }
                byte[] bytes = payload.toString().getBytes(StandardCharsets.UTF_8);
                Random random = new Random(pid);
                try (TestProbeClient c = client()) {
                    // odd-sized writes, so lines are split across reads on the server side
                    for (int off = 0; off < bytes.length; ) {
                        int n = Math.min(bytes.length - off, 1 + random.nextInt(3000));
                        c.write(java.util.Arrays.copyOfRange(bytes, off, off + n));
                        off += n;
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        int expected = clients * (lines + 1);
        int hellos = 0;
        for (int got = 0; got < expected; got++) {
            ProbeEvent e = nextEvent();
            if (e.is("hello")) {
                hellos++;
            } else {
                seqByPid.get(e.pid()).add(e.intField("seq", -1));
            }
        }
        for (Thread t : threads) {
            t.join();
        }

        assertEquals(List.of(), failures);
        assertEquals(clients, hellos);
        List<Integer> inOrder = new ArrayList<>();
        for (int seq = 0; seq < lines; seq++) {
            inOrder.add(seq);
        }
        seqByPid.forEach((pid, seqs) -> assertEquals(inOrder, seqs, "pid " + pid));
        assertNull(events.poll(100, TimeUnit.MILLISECONDS), "nothing extra");
        assertTrue(rejected.isEmpty(), rejected.toString());
    }

    @Test
    void closingRemovesTheSocketFile() {
        assertTrue(Files.exists(server.socketPath()));
        server.close();
        assertFalse(Files.exists(server.socketPath()));
    }
}
