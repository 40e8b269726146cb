package com.example.backend.load.lab.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When each fault is planned, as offsets from the start of the load. The faults run one
 * after the other: one that is late (the previous one took longer, say an instance
 * started slowly) starts {@link #MIN_GAP} after the previous one recovered. The load
 * stops {@link #tail()} after the last fault recovered.
 */
record FaultSchedule(String mode, List<Planned> faults, Duration tail) {

	/**
	 * Quiet time between two faults, longer than the ledger's grace period, so that each
	 * one's cost is its own.
	 */
	static final Duration MIN_GAP = Duration.ofSeconds(12);

	private static final List<Fault> CYCLE = List.of(Fault.REDIS_KILL, Fault.REDIS_FREEZE, Fault.POSTGRES_RESTART,
			Fault.POSTGRES_STOP, Fault.INSTANCE_RESTART, Fault.INSTANCE_FREEZE);

	/**
	 * Every fault once, 25 s apart or 12 s after the previous one recovered: about 4
	 * minutes of load here, of which the instance restart takes one.
	 */
	static FaultSchedule shortRun() {
		return cycles("short", 1, Duration.ofSeconds(20), Duration.ofSeconds(25), Duration.ofSeconds(30));
	}

	/**
	 * Every fault {@code cycles} times, one every {@code spacing}, the first after a
	 * quiet minute; 3 cycles of 90 s make 28 minutes and a half of load.
	 */
	static FaultSchedule longRun(int cycles, Duration spacing) {
		return cycles("long", cycles, Duration.ofSeconds(60), spacing, Duration.ofSeconds(60));
	}

	private static FaultSchedule cycles(String mode, int cycles, Duration first, Duration spacing, Duration tail) {
		List<Planned> planned = new ArrayList<>();
		for (int cycle = 0; cycle < cycles; cycle++) {
			for (int i = 0; i < CYCLE.size(); i++) {
				int index = cycle * CYCLE.size() + i;
				planned.add(new Planned(first.plus(spacing.multipliedBy(index)), CYCLE.get(i)));
			}
		}
		return new FaultSchedule(mode, List.copyOf(planned), tail);
	}

	Duration plannedLength() {
		return this.faults.get(this.faults.size() - 1).offset().plus(this.tail).plus(Duration.ofSeconds(40));
	}

	record Planned(Duration offset, Fault fault) {
	}

}
