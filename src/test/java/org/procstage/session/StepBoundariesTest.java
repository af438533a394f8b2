package org.procstage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;

class StepBoundariesTest {
    //                                      index: 0        1       2       3       4       5
    private static final List<ProbeEvent> EVENTS = List.of(
            e("hello"), e("step"), e("vars"), e("step"), e("fork"), e("exit"));

    private static ProbeEvent e(String type) {
        return ProbeEvent.probe(type, 1, 10, Map.of());
    }

    @Test
    void nextStopsJustAfterTheNextStepEvent() {
        assertEquals(2, StepBoundaries.next(EVENTS, 0));
        assertEquals(2, StepBoundaries.next(EVENTS, 1));
        assertEquals(4, StepBoundaries.next(EVENTS, 2));
        assertEquals(6, StepBoundaries.next(EVENTS, 4), "no step left: the end");
        assertEquals(6, StepBoundaries.next(EVENTS, 6));
        assertEquals(2, StepBoundaries.next(EVENTS, -3), "a negative cursor counts as the start");
    }

    @Test
    void previousGoesBackToTheBoundaryBeforeTheCursor() {
        assertEquals(4, StepBoundaries.previous(EVENTS, 6));
        assertEquals(4, StepBoundaries.previous(EVENTS, 5));
        assertEquals(2, StepBoundaries.previous(EVENTS, 4), "from a boundary, the one before it");
        assertEquals(2, StepBoundaries.previous(EVENTS, 3));
        assertEquals(0, StepBoundaries.previous(EVENTS, 2));
        assertEquals(0, StepBoundaries.previous(EVENTS, 0));
        assertEquals(4, StepBoundaries.previous(EVENTS, 99), "a cursor past the end counts as the end");
    }

    @Test
    void nextAndPreviousAreInverseOnBoundaries() {
        int cursor = 0;
        cursor = StepBoundaries.next(EVENTS, cursor);
        cursor = StepBoundaries.next(EVENTS, cursor);
        assertEquals(4, cursor);
        assertEquals(2, StepBoundaries.previous(EVENTS, cursor));
        assertEquals(0, StepBoundaries.previous(EVENTS, StepBoundaries.previous(EVENTS, cursor)));
    }

    @Test
    void afterStepsCountsFromTheStart() {
        assertEquals(0, StepBoundaries.afterSteps(EVENTS, 0));
        assertEquals(2, StepBoundaries.afterSteps(EVENTS, 1));
        assertEquals(4, StepBoundaries.afterSteps(EVENTS, 2));
        assertEquals(6, StepBoundaries.afterSteps(EVENTS, 3), "past the last step: the end");
        assertEquals(6, StepBoundaries.afterSteps(EVENTS, 100));
        assertEquals(2, StepBoundaries.count(EVENTS));
    }

    @Test
    void withoutStepsEverythingIsOneStep() {
        List<ProbeEvent> none = List.of(e("hello"), e("exit"));
        assertEquals(2, StepBoundaries.next(none, 0));
        assertEquals(0, StepBoundaries.previous(none, 2));
        assertEquals(2, StepBoundaries.afterSteps(none, 1));
        assertEquals(0, StepBoundaries.count(none));
        assertEquals(0, StepBoundaries.next(List.of(), 0));
        assertEquals(0, StepBoundaries.previous(List.of(), 0));
        assertEquals(0, StepBoundaries.afterSteps(List.of(), 5));
    }
}
