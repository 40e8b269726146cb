package com.example.backend.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * Money goes out as a string with two decimals ({@code "19.99"}), so no client parses it
 * into a float.
 */
public record ProductResponse(long id, String sku, String name,
		@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price, int stock, Instant createdAt, Instant updatedAt,
		long version) {

	static ProductResponse of(Product product) {
		return new ProductResponse(product.getId(), product.getSku(), product.getName(),
				product.getPrice().setScale(2, RoundingMode.UNNECESSARY), product.getStock(), product.getCreatedAt(),
				product.getUpdatedAt(), product.getVersion());
	}

}
