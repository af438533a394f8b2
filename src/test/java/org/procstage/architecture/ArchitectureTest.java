package org.procstage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.procstage.architecture.fixture.LeakyViewModel;

/**
 * Models and the plumbing beneath them stay free of the scene graph, so they run headless, in
 * tests and in `record`/`bench`; only views may build Nodes. javafx.beans and javafx.collections
 * are fine: they are plain observable values.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.procstage");

    /** A model class, or a nested/anonymous class inside one (their simple names don't say Model). */
    private static DescribedPredicate<JavaClass> partOfAClassNamed(String suffix) {
        return DescribedPredicate.describe("are (or are nested in) classes named *" + suffix, c -> {
            for (Optional<JavaClass> k = Optional.of(c); k.isPresent(); k = k.get().getEnclosingClass()) {
                if (k.get().getSimpleName().endsWith(suffix)) {
                    return true;
                }
            }
            return false;
        });
    }

    static final ArchRule NO_SCENE_GRAPH_BELOW_THE_VIEWS = noClasses()
            .that().resideInAnyPackage(
                    "org.procstage.protocol..", "org.procstage.server..", "org.procstage.kernel..",
                    "org.procstage.trace..", "org.procstage.run..", "org.procstage.session..",
                    "org.procstage.bench..")
            .or(partOfAClassNamed("ViewModel"))
            .or(partOfAClassNamed("Model"))
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .because("models and plumbing must run without a scene graph (headless, tests, record, bench)");

    static final ArchRule VIEW_MODELS_DO_NOT_KNOW_THE_UI = noClasses()
            .that(partOfAClassNamed("ViewModel"))
            .should().dependOnClassesThat().resideInAPackage("org.procstage.ui..")
            .because("a view model is driven by views, never the other way round");

    @Test
    void modelsAndPlumbingDoNotDependOnTheSceneGraph() {
        NO_SCENE_GRAPH_BELOW_THE_VIEWS.check(MAIN);
    }

    @Test
    void viewModelsDoNotDependOnTheUi() {
        VIEW_MODELS_DO_NOT_KNOW_THE_UI.check(MAIN);
    }

    @Test
    void theRulesCatchALeakingViewModel() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyViewModel.class);

        AssertionError fx = assertThrows(AssertionError.class, () -> NO_SCENE_GRAPH_BELOW_THE_VIEWS.check(leaky));
        AssertionError ui = assertThrows(AssertionError.class, () -> VIEW_MODELS_DO_NOT_KNOW_THE_UI.check(leaky));

        assertTrue(fx.getMessage().contains("javafx.scene.Node"), fx.getMessage());
        assertTrue(ui.getMessage().contains("org.procstage.ui.Theme"), ui.getMessage());
    }

    @Test
    void theRulesReallyLookAtTheModels() {
        assertTrue(MAIN.contain("org.procstage.session.PlayerViewModel"));
        assertTrue(MAIN.contain("org.procstage.scenes.forktree.ForkTreeViewModel"));
        assertTrue(MAIN.stream().noneMatch(c -> c.getPackageName().startsWith("org.procstage.architecture")),
                "test classes are not part of the checked code");
    }
}
