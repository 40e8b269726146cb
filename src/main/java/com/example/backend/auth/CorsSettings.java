package com.example.backend.auth;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser origins allowed to call the API ({@code app.cors.allowed-origins}, comma
 * separated, exact origins such as {@code https://app.example.com}). Empty means no
 * cross-origin access at all.
 */
@ConfigurationProperties("app.cors")
public record CorsSettings(@DefaultValue List<String> allowedOrigins) {
}
