package com.example.backend.hashing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as 64 hex characters: how the service stores what it must recognise but not
 * keep (refresh tokens) and compares request bodies (idempotency keys). A fast hash is
 * right for both: the inputs are random tokens or whole requests, not guessable
 * passwords.
 */
public final class Sha256 {

	private Sha256() {
	}

	public static String hex(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
