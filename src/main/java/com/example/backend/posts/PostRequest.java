package com.example.backend.posts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Create or fully replace a post. On update, {@code version} (or an {@code If-Match}
 * header) says which version the change was based on.
 */
public record PostRequest(@Schema(example = "Hello, world") @NotBlank @Size(max = 200) String title,
		@Schema(example = "The first post.") @NotBlank @Size(max = 20000) String body,
		@Schema(example = "PUBLISHED") @NotNull PostStatus status,
		@Schema(description = "the version you edited (required on update unless If-Match is sent)",
				example = "0") Long version) {
}
