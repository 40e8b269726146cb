package com.example.backend.orders;

import org.springframework.http.HttpStatus;

import com.example.backend.web.ApiException;

/** The facts about orders that end a request with a 4xx answer. */
final class OrderExceptions {

	private OrderExceptions() {
	}

	static final class IllegalStatusTransition extends ApiException {

		IllegalStatusTransition(OrderStatus from, OrderStatus to) {
			super(HttpStatus.CONFLICT, "illegal-status-transition", "Illegal status transition",
					"An order cannot move from " + from + " to " + to + ".");
		}

	}

	static final class OrderNotCancellable extends ApiException {

		OrderNotCancellable(OrderStatus status, boolean byOwner) {
			super(HttpStatus.CONFLICT, "order-not-cancellable", "Order not cancellable",
					byOwner ? "You can cancel an order only while it is PENDING; it is " + status + "."
							: "An order that is " + status + " can no longer be cancelled.");
		}

	}

	static final class TooManyPendingOrders extends ApiException {

		TooManyPendingOrders(int max) {
			super(HttpStatus.CONFLICT, "too-many-pending-orders", "Too many pending orders",
					"You have " + max + " unpaid orders, the most one user may have at once; pay or cancel one first.");
		}

	}

	static final class OtherUsersOrdersForbidden extends ApiException {

		OtherUsersOrdersForbidden() {
			super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Only an admin may list other users' orders.");
		}

	}

	static final class InvalidIdempotencyKey extends ApiException {

		InvalidIdempotencyKey() {
			super(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
					"Idempotency-Key must be 1 to 64 characters.");
		}

	}

	static final class IdempotencyKeyReused extends ApiException {

		IdempotencyKeyReused() {
			super(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
					"This Idempotency-Key was already used with a different request body.");
		}

	}

}
