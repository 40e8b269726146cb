package com.example.backend.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.backend.access.Actor;
import com.example.backend.access.Permission;
import com.example.backend.catalog.CatalogService;
import com.example.backend.orders.OrderExceptions.IllegalStatusTransition;
import com.example.backend.orders.OrderExceptions.OrderNotCancellable;
import com.example.backend.orders.OrderExceptions.OtherUsersOrdersForbidden;
import com.example.backend.orders.OrderExceptions.TooManyPendingOrders;
import com.example.backend.orders.OrderRequests.CreateOrderRequest;
import com.example.backend.errors.NotFound;
import com.example.backend.hashing.Sha256;
import com.example.backend.errors.StaleVersion;

/**
 * Orders: creation with atomic stock reservation and idempotent retries, the status life
 * cycle, and who may see what (owners their own orders, {@code order:manage} everything;
 * anyone else gets 404).
 */
@Service
@Transactional(readOnly = true)
public class OrderService {

	private final OrderRepository orders;

	private final CatalogService catalog;

	private final IdempotencyStore idempotency;

	private final JsonMapper json;

	private final OrderSettings settings;

	private final Clock clock;

	OrderService(OrderRepository orders, CatalogService catalog, IdempotencyStore idempotency, JsonMapper json,
			OrderSettings settings, Clock clock) {
		this.orders = orders;
		this.catalog = catalog;
		this.idempotency = idempotency;
		this.json = json;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Places an order. With an idempotency key, a repeated request returns the first
	 * response and creates nothing ({@link Created#replayed()}). Everything, the key's
	 * claim included, happens in one transaction: if the stock is short nothing is
	 * written and a retry runs afresh.
	 */
	@Transactional
	public Created create(Actor actor, CreateOrderRequest request, String idempotencyKey) {
		if (idempotencyKey == null) {
			return new Created(place(actor, request), false);
		}
		String requestHash = Sha256.hex(this.json.writeValueAsString(request));
		Optional<String> stored = this.idempotency.claimOrReplay(actor.userId(), idempotencyKey, requestHash);
		if (stored.isPresent()) {
			return new Created(this.json.readValue(stored.get(), OrderResponse.class), true);
		}
		OrderResponse order = place(actor, request);
		this.idempotency.complete(actor.userId(), idempotencyKey, 201, this.json.writeValueAsString(order));
		return new Created(order, false);
	}

	public Page<OrderResponse> list(Actor actor, Long userId, OrderStatus status, Pageable pageable) {
		Long owner = userId;
		if (!actor.can(Permission.ORDER_MANAGE)) {
			if (userId != null && !actor.isSelf(userId)) {
				throw new OtherUsersOrdersForbidden();
			}
			owner = actor.userId();
		}
		Page<Order> page;
		if (owner == null) {
			page = (status == null) ? this.orders.findAll(pageable) : this.orders.findByStatus(status, pageable);
		}
		else {
			page = (status == null) ? this.orders.findByUserId(owner, pageable)
					: this.orders.findByUserIdAndStatus(owner, status, pageable);
		}
		return page.map(OrderResponse::of);
	}

	public OrderResponse get(Actor actor, long id) {
		return OrderResponse.of(loadVisible(actor, id));
	}

	/**
	 * Owners may cancel while PENDING, {@code order:manage} while PENDING or PAID; the
	 * stock goes back. Changes nothing unless the order is still at
	 * {@code expectedVersion} (null: unconditional).
	 */
	@Transactional
	public OrderResponse cancel(Actor actor, long id, Long expectedVersion) {
		Order order = this.orders.lockById(id).filter(visibleTo(actor)).orElseThrow(() -> new NotFound("Order", id));
		requireVersion(order, expectedVersion);
		boolean byOwner = !actor.can(Permission.ORDER_MANAGE);
		if (byOwner && order.getStatus() != OrderStatus.PENDING) {
			throw new OrderNotCancellable(order.getStatus(), true);
		}
		if (!order.moveTo(OrderStatus.CANCELLED)) {
			throw new OrderNotCancellable(order.getStatus(), false);
		}
		releaseStock(order);
		return OrderResponse.of(this.orders.saveAndFlush(order));
	}

	/**
	 * Changes nothing unless the order is still at {@code expectedVersion} (null: any).
	 */
	@Transactional
	public OrderResponse changeStatus(long id, OrderStatus next, Long expectedVersion) {
		Order order = this.orders.lockById(id).orElseThrow(() -> new NotFound("Order", id));
		requireVersion(order, expectedVersion);
		OrderStatus previous = order.getStatus();
		if (!order.moveTo(next)) {
			throw new IllegalStatusTransition(previous, next);
		}
		if (next == OrderStatus.CANCELLED) {
			releaseStock(order);
		}
		return OrderResponse.of(this.orders.saveAndFlush(order));
	}

	/**
	 * Cancels PENDING orders older than {@code app.orders.pending-expiry} and returns
	 * their stock, a batch at a time (the scheduler calls again until none is left).
	 * @return how many were cancelled
	 */
	@Transactional
	public int expirePending(int batchSize) {
		Instant cutoff = this.clock.instant().minus(this.settings.pendingExpiry());
		List<Order> expired = this.orders.lockCreatedBefore(OrderStatus.PENDING, cutoff, Limit.of(batchSize));
		for (Order order : expired) {
			order.moveTo(OrderStatus.CANCELLED);
			releaseStock(order);
		}
		return expired.size();
	}

	private OrderResponse place(Actor actor, CreateOrderRequest request) {
		int maxPending = this.settings.maxPendingPerUser();
		// One placement per user at a time: orders arriving together would otherwise
		// all count the same pending orders and pass the cap together.
		this.orders.lockPlacements(Long.hashCode(actor.userId()));
		if (this.orders.countByUserIdAndStatus(actor.userId(), OrderStatus.PENDING) >= maxPending) {
			throw new TooManyPendingOrders(maxPending);
		}
		// Line order is kept; product ids are distinct (validated on the request).
		Map<Long, Integer> quantities = new LinkedHashMap<>();
		request.items().forEach((line) -> quantities.put(line.productId(), line.quantity()));
		Order order = new Order(actor.userId(), this.catalog.reserve(quantities));
		return OrderResponse.of(this.orders.saveAndFlush(order));
	}

	private void releaseStock(Order order) {
		Map<Long, Integer> quantities = new LinkedHashMap<>();
		order.getItems()
			.stream()
			.filter(item -> item.getProductId() != null)
			.forEach(item -> quantities.put(item.getProductId(), item.getQuantity()));
		this.catalog.release(quantities);
	}

	private static void requireVersion(Order order, Long expectedVersion) {
		if (expectedVersion != null && expectedVersion != order.getVersion()) {
			throw new StaleVersion("order");
		}
	}

	private Order loadVisible(Actor actor, long id) {
		return this.orders.findById(id).filter(visibleTo(actor)).orElseThrow(() -> new NotFound("Order", id));
	}

	private static Predicate<Order> visibleTo(Actor actor) {
		return (order) -> order.isOwnedBy(actor.userId()) || actor.can(Permission.ORDER_MANAGE);
	}

	/**
	 * A created order, and whether it is the replay of an earlier request with the same
	 * idempotency key.
	 */
	public record Created(OrderResponse order, boolean replayed) {
	}

}
