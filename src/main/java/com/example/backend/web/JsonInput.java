package com.example.backend.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rules for every JSON request body, applied while it is read, so that no field can
 * forget them: strings must be {@link StorableText storable} (otherwise 400, before
 * anything is hashed or written). Numbers are not coerced either:
 * {@code spring.jackson.deserialization.accept-float-as-int=false} makes {@code 1.9} for
 * an integer field an error (422) instead of a silent 1.
 */
@Configuration(proxyBeanMethods = false)
class JsonInput {

	@Bean
	JacksonModule storableStrings() {
		return new SimpleModule("storable-strings").addDeserializer(String.class, new StorableStringDeserializer());
	}

	static final class StorableStringDeserializer extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String value = super.deserialize(parser, context);
			if (value != null && !StorableText.isStorable(value)) {
				return (String) context.handleWeirdStringValue(String.class, value,
						"contains a NUL character or an unpaired UTF-16 surrogate");
			}
			return value;
		}

	}

}
