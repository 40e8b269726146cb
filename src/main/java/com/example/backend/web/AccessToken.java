package com.example.backend.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How an operation treats the bearer access token, for the operations that do not require
 * one (requiring one is the default). The OpenAPI document derives each operation's
 * security requirement and its 401 answer from it; the security configuration enforces
 * it, and {@code OpenApiDocumentIT} sends a bad token to every operation to prove that
 * both say the same.
 */
@Documented
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface AccessToken {

	Use value();

	enum Use {

		/** Without a valid token the answer is 401: every operation not annotated. */
		REQUIRED,

		/**
		 * Public, but a token that is sent is checked (401 when it is bad) and may show
		 * more, e.g. the caller's own drafts.
		 */
		OPTIONAL,

		/**
		 * Never read: registration, login, refresh and logout, which a client whose token
		 * has expired must still reach.
		 */
		IGNORED

	}

}
