package org.procstage.session;

import java.util.List;
import java.util.Map;
import org.procstage.run.StepGates;

/** What a scene can ask of its live probes. A replay has none of it. */
public interface ProbeControl {
    boolean live();

    /** Sends pid a command; if pid waits at a step point, the command also releases it. */
    boolean command(int pid, String name, Map<String, Object> args);

    /** The app really calls kill(2) (through the stage) and the trace records it. */
    void signal(int pid, int signo);

    List<StepGates.Gate> waiting();

    ProbeControl NONE = new ProbeControl() {
        @Override
        public boolean live() {
            return false;
        }

        @Override
        public boolean command(int pid, String name, Map<String, Object> args) {
            return false;
        }

        @Override
        public void signal(int pid, int signo) {
        }

        @Override
        public List<StepGates.Gate> waiting() {
            return List.of();
        }
    };
}
