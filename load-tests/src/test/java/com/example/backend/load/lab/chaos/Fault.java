package com.example.backend.load.lab.chaos;

/** The faults of issue 19, each injected by {@link FaultInjector}. */
enum Fault {

	REDIS_KILL("Redis SIGKILL + restart"),

	REDIS_FREEZE("Redis SIGSTOP 20 s"),

	POSTGRES_RESTART("PostgreSQL fast restart"),

	POSTGRES_STOP("PostgreSQL stopped 30 s"),

	INSTANCE_RESTART("instance SIGTERM + restart"),

	INSTANCE_FREEZE("instance SIGSTOP 20 s");

	private final String label;

	Fault(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

}
