package com.example.backend.config;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The settings a production instance cannot run safely without, checked all at once so
 * that an operator sees every problem in one failed start instead of one per attempt.
 * Each problem names the property and its environment variable and says how to fix it; no
 * value is ever echoed, because these are secrets.
 * <p>
 * Active when {@code app.production-checks.enabled=true} (set by the {@code prod}
 * profile): see {@link ProductionSettingsCheck}.
 */
final class ProductionSettings {

	static final int MIN_JWT_KEY_BYTES = 32;

	static final int MIN_PASSWORD_LENGTH = 12;

	/**
	 * Markers of the placeholders in {@code .env.example} and
	 * {@code k8s/base/secret.example.yaml}: a copied template is not a secret.
	 */
	private static final List<String> PLACEHOLDERS = List.of("replace_me", "replace-me", "change-me", "changeme",
			"change_me");

	private ProductionSettings() {
	}

	/**
	 * The problems found, empty when the settings are fit for production.
	 * @param settings looks up a property (placeholders resolved), {@code null} when
	 * unset
	 */
	static List<String> problems(Function<String, String> settings) {
		List<String> problems = new ArrayList<>();
		String url = settings.apply("spring.datasource.url");
		if (isBlank(url)) {
			problems.add(missing("spring.datasource.url", "SPRING_DATASOURCE_URL",
					"the JDBC URL of PostgreSQL, e.g. jdbc:postgresql://db.internal:5432/app"));
		}
		else if (!url.startsWith("jdbc:postgresql://")) {
			problems.add("spring.datasource.url (SPRING_DATASOURCE_URL) must be a jdbc:postgresql:// URL");
		}
		if (isBlank(settings.apply("spring.datasource.username"))) {
			problems.add(missing("spring.datasource.username", "SPRING_DATASOURCE_USERNAME", "the database user"));
		}
		checkPassword(problems, "spring.datasource.password", "SPRING_DATASOURCE_PASSWORD",
				settings.apply("spring.datasource.password"));
		if (isBlank(settings.apply("spring.data.redis.host"))) {
			problems.add(missing("spring.data.redis.host", "SPRING_DATA_REDIS_HOST",
					"the Redis that all instances share for the cache and the rate limits, e.g. redis.internal"));
		}
		checkJwtSecret(problems, settings.apply("app.jwt.secret"));
		if (!isBlank(settings.apply("app.bootstrap-admin.email"))) {
			checkPassword(problems, "app.bootstrap-admin.password", "APP_BOOTSTRAP_ADMIN_PASSWORD",
					settings.apply("app.bootstrap-admin.password"));
		}
		String origins = settings.apply("app.cors.allowed-origins");
		if (origins != null && origins.contains("*")) {
			problems.add("app.cors.allowed-origins (CORS_ALLOWED_ORIGINS) must list exact origins, not a wildcard");
		}
		if ("true".equalsIgnoreCase(trim(settings.apply("app.demo-data.enabled")))) {
			problems.add("app.demo-data.enabled must be false: the demo accounts' passwords are published");
		}
		if ("true".equalsIgnoreCase(trim(settings.apply("app.dev-database.enabled")))) {
			problems.add("app.dev-database.enabled must be false: the embedded database is for development only");
		}
		checkManagementPort(problems, settings.apply("management.server.port"), settings.apply("server.port"));
		checkTrustedProxies(problems, settings.apply("app.trusted-proxies"));
		return problems;
	}

	/**
	 * On the API port, the actuator's Prometheus endpoint and probes would be reachable
	 * by every client of the API.
	 */
	private static void checkManagementPort(List<String> problems, String managementPort, String serverPort) {
		String api = isBlank(serverPort) ? "8080" : serverPort.trim();
		// 0 is a random free port, never the API's.
		if (isBlank(managementPort) || (managementPort.trim().equals(api) && !api.equals("0"))) {
			problems.add("management.server.port (MANAGEMENT_PORT) must be a port of its own, not the API's " + api
					+ ": metrics and probes are for the cluster, not for the API's clients");
		}
	}

	/**
	 * A proxy is one subnet. A range shorter than /8 (IPv4) or /16 (IPv6) holds much of
	 * the internet, and trusting it lets any client write its own address.
	 */
	private static void checkTrustedProxies(List<String> problems, String trustedProxies) {
		if (isBlank(trustedProxies)) {
			return;
		}
		for (String range : trustedProxies.split(",")) {
			int slash = range.indexOf('/');
			if (slash < 0) {
				continue;
			}
			int prefix;
			try {
				prefix = Integer.parseInt(range.substring(slash + 1).trim());
			}
			catch (NumberFormatException ex) {
				problems.add("app.trusted-proxies (APP_TRUSTED_PROXIES) has an entry that is no CIDR range");
				continue;
			}
			int shortest = range.contains(":") ? 16 : 8;
			if (prefix < shortest) {
				problems.add("app.trusted-proxies (APP_TRUSTED_PROXIES) trusts " + range.trim()
						+ ": list only the proxies' own subnets (at least /" + shortest + ")");
			}
		}
	}

	private static void checkPassword(List<String> problems, String property, String variable, String value) {
		if (isBlank(value)) {
			problems.add(missing(property, variable, "a generated password, e.g. `openssl rand -base64 24`"));
		}
		else if (value.length() < MIN_PASSWORD_LENGTH || isPlaceholder(value)) {
			problems.add(property + " (" + variable + ") is too weak: use at least " + MIN_PASSWORD_LENGTH
					+ " random characters, not a template value");
		}
	}

	private static void checkJwtSecret(List<String> problems, String secret) {
		String advice = "a base64 string of at least " + MIN_JWT_KEY_BYTES
				+ " random bytes, e.g. `openssl rand -base64 48`";
		if (isBlank(secret)) {
			problems.add(missing("app.jwt.secret", "APP_JWT_SECRET", advice));
			return;
		}
		byte[] key;
		try {
			key = Base64.getDecoder().decode(secret.trim());
		}
		catch (IllegalArgumentException ex) {
			problems.add("app.jwt.secret (APP_JWT_SECRET) is not base64: use " + advice);
			return;
		}
		if (key.length < MIN_JWT_KEY_BYTES || isPlaceholder(secret)) {
			problems.add("app.jwt.secret (APP_JWT_SECRET) is too weak: use " + advice);
		}
		else if (isReadableText(key)) {
			// Random bytes are never all printable; a sentence is guessable, and the one
			// in any published example is known.
			problems.add("app.jwt.secret (APP_JWT_SECRET) encodes readable text, not random bytes: use " + advice);
		}
	}

	private static String missing(String property, String variable, String what) {
		return property + " (" + variable + ") is not set: " + what;
	}

	private static boolean isPlaceholder(String value) {
		String lower = value.toLowerCase(Locale.ROOT);
		return PLACEHOLDERS.stream().anyMatch(lower::contains);
	}

	private static boolean isReadableText(byte[] bytes) {
		for (byte b : bytes) {
			if (b < 0x20 || b > 0x7e) {
				return false;
			}
		}
		return true;
	}

	private static String trim(String value) {
		return (value != null) ? value.trim() : null;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
