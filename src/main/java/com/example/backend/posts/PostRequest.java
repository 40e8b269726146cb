package com.example.backend.posts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Create or fully replace a post. On update, {@code version} (or an {@code If-Match} header) says which
 * version the change was based on.
 */
public record PostRequest(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 20000) String body,
		@NotNull PostStatus status, Long version) {
}
