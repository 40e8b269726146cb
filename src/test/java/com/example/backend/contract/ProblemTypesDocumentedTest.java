package com.example.backend.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API guide's table of statuses is where a client developer looks up a problem type;
 * a type added to {@link ProblemType} without a row there is one they cannot find.
 */
class ProblemTypesDocumentedTest {

	@Test
	void everyProblemTypeIsInTheApiGuide() throws IOException {
		String guide = Files.readString(Path.of("docs/api.md"));

		assertThat(ProblemType.values())
			.allSatisfy((type) -> assertThat(guide).as("docs/api.md names %s", type.typeName())
				.contains("`" + type.typeName() + "`"));
	}

}
