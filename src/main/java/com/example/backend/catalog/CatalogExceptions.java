package com.example.backend.catalog;

import com.example.backend.contract.ProblemType;
import com.example.backend.errors.ApiException;

/** The facts about the catalogue that end a request with a 4xx answer. */
public final class CatalogExceptions {

	private CatalogExceptions() {
	}

	static final class SkuTaken extends ApiException {

		SkuTaken() {
			super(ProblemType.SKU_TAKEN);
		}

	}

	/**
	 * Thrown while reserving an order's stock; the caller's transaction rolls back every
	 * line.
	 */
	public static final class InsufficientStock extends ApiException {

		InsufficientStock(long productId) {
			super(ProblemType.INSUFFICIENT_STOCK,
					"Product " + productId + " does not have enough stock for this order.");
			getBody().setProperty("productId", productId);
		}

	}

	/** An order line names a product that does not exist. */
	public static final class UnknownProduct extends ApiException {

		UnknownProduct(long productId) {
			super(ProblemType.UNKNOWN_PRODUCT, "Product " + productId + " does not exist.");
			getBody().setProperty("productId", productId);
		}

	}

}
