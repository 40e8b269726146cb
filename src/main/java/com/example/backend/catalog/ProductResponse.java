package com.example.backend.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

import com.example.backend.contract.Money;

/**
 * Money goes out as a string with two decimals ({@code "19.99"}), so no client parses it
 * into a float.
 */
public record ProductResponse(@Schema(minimum = "1") long id, @Schema(maxLength = 64) String sku,
		@Schema(maxLength = 200) String name,
		@Schema(type = "string", maxLength = Money.MAX_LENGTH, pattern = Money.PATTERN, description = Money.DESCRIPTION,
				example = Money.EXAMPLE) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price,
		int stock, Instant createdAt, Instant updatedAt, long version) {

	static ProductResponse of(Product product) {
		return new ProductResponse(product.getId(), product.getSku(), product.getName(),
				product.getPrice().setScale(2, RoundingMode.UNNECESSARY), product.getStock(), product.getCreatedAt(),
				product.getUpdatedAt(), product.getVersion());
	}

}
