package com.example.backend.load.lab.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.example.backend.load.lab.process.AppInstance;
import com.example.backend.load.lab.process.Commands;
import com.example.backend.load.lab.process.PostgresServer;
import com.example.backend.load.lab.process.RedisServer;

/**
 * Injects one fault into the running topology and records its window: from the moment it
 * was injected until the part it hit answered again. Faults on an instance alternate
 * between the two, so that both are hit over a long run.
 */
final class FaultInjector {

	private static final Duration FREEZE = Duration.ofSeconds(20);

	private static final Duration DATABASE_DOWN = Duration.ofSeconds(30);

	private final PostgresServer postgres;

	private final RedisServer redis;

	private final List<AppInstance> instances;

	private final Path log;

	private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);

	FaultInjector(PostgresServer postgres, RedisServer redis, List<AppInstance> instances, Path log) {
		this.log = log;
		this.postgres = postgres;
		this.redis = redis;
		this.instances = instances;
	}

	FaultWindow inject(int number, FaultSchedule.Planned planned) {
		long started = System.currentTimeMillis();
		String target = "";
		String note;
		switch (planned.fault()) {
			case REDIS_KILL -> {
				this.redis.kill();
				this.redis.start();
				note = "restarted empty on the same port";
			}
			case REDIS_FREEZE -> {
				Commands.signal(this.redis.pid(), "STOP", this.log);
				Commands.sleep(FREEZE);
				Commands.signal(this.redis.pid(), "CONT", this.log);
				note = "SIGCONT after 20 s";
			}
			case POSTGRES_RESTART -> {
				this.postgres.stopFast();
				this.postgres.start();
				note = "pg_ctl stop -m fast, start";
			}
			case POSTGRES_STOP -> {
				this.postgres.stopFast();
				Commands.sleep(DATABASE_DOWN);
				this.postgres.start();
				note = "pg_ctl stop -m fast, 30 s down, start";
			}
			case INSTANCE_RESTART -> {
				AppInstance instance = nextInstance(planned.fault());
				target = instance.name();
				Duration drain = instance.terminate(Duration.ofSeconds(40));
				long restarted = System.currentTimeMillis();
				instance.start();
				instance.awaitReady(Duration.ofMinutes(4));
				note = String.format("SIGTERM: exited after %.1f s; started again, ready after %.1f s",
						drain.toMillis() / 1000.0, (System.currentTimeMillis() - restarted) / 1000.0);
			}
			case INSTANCE_FREEZE -> {
				AppInstance instance = nextInstance(planned.fault());
				target = instance.name();
				instance.freeze();
				Commands.sleep(FREEZE);
				instance.resume();
				note = "SIGCONT after 20 s; nginx kept sending to it";
			}
			default -> throw new IllegalArgumentException(planned.fault().name());
		}
		return new FaultWindow(number, planned.fault(), target, planned.offset().toMillis(), started,
				System.currentTimeMillis(), note);
	}

	/** Each instance fault hits the instances in turn: app-1, app-2, app-1, ... */
	private AppInstance nextInstance(Fault fault) {
		int count = this.injected.merge(fault, 1, Integer::sum);
		return this.instances.get((count - 1) % this.instances.size());
	}

}
