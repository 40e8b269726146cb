package com.example.backend.auth;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.backend.support.Api;
import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.Concurrently;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Family revocation under races: whatever order the database runs them in, a replayed
 * token or a logout that meets a rotation of the same family in flight leaves no token of
 * that family usable. Each case runs many times, because a race that is lost only now and
 * then is still lost.
 */
class RefreshTokenRaceIT extends IntegrationTest {

	private static final int RUNS = 15;

	@Test
	void aReplayRacingTheLiveRotationRevokesTheSuccessorToo() throws Exception {
		Session user = this.api.newUser();
		for (int run = 0; run < RUNS; run++) {
			String stolen = this.api.login(user.email(), Api.PASSWORD).refreshToken();
			String live = refresh(stolen).json().get("refreshToken").asString();

			List<Response> answers = Concurrently.run(2, (i) -> () -> refresh((i == 0) ? live : stolen));

			answers.get(1).assertProblem(401, "invalid-refresh-token");
			assertFamilyDead(answers.get(0), "run " + run);
		}
	}

	@Test
	void aLogoutRacingARotationRevokesTheSuccessorToo() throws Exception {
		Session user = this.api.newUser();
		for (int run = 0; run < RUNS; run++) {
			// Logging out with an earlier token of the family: it has no row lock in
			// common with the rotation of the live one.
			String earlier = this.api.login(user.email(), Api.PASSWORD).refreshToken();
			String live = refresh(earlier).json().get("refreshToken").asString();

			List<Response> answers = Concurrently.run(2, (i) -> () -> (i == 0) ? refresh(live)
					: this.api.post("/api/v1/auth/logout", Map.of("refreshToken", earlier)));

			assertThat(answers.get(1).status()).isEqualTo(204);
			assertFamilyDead(answers.get(0), "run " + run);
		}
	}

	/**
	 * The rotation either lost (401) or won, and then its successor was revoked after it.
	 */
	private void assertFamilyDead(Response rotation, String run) {
		if (rotation.status() == 200) {
			String successor = rotation.json().get("refreshToken").asString();
			assertThat(refresh(successor).status()).as(run + ": the successor still works").isEqualTo(401);
		}
		else {
			rotation.assertProblem(401, "invalid-refresh-token");
		}
	}

	private Response refresh(String refreshToken) {
		return this.api.post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken));
	}

}
