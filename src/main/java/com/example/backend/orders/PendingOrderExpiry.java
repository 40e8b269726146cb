package com.example.backend.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Returns the stock of unpaid orders to the catalogue once they are older than
 * {@code app.orders.pending-expiry}: their buyer walked away, and the stock is better
 * sold to someone else. Every instance runs it; each locks the orders it cancels and
 * skips those another has locked.
 */
@Component
class PendingOrderExpiry {

	private static final Logger log = LoggerFactory.getLogger(PendingOrderExpiry.class);

	/** Small transactions: stock rows stay locked briefly, whatever the backlog. */
	private static final int BATCH = 100;

	private final OrderService orders;

	PendingOrderExpiry(OrderService orders) {
		this.orders = orders;
	}

	@Scheduled(fixedDelayString = "${app.orders.expiry-check-interval:PT1M}", initialDelayString = "PT1M")
	void expire() {
		int total = 0;
		int cancelled;
		do {
			cancelled = this.orders.expirePending(BATCH);
			total += cancelled;
		}
		while (cancelled == BATCH);
		if (total > 0) {
			log.info("Cancelled {} unpaid orders older than app.orders.pending-expiry; their stock is back", total);
		}
	}

}
