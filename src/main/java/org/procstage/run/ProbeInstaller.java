package org.procstage.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The compiled probes travel inside the jar (resources under /probes/bin); this copies them once
 * into a private directory so they can be executed. Their C sources are under /probes/src.
 */
public final class ProbeInstaller {
    public static final String STAGE = "procstage-stage";

    private Path binDir;

    /** Path of an executable probe, installing the set on first use. */
    public synchronized Path probe(String name) throws ProbeMissingException {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            throw new ProbeMissingException("live scenes need Linux; open a recorded trace instead");
        }
        try {
            if (binDir == null) {
                binDir = install();
            }
        } catch (IOException e) {
            throw new ProbeMissingException("cannot install the probes: " + e.getMessage());
        }
        Path p = binDir.resolve(name);
        if (!Files.isExecutable(p)) {
            throw new ProbeMissingException("probe '" + name + "' is not in this build"
                    + " (build on Linux with a C compiler: ./mvnw package)");
        }
        return p;
    }

    /** The probe's C source as shipped in the jar. */
    public static Optional<String> source(String name) {
        try (InputStream in = ProbeInstaller.class.getResourceAsStream("/probes/src/" + name + ".c")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path install() throws IOException, ProbeMissingException {
        String index;
        try (InputStream in = ProbeInstaller.class.getResourceAsStream("/probes/index.txt")) {
            if (in == null) {
                throw new ProbeMissingException("this build has no probes (build on Linux with a C compiler: ./mvnw package)");
            }
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path dir = Files.createTempDirectory("procstage-probes-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        dir.toFile().deleteOnExit();
        for (String name : index.lines().map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            try (InputStream in = ProbeInstaller.class.getResourceAsStream("/probes/bin/" + name)) {
                if (in == null) {
                    continue;
                }
                Path target = dir.resolve(name);
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                target.toFile().deleteOnExit();
            }
        }
        return dir;
    }
}
