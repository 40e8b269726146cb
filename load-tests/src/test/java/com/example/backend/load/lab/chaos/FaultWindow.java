package com.example.backend.load.lab.chaos;

/**
 * When a fault was running: from the moment it was injected to the moment the part it hit
 * answered again ({@code recoveredMillis}), as recorded by {@link FaultInjector}. Answers
 * are judged against the window plus a grace period: clients back off, nginx skips a
 * failed upstream for 10 s, connection pools reconnect.
 */
record FaultWindow(int number, Fault fault, String target, long plannedOffsetMillis, long startMillis,
		long recoveredMillis, String note) {

	/**
	 * Whether a request that left at {@code sentMillis} and took {@code latencyMillis}
	 * overlapped the window.
	 */
	boolean overlaps(long sentMillis, long latencyMillis, long graceMillis) {
		return sentMillis <= this.recoveredMillis + graceMillis && sentMillis + latencyMillis >= this.startMillis;
	}

	boolean contains(long millis, long graceMillis) {
		return millis >= this.startMillis && millis <= this.recoveredMillis + graceMillis;
	}

	String name() {
		return "#" + this.number + " " + this.fault.label() + (this.target.isEmpty() ? "" : " (" + this.target + ")");
	}

	double seconds() {
		return (this.recoveredMillis - this.startMillis) / 1000.0;
	}

}
