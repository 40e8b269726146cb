package com.example.backend.redis;

import java.time.Duration;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisConnectionSettingsTest {

	@Test
	void aHostAloneConnectsWithoutCredentialsOrTls() {
		RedisURI uri = settings(null, null, false).uri();

		assertThat(uri.getHost()).isEqualTo("redis.internal");
		assertThat(uri.getPort()).isEqualTo(6380);
		assertThat(uri.getDatabase()).isEqualTo(2);
		assertThat(uri.getTimeout()).isEqualTo(Duration.ofMillis(250));
		assertThat(credentials(uri).hasUsername()).isFalse();
		assertThat(credentials(uri).hasPassword()).isFalse();
		assertThat(uri.isSsl()).isFalse();
	}

	@Test
	void aPasswordAloneUsesTheDefaultUser() {
		RedisURI uri = settings(null, "s3cret", true).uri();

		assertThat(credentials(uri).hasUsername()).isFalse();
		assertThat(credentials(uri).getPassword()).containsExactly("s3cret".toCharArray());
		assertThat(uri.isSsl()).isTrue();
		assertThat(uri.isVerifyPeer()).isTrue();
	}

	@Test
	void aUsernameWithAPasswordUsesAnAclUser() {
		RedisURI uri = settings("app", "s3cret", false).uri();

		assertThat(credentials(uri).getUsername()).isEqualTo("app");
		assertThat(credentials(uri).getPassword()).containsExactly("s3cret".toCharArray());
	}

	private static RedisCredentials credentials(RedisURI uri) {
		return uri.getCredentialsProvider().resolveCredentials().block();
	}

	private static RedisConnectionSettings settings(String username, String password, boolean ssl) {
		return new RedisConnectionSettings("redis.internal", 6380, username, password, 2,
				new RedisConnectionSettings.Ssl(ssl), Duration.ofMillis(250), Duration.ofMillis(300));
	}

}
