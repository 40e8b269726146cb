package com.example.backend.load;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Hands each virtual user one logged-in session, prepared in the simulation's
 * {@code before()}: Gatling builds the scenario first and runs {@code before()} later, so
 * the feeder must exist before its records do.
 */
final class SessionFeeder implements Iterator<Map<String, Object>> {

	private final ConcurrentLinkedQueue<Map<String, Object>> sessions = new ConcurrentLinkedQueue<>();

	void addAll(Collection<SetUpClient.Tokens> tokens) {
		tokens.forEach(token -> this.sessions.add(token.asSession()));
	}

	void add(Map<String, Object> session) {
		this.sessions.add(session);
	}

	@Override
	public boolean hasNext() {
		return !this.sessions.isEmpty();
	}

	@Override
	public Map<String, Object> next() {
		return this.sessions.remove();
	}

}
