package com.example.backend.orders;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

import com.example.backend.contract.Money;

/** Money goes out as strings with two decimals ({@code "19.99"}). */
public record OrderResponse(@Schema(minimum = "1") long id, @Schema(types = {
		"integer", "null" }, format = "int64", minimum = "1",
		description = "null once the user is deleted: an order outlives its user") Long userId, OrderStatus status,
		List<Item> items,
		@Schema(type = "string", maxLength = Money.MAX_LENGTH, pattern = Money.PATTERN, description = Money.DESCRIPTION,
				example = Money.EXAMPLE) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
		Instant createdAt, Instant updatedAt, long version){

	static OrderResponse of(Order order) {
		List<Item> items = order.getItems()
			.stream()
			.map(item -> new Item(item.getProductId(), item.getProductName(), item.getQuantity(),
					money(item.getUnitPrice()), money(item.getLineTotal())))
			.toList();
		return new OrderResponse(order.getId(), order.getUserId(), order.getStatus(), items, money(order.getTotal()),
				order.getCreatedAt(), order.getUpdatedAt(), order.getVersion());
	}

	private static BigDecimal money(BigDecimal amount) {
		return amount.setScale(2, RoundingMode.UNNECESSARY);
	}

	public record Item(@Schema(types = {
			"integer", "null" }, format = "int64", minimum = "1",
			description = "null once the product is deleted: the line keeps its name and price") Long productId,
			@Schema(maxLength = 200) String productName, int quantity,
			@Schema(type = "string", maxLength = Money.MAX_LENGTH, pattern = Money.PATTERN,
					description = Money.DESCRIPTION,
					example = Money.EXAMPLE) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice,
			@Schema(type = "string", maxLength = Money.MAX_LENGTH, pattern = Money.PATTERN,
					description = Money.DESCRIPTION,
					example = Money.EXAMPLE) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal lineTotal){
	}

}
