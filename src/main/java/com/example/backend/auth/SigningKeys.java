package com.example.backend.auth;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.io.Decoders;
import io.jsonwebtoken.io.DecodingException;
import io.jsonwebtoken.security.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the configured secret into an HMAC key, or refuses to, with a message an operator
 * can act on.
 */
final class SigningKeys {

	static final int MIN_KEY_BYTES = 32;

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private SigningKeys() {
	}

	static SecretKey resolve(String secret, boolean secretRequired) {
		if (secret == null || secret.isBlank()) {
			if (secretRequired) {
				throw new IllegalStateException("app.jwt.secret (env APP_JWT_SECRET) is required "
						+ "(app.jwt.secret-required=true, as in the prod profile): " + "a base64 string of at least "
						+ MIN_KEY_BYTES + " random bytes, e.g. `openssl rand -base64 48`");
			}
			log.warn("app.jwt.secret is not set: generated a random signing key. Tokens will not survive a restart.");
			return Jwts.SIG.HS256.key().build();
		}
		byte[] bytes;
		try {
			bytes = Decoders.BASE64.decode(secret.trim());
		}
		catch (DecodingException ex) {
			throw new IllegalStateException("app.jwt.secret must be base64 encoded");
		}
		if (bytes.length < MIN_KEY_BYTES || isRepetitive(bytes)) {
			throw new IllegalStateException("app.jwt.secret is too weak: use at least " + MIN_KEY_BYTES
					+ " random bytes, e.g. `openssl rand -base64 48`");
		}
		return Keys.hmacShaKeyFor(bytes);
	}

	/**
	 * Catches placeholders such as "AAAA..." that pass the length check but are no secret
	 * at all.
	 */
	private static boolean isRepetitive(byte[] bytes) {
		long distinct = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).chars().distinct().count();
		return distinct < 8;
	}

}
