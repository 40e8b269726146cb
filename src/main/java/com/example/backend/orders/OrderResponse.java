package com.example.backend.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

/** Money goes out as strings with two decimals ({@code "19.99"}). */
public record OrderResponse(long id, Long userId, OrderStatus status, List<Item> items,
		@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total, Instant createdAt, Instant updatedAt,
		long version) {

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

	public record Item(Long productId, String productName, int quantity,
			@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice,
			@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal lineTotal) {
	}

}
