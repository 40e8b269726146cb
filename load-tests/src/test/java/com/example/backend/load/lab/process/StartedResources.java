package com.example.backend.load.lab.process;

import java.util.ArrayList;
import java.util.List;

/**
 * What a lab run has started (servers, JVMs, temporary folders, load generators), closed
 * in the reverse order of starting: the chaos runner and the sweep share it so that an
 * interrupted run leaves nothing behind.
 */
public final class StartedResources {

	private final List<AutoCloseable> started = new ArrayList<>();

	public synchronized void add(AutoCloseable resource) {
		this.started.add(resource);
	}

	/** Forgets the last one added, which has ended on its own. */
	public synchronized void removeLast() {
		this.started.remove(this.started.size() - 1);
	}

	/** Closes everything, the last started first; safe to call twice. */
	public synchronized void closeAll() {
		for (int i = this.started.size() - 1; i >= 0; i--) {
			try {
				this.started.get(i).close();
			}
			catch (Exception ex) {
				System.err.println("stopping " + this.started.get(i) + ": " + ex);
			}
		}
		this.started.clear();
	}

}
