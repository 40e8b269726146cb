package com.example.backend.orders;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/** Request bodies of the order endpoints. */
final class OrderRequests {

	private OrderRequests() {
	}

	record CreateOrderRequest(
			@NotNull @Size(min = 1, max = 50) @DistinctProducts List<@Valid @NotNull OrderLine> items) {
	}

	record OrderLine(@Schema(example = "1", minimum = "1") @NotNull Long productId,
			@Schema(example = "2") @NotNull @Min(1) @Max(100) Integer quantity) {
	}

	record ChangeStatusRequest(@NotNull OrderStatus status) {
	}

}
