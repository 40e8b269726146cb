package com.example.backend.filters;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.logging.structured.ElasticCommonSchemaProperties;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's structured log encoder with a shortcut for the access log: a line with
 * nothing but plain fields (no exception, no markers, MDC entries and key-values with
 * simple names and string, number or boolean values) is written straight into a
 * {@code StringBuilder} in the ECS layout, byte for byte what Boot's {@code ecs}
 * formatter writes. Boot's encoder writes its JSON through a {@code CharBuffer} and a
 * {@code CharsetEncoder} per append, down to single characters, and tracks a member path
 * and a name set for every member: for one line per request that was a sixth of the CPU
 * of {@code GET /posts/{id}} and most of its garbage
 * (load-tests/lab/results/profile-post-logging.md); this shortcut serves 20% more of
 * those requests (load-tests/lab/results/bench-vs-peer.md). Anything else, and every line
 * in another format, goes through Boot's encoder.
 * <p>
 * {@link #start()} checks the shortcut against Boot's own output for a sample line and
 * keeps it only if both agree, so a Boot upgrade or a {@code logging.structured.*}
 * setting that changes the layout turns the shortcut off instead of changing the log.
 */
public class AccessLogEncoder extends StructuredLogEncoder {

	static final String ECS = "ecs";

	/** Members of the ECS layout that a context key must not collide with. */
	private static final Set<String> LAYOUT_NAMES = Set.of("@timestamp", "log", "process", "service", "message",
			"error", "tags", "ecs");

	private String format;

	private Charset charset = StandardCharsets.UTF_8;

	/** {@code "pid":123,} or empty; then the service member with its leading comma. */
	private String pid = "";

	private String service = "";

	private boolean shortcut;

	@Override
	public void setFormat(String format) {
		super.setFormat(format);
		this.format = format;
	}

	@Override
	public void setCharset(Charset charset) {
		super.setCharset(charset);
		this.charset = charset;
	}

	@Override
	public void start() {
		super.start();
		Environment environment = (Environment) getContext().getObject(Environment.class.getName());
		if (!ECS.equals(this.format) || environment == null) {
			return;
		}
		Long processId = environment.getProperty("spring.application.pid", Long.class);
		this.pid = (processId != null) ? "\"pid\":" + processId + "," : "";
		String services = JsonWriter.<String>of(ElasticCommonSchemaProperties.get(environment)::jsonMembers)
			.writeToString("");
		// {"service":{...}} without the outer braces
		this.service = "," + services.substring(1, services.length() - 1);
		this.shortcut = true;
		ILoggingEvent sample = sample();
		if (!new String(super.encode(sample), this.charset).equals(new String(encode(sample), this.charset))) {
			this.shortcut = false;
			addWarn("The access log's ECS shortcut differs from Spring Boot's ecs format; using Spring Boot's");
		}
	}

	/**
	 * Whether lines in the shortcut's shape are written by hand (false after a failed
	 * check).
	 */
	boolean shortcut() {
		return this.shortcut;
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		String line = this.shortcut ? handWritten(event) : null;
		return (line != null) ? line.getBytes(this.charset) : super.encode(event);
	}

	/** The ECS line, or null when the event is not of the simple shape. */
	String handWritten(ILoggingEvent event) {
		if (event.getThrowableProxy() != null || (event.getMarkerList() != null && !event.getMarkerList().isEmpty())) {
			return null;
		}
		StringBuilder json = new StringBuilder(640);
		json.append("{\"@timestamp\":");
		string(json, event.getInstant().toString());
		json.append(",\"log\":{\"level\":");
		string(json, event.getLevel().toString());
		json.append(",\"logger\":");
		string(json, event.getLoggerName());
		json.append("},\"process\":{").append(this.pid).append("\"thread\":{\"name\":");
		string(json, event.getThreadName());
		json.append("}}").append(this.service).append(",\"message\":");
		string(json, event.getFormattedMessage());
		Set<String> names = new HashSet<>();
		Map<String, String> mdc = event.getMDCPropertyMap();
		if (mdc != null) {
			for (Map.Entry<String, String> entry : mdc.entrySet()) {
				if (!pair(json, names, entry.getKey(), entry.getValue())) {
					return null;
				}
			}
		}
		List<KeyValuePair> pairs = event.getKeyValuePairs();
		if (pairs != null) {
			for (KeyValuePair pair : pairs) {
				if (!pair(json, names, pair.key, pair.value)) {
					return null;
				}
			}
		}
		return json.append(",\"ecs\":{\"version\":\"8.11\"}}\n").toString();
	}

	private static boolean pair(StringBuilder json, Set<String> names, String name, Object value) {
		if (name == null || name.isEmpty() || name.indexOf('.') >= 0 || LAYOUT_NAMES.contains(name) || !names.add(name)
				|| value == null) {
			return false;
		}
		json.append(',');
		string(json, name);
		json.append(':');
		if (value instanceof Number || value instanceof Boolean) {
			json.append(value);
		}
		else if (value instanceof String text) {
			string(json, text);
		}
		else {
			return false;
		}
		return true;
	}

	/** A JSON string, escaped as Spring Boot's JSON writer escapes it. */
	private static void string(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char ch = value.charAt(i);
			switch (ch) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\b' -> json.append("\\b");
				case '\f' -> json.append("\\f");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (Character.isISOControl(ch)) {
						json.append("\\u").append(String.format("%04X", (int) ch));
					}
					else {
						json.append(ch);
					}
				}
			}
		}
		json.append('"');
	}

	/** An access line with every kind of value and character the shortcut handles. */
	private ILoggingEvent sample() {
		LoggingEvent event = new LoggingEvent();
		event.setLoggerName("access");
		event.setLevel(Level.INFO);
		event.setThreadName("http-nio-8080-exec-1");
		event.setInstant(Instant.parse("2026-01-02T03:04:05.123456789Z"));
		event.setMessage("method=GET path=/api/v1/posts/{id} \"quoted\" \\ \t\n\u0001 é durationMs=1.5");
		event.setMDCPropertyMap(Map.of("requestId", "r-1", "traceId", "0af7651916cd43dd8448eb211c80319c"));
		event.addKeyValuePair(new KeyValuePair("method", "GET"));
		event.addKeyValuePair(new KeyValuePair("status", 200));
		event.addKeyValuePair(new KeyValuePair("durationMs", 12.345));
		event.addKeyValuePair(new KeyValuePair("userId", 42L));
		event.addKeyValuePair(new KeyValuePair("rejectedOrigin", "https://evil.example\"}"));
		return event;
	}

}
