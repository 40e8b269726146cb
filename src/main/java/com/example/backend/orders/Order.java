package com.example.backend.orders;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import com.example.backend.catalog.ReservedItem;
import com.example.backend.persistence.AuditedEntity;

/**
 * An order with its lines. The entity is named {@code CustomerOrder} in queries because
 * ORDER is a keyword. Lines are loaded lazily and in batches
 * ({@code hibernate.default_batch_fetch_size}), so a page of orders costs one extra query
 * for all its lines rather than one per order.
 */
@Entity(name = "CustomerOrder")
@Table(name = "orders")
class Order extends AuditedEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "orders_id")
	@SequenceGenerator(name = "orders_id", sequenceName = "orders_id_seq", allocationSize = 50)
	private Long id;

	/**
	 * Null once the customer's account is deleted; the order itself stays for the books.
	 */
	@Column(name = "user_id")
	private Long userId;

	@Enumerated(EnumType.STRING)
	private OrderStatus status;

	private BigDecimal total;

	@OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
	@OrderBy("id")
	private List<OrderItem> items = new ArrayList<>();

	protected Order() {
	}

	Order(long userId, List<ReservedItem> reserved) {
		this.userId = userId;
		this.status = OrderStatus.PENDING;
		reserved.forEach(line -> this.items.add(new OrderItem(this, line)));
		this.total = this.items.stream().map(OrderItem::getLineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	/** Moves the status on, or answers false when the life cycle does not allow it. */
	boolean moveTo(OrderStatus next) {
		if (!this.status.canMoveTo(next)) {
			return false;
		}
		this.status = next;
		return true;
	}

	boolean isOwnedBy(long userId) {
		return this.userId != null && this.userId == userId;
	}

	Long getId() {
		return this.id;
	}

	Long getUserId() {
		return this.userId;
	}

	OrderStatus getStatus() {
		return this.status;
	}

	BigDecimal getTotal() {
		return this.total;
	}

	List<OrderItem> getItems() {
		return Collections.unmodifiableList(this.items);
	}

}
