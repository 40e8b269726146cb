package com.example.backend.auth;

import java.io.OutputStream;
import java.io.Reader;
import java.util.Map;

import io.jsonwebtoken.io.AbstractDeserializer;
import io.jsonwebtoken.io.AbstractSerializer;
import io.jsonwebtoken.io.Deserializer;
import io.jsonwebtoken.io.Serializer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * jjwt's JSON (token headers and claims) through Jackson 3, the Jackson the API runs on.
 * jjwt-jackson would bring up Jackson 2 at every start for two small maps per token. The
 * settings are jjwt-jackson's: a member named twice is refused, so that a token cannot
 * carry a second {@code sub} or {@code exp} that another JSON reader might pick instead.
 * {@code JwtJsonTest} checks that tokens are byte for byte those jjwt-jackson writes.
 */
final class JwtJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private static final TypeReference<Map<String, ?>> MAP = new TypeReference<>() {
	};

	static final Serializer<Map<String, ?>> SERIALIZER = new AbstractSerializer<>() {

		@Override
		protected void doSerialize(Map<String, ?> value, OutputStream out) {
			MAPPER.writeValue(out, value);
		}

	};

	static final Deserializer<Map<String, ?>> DESERIALIZER = new AbstractDeserializer<>() {

		@Override
		protected Map<String, ?> doDeserialize(Reader reader) {
			return MAPPER.readValue(reader, MAP);
		}

	};

	private JwtJson() {
	}

}
