package com.example.backend.orders;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import com.example.backend.catalog.ReservedItem;

/**
 * One line of an order, with the product's name and price as they were when the order was
 * placed.
 */
@Entity
@Table(name = "order_items")
class OrderItem {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "order_items_id")
	@SequenceGenerator(name = "order_items_id", sequenceName = "order_items_id_seq", allocationSize = 50)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "order_id")
	private Order order;

	/** Null once the product is deleted from the catalogue. */
	@Column(name = "product_id")
	private Long productId;

	private String productName;

	private int quantity;

	private BigDecimal unitPrice;

	private BigDecimal lineTotal;

	protected OrderItem() {
	}

	OrderItem(Order order, ReservedItem reserved) {
		this.order = order;
		this.productId = reserved.productId();
		this.productName = reserved.productName();
		this.quantity = reserved.quantity();
		this.unitPrice = reserved.unitPrice();
		this.lineTotal = reserved.unitPrice().multiply(BigDecimal.valueOf(reserved.quantity()));
	}

	Long getProductId() {
		return this.productId;
	}

	String getProductName() {
		return this.productName;
	}

	int getQuantity() {
		return this.quantity;
	}

	BigDecimal getUnitPrice() {
		return this.unitPrice;
	}

	BigDecimal getLineTotal() {
		return this.lineTotal;
	}

}
