package com.example.backend.filters.experiment;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/** What each experiment filter does before passing the request on. */
interface ExperimentWork {

	ExperimentWork NOOP = () -> {
	};

	void perform() throws IOException;

	static ExperimentWork sleep(Duration duration) {
		long millis = duration.toMillis();
		return () -> {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted while sleeping");
			}
		};
	}

	/**
	 * Like the FastAPI experiment's logging middleware: 1,000 lines, each its own
	 * blocking write system call (as an unbuffered log handler would make), into a file
	 * of this filter's own. The file is emptied when it passes 16 MB so that a long run
	 * cannot fill the disk.
	 */
	static ExperimentWork fileIo(Path file) throws IOException {
		FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.DELETE_ON_CLOSE);
		byte[] line = "filter experiment: one line of a blocking access log, written by a request filter\n"
			.getBytes(StandardCharsets.US_ASCII);
		return () -> {
			for (int i = 0; i < 1_000; i++) {
				channel.write(ByteBuffer.wrap(line));
			}
			if (channel.size() > 16 * 1024 * 1024) {
				channel.truncate(0);
			}
		};
	}

	static Path fileFor(int index) throws IOException {
		return Files.createTempFile("filter-experiment-" + index + "-", ".log");
	}

}
