package com.example.backend.cache;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.example.backend.redis.RedisSettings;
import com.example.backend.redis.SharedRedis;
import com.example.backend.support.Api.Session;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whoever can write to the shared Redis must not be able to grant a role: the token
 * check's cached subject (role, token version) is believed only when this service sealed
 * it, for that very key.
 */
class ForgedCacheEntryIT extends IntegrationTest {

	@Autowired
	private SharedRedis redis;

	@Autowired
	private RedisSettings redisSettings;

	@Test
	void aRoleWrittenIntoRedisByHandIsIgnored() {
		Session user = this.api.newUser();
		assertThat(this.api.get("/api/v1/users", user.auth()).status()).isEqualTo(403);

		String forged = "{\"id\":" + user.id() + ",\"role\":\"ADMIN\",\"tokenVersion\":0}";
		this.redis.call(
				(commands) -> commands.setex(tokenSubjectKey(user.id()), 60, forged.getBytes(StandardCharsets.UTF_8)));

		this.api.get("/api/v1/users", user.auth()).assertProblem(403, "forbidden");
	}

	@Test
	void anAdminsSealedEntryCopiedToAnotherUsersKeyIsIgnored() {
		Session admin = admin();
		Session user = this.api.newUser();
		// Both subjects are now cached, sealed.
		assertThat(this.api.get("/api/v1/users/me", admin.auth()).status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/users/me", user.auth()).status()).isEqualTo(200);
		byte[] adminEntry = this.redis.call((commands) -> commands.get(tokenSubjectKey(admin.id())));
		assertThat(adminEntry).isNotNull();

		this.redis.call((commands) -> commands.setex(tokenSubjectKey(user.id()), 60, adminEntry));

		this.api.get("/api/v1/users", user.auth()).assertProblem(403, "forbidden");
		assertThat(this.api.get("/api/v1/users/me", user.auth()).json().get("id").asLong()).isEqualTo(user.id());
	}

	private String tokenSubjectKey(long userId) {
		return this.redisSettings.keyPrefix() + "cache:token-subject:v1:" + userId;
	}

}
