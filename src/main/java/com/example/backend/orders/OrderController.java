package com.example.backend.orders;

import java.net.URI;
import java.util.Set;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.backend.contract.ApiHeaders;
import com.example.backend.contract.ProblemType;
import com.example.backend.access.Actor;
import com.example.backend.orders.OrderExceptions.InvalidIdempotencyKey;
import com.example.backend.orders.OrderRequests.ChangeStatusRequest;
import com.example.backend.orders.OrderRequests.CreateOrderRequest;
import com.example.backend.web.ETags;
import com.example.backend.web.Paging;
import com.example.backend.web.Responds;

import static com.example.backend.web.Responds.Header.ETAG;
import static com.example.backend.web.Responds.Header.IDEMPOTENT_REPLAYED;
import static com.example.backend.web.Responds.Header.LOCATION;

@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "Orders")
class OrderController {

	private static final Set<String> SORTABLE = Set.of("createdAt");

	private final OrderService orders;

	OrderController(OrderService orders) {
		this.orders = orders;
	}

	@Responds(status = 201, headers = { LOCATION, IDEMPOTENT_REPLAYED },
			problems = { ProblemType.INSUFFICIENT_STOCK, ProblemType.TOO_MANY_PENDING_ORDERS,
					ProblemType.UNKNOWN_PRODUCT, ProblemType.IDEMPOTENCY_KEY_REUSED })
	@PostMapping
	@PreAuthorize("hasAuthority('order:write-own')")
	@Operation(summary = "Place an order",
			description = "Reserves stock for all lines or none (409 `insufficient-stock`, nothing changed); prices "
					+ "are snapshotted and the total computed here. With `Idempotency-Key` (1-64 chars, remembered for app.orders.idempotency-key-ttl, 24 h by default), a "
					+ "retry with the same body returns the first response (same id, 201) and creates nothing, even "
					+ "when the requests race; the same key with another body is 422. Failed attempts are not "
					+ "remembered, so a retry after a 409 runs again. Each product may appear once (422). A user may "
					+ "have app.orders.max-pending-per-user unpaid orders (10 by default; 409 "
					+ "`too-many-pending-orders`); an order still unpaid after app.orders.pending-expiry (30 min) is "
					+ "cancelled and its stock returned.")
	ResponseEntity<OrderResponse> create(@AuthenticationPrincipal Actor actor,
			@Parameter(description = "1-64 characters chosen by the client",
					schema = @Schema(type = "string", minLength = 1, maxLength = 64)) @RequestHeader(
							name = ApiHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
			@Valid @RequestBody CreateOrderRequest request) {
		if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > 64)) {
			throw new InvalidIdempotencyKey();
		}
		OrderService.Created created = this.orders.create(actor, request, idempotencyKey);
		return ResponseEntity.created(URI.create("/api/v1/orders/" + created.order().id()))
			.header(IDEMPOTENT_REPLAYED, Boolean.toString(created.replayed()))
			.body(created.order());
	}

	@Responds(problems = ProblemType.FORBIDDEN)
	@GetMapping
	@Operation(summary = "List orders, newest first",
			description = "Own orders; ADMIN sees all and may filter by `userId`. Filter by `status`.")
	PagedModel<OrderResponse> list(@AuthenticationPrincipal Actor actor,
			@RequestParam(required = false) @Schema(minimum = "1") Long userId,
			@RequestParam(required = false) OrderStatus status,
			@PageableDefault(size = 20, sort = "createdAt", direction = Sort.Direction.DESC) Pageable pageable) {
		return new PagedModel<>(this.orders.list(actor, userId, status, Paging.sortedBy(pageable, SORTABLE)));
	}

	@Responds(headers = ETAG)
	@GetMapping("/{id}")
	@Operation(summary = "One order (owner, ADMIN)", description = "404 for anyone else's order.")
	ResponseEntity<OrderResponse> get(@AuthenticationPrincipal Actor actor, @PathVariable long id) {
		OrderResponse order = this.orders.get(actor, id);
		return ETags.ok(order, order.version());
	}

	@Responds(headers = ETAG, problems = { ProblemType.ORDER_NOT_CANCELLABLE, ProblemType.PRECONDITION_FAILED })
	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel an order",
			description = "Owner while PENDING, ADMIN while PENDING or PAID; the stock is returned. 409 otherwise. "
					+ "An optional `If-Match` (ETag from GET) makes it conditional (412 when stale).")
	ResponseEntity<OrderResponse> cancel(@AuthenticationPrincipal Actor actor, @PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		OrderResponse order = this.orders.cancel(actor, id, ETags.expectedVersion(ifMatch, null));
		return ETags.ok(order, order.version());
	}

	@Responds(headers = ETAG, problems = { ProblemType.ILLEGAL_STATUS_TRANSITION, ProblemType.PRECONDITION_FAILED })
	@PatchMapping("/{id}/status")
	@PreAuthorize("hasAuthority('order:manage')")
	@Operation(summary = "Move an order on (ADMIN)",
			description = "PENDING -> PAID -> SHIPPED -> DELIVERED, PENDING/PAID -> CANCELLED (stock returned); "
					+ "anything else is 409.")
	ResponseEntity<OrderResponse> changeStatus(@PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody ChangeStatusRequest request) {
		OrderResponse order = this.orders.changeStatus(id, request.status(), ETags.expectedVersion(ifMatch, null));
		return ETags.ok(order, order.version());
	}

}
