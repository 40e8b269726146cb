package com.example.backend.orders;

/**
 * The order life cycle: PENDING -> PAID -> SHIPPED -> DELIVERED, and PENDING or PAID ->
 * CANCELLED. Every other move is illegal.
 */
public enum OrderStatus {

	PENDING, PAID, SHIPPED, DELIVERED, CANCELLED;

	boolean canMoveTo(OrderStatus next) {
		return switch (this) {
			case PENDING -> next == PAID || next == CANCELLED;
			case PAID -> next == SHIPPED || next == CANCELLED;
			case SHIPPED -> next == DELIVERED;
			case DELIVERED, CANCELLED -> false;
		};
	}

}
