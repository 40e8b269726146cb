package com.example.backend.catalog;

import org.springframework.http.HttpStatus;

import com.example.backend.web.ApiException;

/** The facts about the catalogue that end a request with a 4xx answer. */
public final class CatalogExceptions {

	private CatalogExceptions() {
	}

	static final class SkuTaken extends ApiException {

		SkuTaken() {
			super(HttpStatus.CONFLICT, "sku-taken", "SKU already used", "Another product already has this SKU.");
		}

	}

	/**
	 * Thrown while reserving an order's stock; the caller's transaction rolls back every
	 * line.
	 */
	public static final class InsufficientStock extends ApiException {

		InsufficientStock(long productId) {
			super(HttpStatus.CONFLICT, "insufficient-stock", "Insufficient stock",
					"Product " + productId + " does not have enough stock for this order.");
			getBody().setProperty("productId", productId);
		}

	}

	/** An order line names a product that does not exist. */
	public static final class UnknownProduct extends ApiException {

		UnknownProduct(long productId) {
			super(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-product", "Unknown product",
					"Product " + productId + " does not exist.");
			getBody().setProperty("productId", productId);
		}

	}

}
