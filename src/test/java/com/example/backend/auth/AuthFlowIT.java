package com.example.backend.auth;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.example.backend.support.Api;
import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class AuthFlowIT extends IntegrationTest {

	@Test
	void registersTrimmedEmailAsUserAndAnswersWithLocation() {
		String email = "  Mixed.Case-" + UUID.randomUUID() + "@Test.local ";
		Response response = this.api.post("/api/v1/auth/register",
				Map.of("email", email, "password", Api.PASSWORD, "displayName", "Mixed"));

		assertThat(response.status()).isEqualTo(201);
		JsonNode user = response.json();
		assertThat(user.get("email").asString()).isEqualTo(email.trim().toLowerCase(Locale.ROOT));
		assertThat(user.get("role").asString()).isEqualTo("USER");
		assertThat(user.get("version").asLong()).isZero();
		assertThat(user.has("passwordHash")).isFalse();
		assertThat(response.body()).doesNotContain("argon2", "password");
		assertThat(response.header("Location")).isEqualTo("/api/v1/users/" + user.get("id").asLong());
	}

	@Test
	void rejectsDuplicateEmailRegardlessOfCaseAndSpaces() {
		Session existing = this.api.newUser();
		Response duplicate = this.api.post("/api/v1/auth/register", Map.of("email",
				" " + existing.email().toUpperCase() + " ", "password", Api.PASSWORD, "displayName", "Again"));

		duplicate.assertProblem(409, "email-taken");
	}

	@Test
	void everySpellingOfAnEmailSharesOneAccountAndOneLoginBudget() {
		Session user = this.api.newUser();
		String shouted = " " + user.email().toUpperCase(Locale.ROOT) + " ";
		assertThat(this.api.login(shouted, Api.PASSWORD).accessToken()).isNotBlank();

		for (int attempt = 0; attempt < 5; attempt++) {
			String spelling = (attempt % 2 == 0) ? shouted : user.email();
			this.api.post("/api/v1/auth/login", Map.of("email", spelling, "password", "wrong-password"))
				.assertProblem(401, "invalid-credentials");
		}
		this.api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", Api.PASSWORD))
			.assertProblem(429, "too-many-login-attempts");
	}

	/**
	 * PostgreSQL's lower() maps U+0130 (capital I with dot) to "i": with a lookup through
	 * lower(), this spelling reached alice's account with a budget of its own.
	 */
	@Test
	void lookalikeNonAsciiSpellingsReachNoAccountAndCannotBeRegistered() {
		String email = "alice-" + UUID.randomUUID() + "@test.local";
		assertThat(this.api
			.post("/api/v1/auth/register", Map.of("email", email, "password", Api.PASSWORD, "displayName", "Alice"))
			.status()).isEqualTo(201);
		String lookalike = email.replaceFirst("i", "\u0130");

		this.api.post("/api/v1/auth/login", Map.of("email", lookalike, "password", Api.PASSWORD))
			.assertProblem(401, "invalid-credentials");
		this.api
			.post("/api/v1/auth/register",
					Map.of("email", lookalike, "password", Api.PASSWORD, "displayName", "Not Alice"))
			.assertProblem(422, "validation-failed");
	}

	@Test
	void acceptsPasswordsOfEightAndOneHundredTwentyEightCharacters() {
		for (String password : new String[] { "8chars!!", "p".repeat(64) + "ü".repeat(64) }) {
			String email = "len-" + UUID.randomUUID() + "@test.local";
			assertThat(this.api
				.post("/api/v1/auth/register", Map.of("email", email, "password", password, "displayName", "Len"))
				.status()).isEqualTo(201);
			assertThat(this.api.login(email, password).accessToken()).isNotBlank();
		}
	}

	@Test
	void loginAnswersBearerTokenPair() {
		Session user = this.api.newUser();
		Response response = this.api.post("/api/v1/auth/login",
				Map.of("email", user.email().toUpperCase(), "password", Api.PASSWORD));

		assertThat(response.status()).isEqualTo(200);
		JsonNode tokens = response.json();
		assertThat(tokens.get("tokenType").asString()).isEqualTo("Bearer");
		assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);
		assertThat(tokens.get("accessToken").asString()).isNotBlank();
		assertThat(tokens.get("refreshToken").asString()).isNotBlank();
	}

	@Test
	void meAnswersTheCurrentUser() {
		Session user = this.api.newUser();
		JsonNode me = this.api.get("/api/v1/users/me", user.auth()).json();

		assertThat(me.get("id").asLong()).isEqualTo(user.id());
		assertThat(me.get("email").asString()).isEqualTo(user.email());
		assertThat(me.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
	}

	@Test
	void unknownEmailAndWrongPasswordGetIdenticalAnswers() {
		Session user = this.api.newUser();
		Response wrongPassword = this.api.post("/api/v1/auth/login",
				Map.of("email", user.email(), "password", "not-the-password"));
		Response unknownEmail = this.api.post("/api/v1/auth/login",
				Map.of("email", "nobody-" + UUID.randomUUID() + "@test.local", "password", "not-the-password"));

		JsonNode first = wrongPassword.assertProblem(401, "invalid-credentials");
		JsonNode second = unknownEmail.assertProblem(401, "invalid-credentials");
		assertThat(first.get("detail")).isEqualTo(second.get("detail"));
		assertThat(first.get("title")).isEqualTo(second.get("title"));
		assertThat(wrongPassword.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(unknownEmail.header("WWW-Authenticate")).isEqualTo(wrongPassword.header("WWW-Authenticate"));
	}

	@Test
	void throttlesRepeatedLoginAttemptsWithRetryAfter() {
		Session user = this.api.newUser();
		for (int attempt = 1; attempt <= 5; attempt++) {
			this.api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", "guess-" + attempt))
				.assertProblem(401, "invalid-credentials");
		}
		Response throttled = this.api.post("/api/v1/auth/login",
				Map.of("email", user.email(), "password", Api.PASSWORD));

		throttled.assertProblem(429, "too-many-login-attempts");
		assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 15 * 60L);
	}

	@Test
	void throttlingIsPerEmailSoOtherAccountsStillLogIn() {
		Session victim = this.api.newUser();
		for (int attempt = 1; attempt <= 6; attempt++) {
			this.api.post("/api/v1/auth/login", Map.of("email", victim.email(), "password", "guess-" + attempt));
		}
		Session other = this.api.newUser();

		assertThat(other.accessToken()).isNotBlank();
	}

	@Test
	void successfulLoginResetsTheFailureCount() {
		Session user = this.api.newUser();
		for (int round = 0; round < 3; round++) {
			for (int attempt = 1; attempt <= 4; attempt++) {
				this.api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", "wrong-" + attempt))
					.assertProblem(401, "invalid-credentials");
			}
			assertThat(this.api.login(user.email(), Api.PASSWORD).accessToken()).isNotBlank();
		}
	}

	@Test
	void aStaleAccessTokenDoesNotBlockLoginOrRefresh() {
		Session user = this.api.newUser();
		String[] staleToken = Api.bearer("expired.or.garbage");

		assertThat(
				this.api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", Api.PASSWORD), staleToken)
					.status())
			.isEqualTo(200);
		assertThat(
				this.api.post("/api/v1/auth/refresh", Map.of("refreshToken", user.refreshToken()), staleToken).status())
			.isEqualTo(200);
	}

	@Test
	void refreshRotatesTheTokenPair() {
		Session user = this.api.newUser();
		Response refreshed = refresh(user.refreshToken());

		assertThat(refreshed.status()).isEqualTo(200);
		String newAccess = refreshed.json().get("accessToken").asString();
		String newRefresh = refreshed.json().get("refreshToken").asString();
		assertThat(newRefresh).isNotEqualTo(user.refreshToken());
		assertThat(this.api.get("/api/v1/users/me", Api.bearer(newAccess)).status()).isEqualTo(200);
		assertThat(refresh(newRefresh).status()).isEqualTo(200);
	}

	@Test
	void rejectsRefreshTokenReuseAndRevokesItsFamily() {
		Session user = this.api.newUser();
		String rotated = refresh(user.refreshToken()).json().get("refreshToken").asString();

		refresh(user.refreshToken()).assertProblem(401, "invalid-refresh-token");
		// The legitimate successor is gone too: the
		// thief and the owner both have to log in again.
		refresh(rotated).assertProblem(401, "invalid-refresh-token");
	}

	@Test
	void reuseRevokesOnlyTheAffectedFamily() {
		Session user = this.api.newUser();
		Session otherDevice = this.api.login(user.email(), Api.PASSWORD);
		refresh(user.refreshToken());
		refresh(user.refreshToken());

		assertThat(refresh(otherDevice.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void rejectsUnknownRefreshToken() {
		refresh("not-a-token-we-ever-issued").assertProblem(401, "invalid-refresh-token");
	}

	@Test
	void logoutRevokesTheRefreshTokenFamily() {
		Session user = this.api.newUser();
		Response logout = this.api.post("/api/v1/auth/logout", Map.of("refreshToken", user.refreshToken()));

		assertThat(logout.status()).isEqualTo(204);
		refresh(user.refreshToken()).assertProblem(401, "invalid-refresh-token");
		assertThat(this.api.post("/api/v1/auth/logout", Map.of("refreshToken", user.refreshToken())).status())
			.isEqualTo(204);
	}

	@Test
	void passwordChangeVoidsEarlierTokens() {
		Session user = this.api.newUser();
		Response changed = this.api.patch("/api/v1/users/" + user.id(),
				Map.of("password", "a-brand-new-password", "currentPassword", Api.PASSWORD), user.auth());

		assertThat(changed.status()).isEqualTo(200);
		this.api.get("/api/v1/users/me", user.auth()).assertProblem(401, "unauthorized");
		refresh(user.refreshToken()).assertProblem(401, "invalid-refresh-token");
		assertThat(this.api.login(user.email(), "a-brand-new-password").accessToken()).isNotBlank();
	}

	private Response refresh(String refreshToken) {
		return this.api.post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken));
	}

}
