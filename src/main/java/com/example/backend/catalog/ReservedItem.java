package com.example.backend.catalog;

import java.math.BigDecimal;

/**
 * A line whose stock is reserved, with the name and price at that moment (the order's
 * snapshot).
 */
public record ReservedItem(long productId, String productName, BigDecimal unitPrice, int quantity) {
}
