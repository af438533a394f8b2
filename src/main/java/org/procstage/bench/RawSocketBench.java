package org.procstage.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: the same bench-flood binary writing to a server that only counts '\n' bytes — no
 * stage, no parsing, no batching. What the pipeline reaches below this is what the app costs.
 */
public final class RawSocketBench {

    /** Lines and bytes received, between the first byte and end of stream (ns, System.nanoTime). */
    public record Result(long lines, long bytes, long firstByte, long lastByte, int exitCode) {
        public double seconds() {
            return (lastByte - firstByte) / 1e9;
        }

        public double linesPerSecond() {
            return seconds() <= 0 ? 0 : lines / seconds();
        }

        public double megabytesPerSecond() {
            return seconds() <= 0 ? 0 : bytes / 1e6 / seconds();
        }

        public double bytesPerLine() {
            return lines == 0 ? 0 : (double) bytes / lines;
        }
    }

    private RawSocketBench() {
    }

    /** Runs probe with count ticks, unpaced; its hello and exit lines count as lines too. */
    public static Result run(Path probe, int count, Duration timeout) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("procstage-bench-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path socket = dir.resolve("raw.sock");
        Process process = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            ProcessBuilder builder = new ProcessBuilder(probe.toString(), Integer.toString(count))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("PROCSTAGE_")); // not a stage's child, not paced
            env.put("PROCSTAGE_SOCK", socket.toString());
            env.put("PROCSTAGE_TOKEN", "bench");
            process = builder.start();
            Process started = process;
            // A stuck probe is killed, which closes its socket and ends the read below.
            Thread watchdog = new Thread(() -> {
                try {
                    if (!started.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        started.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    started.destroyForcibly();
                }
            }, "bench-raw-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            try (SocketChannel channel = accept(server, process, timeout)) {
                Result counted = count(channel);
                process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return new Result(counted.lines(), counted.bytes(), counted.firstByte(), counted.lastByte(),
                        process.isAlive() ? -1 : process.exitValue());
            }
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    private static SocketChannel accept(ServerSocketChannel server, Process process, Duration timeout)
            throws IOException, InterruptedException {
        server.configureBlocking(false);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SocketChannel channel = server.accept();
            if (channel != null) {
                channel.configureBlocking(true);
                return channel;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("bench-flood never connected (exit " + (process.isAlive() ? "none" : process.exitValue()) + ")");
            }
            Thread.sleep(1);
        }
    }

    private static Result count(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
        byte[] bytes = buffer.array();
        long lines = 0;
        long total = 0;
        long first = 0;
        long last = 0;
        int n;
        while ((n = channel.read(buffer)) >= 0) {
            long now = System.nanoTime();
            if (n == 0) {
                continue;
            }
            if (first == 0) {
                first = now;
            }
            last = now;
            total += n;
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    lines++;
                }
            }
            buffer.clear();
        }
        return new Result(lines, total, first, last, 0);
    }
}
