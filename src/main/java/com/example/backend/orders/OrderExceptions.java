package com.example.backend.orders;

import com.example.backend.contract.ProblemType;
import com.example.backend.errors.ApiException;

/** The facts about orders that end a request with a 4xx answer. */
final class OrderExceptions {

	private OrderExceptions() {
	}

	static final class IllegalStatusTransition extends ApiException {

		IllegalStatusTransition(OrderStatus from, OrderStatus to) {
			super(ProblemType.ILLEGAL_STATUS_TRANSITION, "An order cannot move from " + from + " to " + to + ".");
		}

	}

	static final class OrderNotCancellable extends ApiException {

		OrderNotCancellable(OrderStatus status, boolean byOwner) {
			super(ProblemType.ORDER_NOT_CANCELLABLE,
					byOwner ? "You can cancel an order only while it is PENDING; it is " + status + "."
							: "An order that is " + status + " can no longer be cancelled.");
		}

	}

	static final class TooManyPendingOrders extends ApiException {

		TooManyPendingOrders(int max) {
			super(ProblemType.TOO_MANY_PENDING_ORDERS,
					"You have " + max + " unpaid orders, the most one user may have at once; pay or cancel one first.");
		}

	}

	static final class OtherUsersOrdersForbidden extends ApiException {

		OtherUsersOrdersForbidden() {
			super(ProblemType.FORBIDDEN, "Only an admin may list other users' orders.");
		}

	}

	static final class InvalidIdempotencyKey extends ApiException {

		InvalidIdempotencyKey() {
			super(ProblemType.MALFORMED_REQUEST, "Idempotency-Key must be 1 to 64 characters.");
		}

	}

	static final class IdempotencyKeyReused extends ApiException {

		IdempotencyKeyReused() {
			super(ProblemType.IDEMPOTENCY_KEY_REUSED);
		}

	}

}
