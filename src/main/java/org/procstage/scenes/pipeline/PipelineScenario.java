package org.procstage.scenes.pipeline;

import java.util.List;
import org.procstage.kernel.KernelObserver;
import org.procstage.scenes.Scenario;
import org.procstage.scenes.fdtable.FdTableObserver;
import org.procstage.session.PlayerViewModel;
import org.procstage.session.SceneModel;
import org.procstage.ui.SceneView;

/**
 * pipeline: a sentence flows through four filter processes joined by pipes and comes out in
 * camelCase. The sentence is the probe's argument: the one the student typed into the latest
 * model this scenario made (the app shows one scene at a time), else the default.
 */
public final class PipelineScenario implements Scenario {
    public static final String DEFAULT_SENTENCE = "the quick brown fox jumps over the lazy dog";
    /** Longest sentence passed on; the probe keeps at most 160 bytes itself. */
    public static final int MAX_SENTENCE = 120;

    private volatile PipelineViewModel latest;

    @Override
    public String id() {
        return "pipeline";
    }

    @Override
    public String title() {
        return "Pipes and filters";
    }

    @Override
    public String description() {
        return "a sentence flows through four filter processes joined by pipes and comes out in camelCase";
    }

    @Override
    public List<String> probeArgs() {
        PipelineViewModel model = latest;
        return List.of(clean(model == null ? DEFAULT_SENTENCE : model.requestedSentenceProperty().get()));
    }

    @Override
    public int maxProcesses() {
        return 6;
    }

    @Override
    public List<KernelObserver> kernelObservers() {
        return List.of(new FdTableObserver());
    }

    @Override
    public SceneModel createModel() {
        PipelineViewModel model = new PipelineViewModel(DEFAULT_SENTENCE);
        latest = model;
        return model;
    }

    @Override
    public SceneView createView(SceneModel model, PlayerViewModel player) {
        return new PipelineView((PipelineViewModel) model, player);
    }

    /** Printable ASCII only (the filters work on bytes), at most MAX_SENTENCE; blank gives the default. */
    public static String clean(String typed) {
        if (typed == null) {
            return DEFAULT_SENTENCE;
        }
        StringBuilder out = new StringBuilder();
        for (char c : typed.toCharArray()) {
            if (out.length() == MAX_SENTENCE) {
                break;
            }
            out.append(c >= 32 && c < 127 ? c : ' ');
        }
        String s = out.toString().strip();
        return s.isEmpty() ? DEFAULT_SENTENCE : s;
    }

    /** What the four filters make of a sentence: split, capitalise, merge, lower-case the first letter. */
    public static String camelCase(String sentence) {
        StringBuilder out = new StringBuilder();
        for (String word : sentence.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        if (out.length() > 0) {
            out.setCharAt(0, Character.toLowerCase(out.charAt(0)));
        }
        return out.toString();
    }
}
