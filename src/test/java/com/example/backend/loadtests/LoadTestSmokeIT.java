package com.example.backend.loadtests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the Gatling simulations in {@code load-tests/} from rotting: compiles them (and
 * runs the lab's unit tests, the parsers and reports of {@code load-tests/lab/}) and runs
 * the mixed CRUD simulation for a few seconds with three users against this test's
 * application (registration, login, token refresh, reads, writes, deletes). Gatling's
 * error-rate assertion must hold (no failed request); no timing is asserted, the machine
 * that builds may be busy. The measurements are {@code load-tests/lab/sweep.sh}.
 */
class LoadTestSmokeIT extends IntegrationTest {

	@Test
	void mixedCrudSimulationRunsWithoutErrors() throws IOException, InterruptedException {
		Path output = Files.createDirectories(Path.of("target")).resolve("load-test-smoke.log");
		Process gatling = new ProcessBuilder(List.of(new File("mvnw").getAbsolutePath(), "-B", "-q", "-f",
				"load-tests/pom.xml", "test", "gatling:test",
				"-Dgatling.simulationClass=com.example.backend.load.MixedCrudSimulation",
				"-DbaseUrl=http://localhost:" + this.port, "-Dusers=3", "-Dduration=4", "-Dramp=1", "-DthinkMinMs=0",
				"-DthinkMaxMs=0", "-DtokenTtlSeconds=7", "-DmaxErrorPercent=0", "-Dsmoke=true"))
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();

		boolean finished = gatling.waitFor(5, TimeUnit.MINUTES);
		if (!finished) {
			gatling.destroyForcibly();
		}
		String log = Files.readString(output);
		assertThat(finished).as("Gatling finished within 5 minutes; output:%n%s", log).isTrue();
		assertThat(gatling.exitValue()).as("Gatling's exit code; output:%n%s", log).isZero();
		assertThat(log).contains("percentage of failed events is less than or equal to 0.0 : true")
			.containsPattern("refresh token +\\| +[1-9]")
			.containsPattern("delete post +\\| +[1-9]|create post +\\| +[1-9]");
	}

}
