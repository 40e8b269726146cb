package com.example.backend.cache;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the entries this service writes to the shared Redis with an HMAC over the key and
 * the value, and opens only entries that carry a valid one. The cache holds authorisation
 * data (a user's role, their token version), so a client of Redis that is not this
 * service, or a value copied from another user's key, must never be believed: an entry
 * that fails the check is a miss, and the database answers.
 * <p>
 * The key is derived from {@code app.cache.signing-key} (by default the JWT secret, which
 * every instance shares); without one, a random key per instance, so entries are then
 * only trusted by the instance that wrote them.
 */
final class EntrySeal {

	private static final String ALGORITHM = "HmacSHA256";

	/** 128 bits of the MAC: enough against forgery, half the bytes per entry. */
	static final int TAG_BYTES = 16;

	/**
	 * Initialised once; every tag works on a clone, which skips the provider lookup and
	 * key set-up on each cache read and write.
	 */
	private final Mac keyed;

	private EntrySeal(byte[] key) {
		try {
			this.keyed = Mac.getInstance(ALGORITHM);
			this.keyed.init(new SecretKeySpec(key, ALGORITHM));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	/**
	 * A seal keyed by the configured secret (base64), or a random one when it is blank.
	 */
	static EntrySeal fromSecret(String secret) {
		if (secret == null || secret.isBlank()) {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			return new EntrySeal(random);
		}
		// Not the JWT key itself: a key of its own, derived for this one purpose.
		return new EntrySeal(new EntrySeal(secretBytes(secret))
			.tag("reference-backend cache entries".getBytes(StandardCharsets.UTF_8), new byte[0], 32));
	}

	private static byte[] secretBytes(String secret) {
		try {
			return Base64.getDecoder().decode(secret.trim());
		}
		catch (IllegalArgumentException ex) {
			// Not base64 (the JWT key check refuses such a secret with its own message).
			return secret.getBytes(StandardCharsets.UTF_8);
		}
	}

	byte[] seal(String redisKey, byte[] value) {
		byte[] tag = tag(redisKey.getBytes(StandardCharsets.UTF_8), value, TAG_BYTES);
		byte[] sealed = Arrays.copyOf(tag, TAG_BYTES + value.length);
		System.arraycopy(value, 0, sealed, TAG_BYTES, value.length);
		return sealed;
	}

	/**
	 * The value, or {@code null} when the entry was not sealed by this service for this
	 * key.
	 */
	byte[] open(String redisKey, byte[] sealed) {
		if (sealed == null || sealed.length < TAG_BYTES) {
			return null;
		}
		byte[] value = Arrays.copyOfRange(sealed, TAG_BYTES, sealed.length);
		byte[] expected = tag(redisKey.getBytes(StandardCharsets.UTF_8), value, TAG_BYTES);
		return MessageDigest.isEqual(expected, Arrays.copyOf(sealed, TAG_BYTES)) ? value : null;
	}

	private byte[] tag(byte[] redisKey, byte[] value, int length) {
		try {
			Mac mac = (Mac) this.keyed.clone();
			// The key's length first, so that no key/value split can pass for another.
			mac.update(new byte[] { (byte) (redisKey.length >>> 24), (byte) (redisKey.length >>> 16),
					(byte) (redisKey.length >>> 8), (byte) redisKey.length });
			mac.update(redisKey);
			return Arrays.copyOf(mac.doFinal(value), length);
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("The JDK's HmacSHA256 can be cloned", ex);
		}
	}

}
