package com.example.backend.catalog;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

import com.example.backend.contract.Money;

/**
 * Create or fully replace a product. {@code price} may be sent as a JSON string
 * ({@code "19.99"}) or number; {@code version}, when given on update, must match the
 * stored one.
 */
public record ProductRequest(
		@Schema(example = "BOOK-003") @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String sku,
		@Schema(example = "Release It!") @NotBlank @Size(max = 200) String name,
		@Schema(type = "string", maxLength = Money.MAX_LENGTH,
				example = "39.90") @NotNull @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) BigDecimal price,
		@Schema(example = "12") @NotNull @Min(0) @Max(1_000_000_000) Integer stock,
		@Schema(description = "on update: the version you edited; stale is 409") Long version) {
}
