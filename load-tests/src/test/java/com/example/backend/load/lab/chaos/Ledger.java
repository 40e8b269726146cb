package com.example.backend.load.lab.chaos;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The end-of-run check of issue 19: what the clients saw against what PostgreSQL holds.
 * Orders are tied to the client's {@code Idempotency-Key} through the idempotency
 * records, whose stored response carries the order id.
 */
final class Ledger {

	/** Answers of the load's first seconds are not held to the latency bound. */
	static final Duration WARM_UP = Duration.ofSeconds(30);

	private final List<Answer> answers;

	private final Map<Long, Integer> initialStock;

	private final List<FaultWindow> windows;

	private final Duration grace;

	private final Duration latencyBound;

	private final long warmUpEndMillis;

	private final List<MetricsSampler.Sample> samples;

	private final List<UnknownOrder> unknownOrders = new ArrayList<>();

	Ledger(List<Answer> answers, Map<Long, Integer> initialStock, List<FaultWindow> windows, Duration grace,
			Duration latencyBound, long warmUpEndMillis, List<MetricsSampler.Sample> samples) {
		this.warmUpEndMillis = warmUpEndMillis;
		this.answers = answers;
		this.initialStock = initialStock;
		this.windows = windows;
		this.grace = grace;
		this.latencyBound = latencyBound;
		this.samples = samples;
	}

	/** Careful clients that stopped retrying without a definite answer. */
	long gaveUp() {
		return this.answers.stream().filter(Answer::gaveUp).count();
	}

	long graceSeconds() {
		return this.grace.toSeconds();
	}

	/** Orders in the database whose creation no client learnt of. */
	List<UnknownOrder> unknownOrders() {
		return List.copyOf(this.unknownOrders);
	}

	List<Check> check(Connection connection) throws SQLException {
		Map<Long, DbOrder> orders = orders(connection);
		Map<String, KeyRecord> records = idempotencyRecords(connection);
		List<Check> checks = new ArrayList<>();
		checks.add(createdExactlyOnce(orders, records));
		checks.add(noUnknownOrders(orders, records));
		checks.add(stockConserved(connection));
		checks.add(linesAndTotals(orders, records));
		checks.add(replaysReturnedTheOriginal(records));
		checks.add(cancelsApplied(orders));
		checks.add(no500());
		checks.add(honest503());
		checks.add(proxyErrorsInsideFaults());
		checks.add(latencyOutsideFaults());
		checks.add(heapFlat());
		return checks;
	}

	private Check createdExactlyOnce(Map<Long, DbOrder> orders, Map<String, KeyRecord> records) {
		List<String> findings = new ArrayList<>();
		Map<String, List<Answer>> created = orderAnswers().stream()
			.filter(answer -> answer.status() == 201)
			.collect(Collectors.groupingBy(Answer::key, LinkedHashMap::new, Collectors.toList()));
		Map<Long, List<String>> keysByOrder = new HashMap<>();
		created.forEach((key, seen) -> {
			Set<String> ids = seen.stream().map(Answer::orderId).collect(Collectors.toSet());
			if (ids.size() != 1) {
				findings.add("key " + key + ": the client was told of orders " + ids);
			}
			long id = Long.parseLong(seen.get(0).orderId());
			keysByOrder.computeIfAbsent(id, unused -> new ArrayList<>()).add(key);
			if (!orders.containsKey(id)) {
				findings.add("key " + key + ": order " + id + " was answered 201 but does not exist (lost)");
			}
			KeyRecord record = records.get(key);
			if (record == null || record.orderId() == null || record.orderId() != id) {
				findings.add("key " + key + ": order " + id + " is not the order its idempotency record holds ("
						+ record + ")");
			}
		});
		keysByOrder.forEach((id, keys) -> {
			if (keys.size() > 1) {
				findings.add("order " + id + " was answered for " + keys.size() + " keys " + keys);
			}
		});
		return Check.of("Every order a client saw created exists exactly once", findings.isEmpty(),
				created.size() + " keys answered 201, " + keysByOrder.size() + " distinct orders, " + orders.size()
						+ " orders in the database",
				findings);
	}

	private Check noUnknownOrders(Map<Long, DbOrder> orders, Map<String, KeyRecord> records) {
		Set<String> createdKeys = orderAnswers().stream()
			.filter(answer -> answer.status() == 201)
			.map(Answer::key)
			.collect(Collectors.toSet());
		Map<String, List<Answer>> byKey = orderAnswers().stream()
			.collect(Collectors.groupingBy(Answer::key, TreeMap::new, Collectors.toList()));
		Map<Long, String> keyOfOrder = new HashMap<>();
		records.forEach((key, record) -> {
			if (record.orderId() != null) {
				keyOfOrder.put(record.orderId(), key);
			}
		});
		List<String> findings = new ArrayList<>();
		for (DbOrder order : orders.values()) {
			String key = keyOfOrder.get(order.id());
			if (key == null) {
				findings.add("order " + order.id() + " (user " + order.userId() + ", " + order.status()
						+ ") has no idempotency record: created outside the clients' keys, or a duplicate");
				continue;
			}
			if (createdKeys.contains(key)) {
				continue;
			}
			List<Answer> seen = byKey.getOrDefault(key, List.of());
			Optional<FaultWindow> fault = windowAt(order.createdMillis());
			String lastAnswer = seen.isEmpty() ? "none recorded"
					: seen.stream().map(Answer::statusLabel).collect(Collectors.joining(", "));
			this.unknownOrders.add(new UnknownOrder(order.id(), key, order.createdMillis(), lastAnswer,
					fault.map(FaultWindow::name).orElse("none")));
			if (fault.isEmpty()) {
				findings.add("order " + order.id() + " (key " + key
						+ ") created outside any fault window; the client saw: " + lastAnswer);
			}
		}
		return Check.of("No order unknown to its client, except answers lost in a fault", findings.isEmpty(),
				this.unknownOrders.size() + " orders whose answer never reached the client, all listed below with"
						+ " the fault that was running",
				findings);
	}

	private Check stockConserved(Connection connection) throws SQLException {
		List<String> findings = new ArrayList<>();
		String ids = this.initialStock.keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
		int checked = 0;
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
				select p.id, p.stock,
				       coalesce(sum(i.quantity) filter (where o.status <> 'CANCELLED'), 0),
				       coalesce(sum(i.quantity) filter (where o.status = 'CANCELLED'), 0)
				from products p
				left join order_items i on i.product_id = p.id
				left join orders o on o.id = i.order_id
				where p.id in (%s)
				group by p.id, p.stock order by p.id""".formatted(ids))) {
			while (rows.next()) {
				checked++;
				long id = rows.getLong(1);
				long stock = rows.getLong(2);
				long live = rows.getLong(3);
				int initial = this.initialStock.get(id);
				if (initial != stock + live) {
					findings.add("product " + id + ": initial " + initial + " != stock " + stock + " + " + live
							+ " units in live orders (" + rows.getLong(4) + " units cancelled)");
				}
			}
		}
		if (checked != this.initialStock.size()) {
			findings.add(checked + " of " + this.initialStock.size() + " products found");
		}
		return Check.of("Stock conserved: initial = current + units in live orders, every product", findings.isEmpty(),
				checked + " products", findings);
	}

	private Check linesAndTotals(Map<Long, DbOrder> orders, Map<String, KeyRecord> records) {
		List<String> findings = new ArrayList<>();
		for (DbOrder order : orders.values()) {
			if (order.lines() == 0) {
				findings.add("order " + order.id() + " has no lines");
			}
			else if (order.total().compareTo(order.linesTotal()) != 0) {
				findings.add("order " + order.id() + " total " + order.total() + " != its lines " + order.linesTotal());
			}
		}
		records.forEach((key, record) -> {
			if (record.orderId() == null) {
				findings.add("key " + key + " claimed but never completed (status " + record.status() + ")");
			}
			else if (!orders.containsKey(record.orderId())) {
				findings.add("key " + key + " remembers order " + record.orderId() + ", which does not exist");
			}
		});
		return Check.of("No half-written order: every order has lines, its total is their sum; no dangling key",
				findings.isEmpty(), orders.size() + " orders, " + records.size() + " idempotency records", findings);
	}

	private Check replaysReturnedTheOriginal(Map<String, KeyRecord> records) {
		List<String> findings = new ArrayList<>();
		List<Answer> replays = orderAnswers().stream()
			.filter(answer -> answer.status() == 201 && "true".equals(answer.replayed()))
			.toList();
		for (Answer replay : replays) {
			KeyRecord record = records.get(replay.key());
			if (record == null || record.orderId() == null || record.orderId() != Long.parseLong(replay.orderId())) {
				findings
					.add("key " + replay.key() + " replayed order " + replay.orderId() + ", the original is " + record);
			}
		}
		long firstAnswersReplayed = orderAnswers().stream()
			.filter(answer -> answer.status() == 201 && answer.attempt() == 1 && "true".equals(answer.replayed()))
			.count();
		if (firstAnswersReplayed > 0) {
			findings.add(firstAnswersReplayed + " first attempts were answered as replays");
		}
		return Check.of("Idempotent replays returned the original order", findings.isEmpty(),
				replays.size() + " replays (Idempotent-Replayed: true) after a lost or failed answer", findings);
	}

	private Check cancelsApplied(Map<Long, DbOrder> orders) {
		List<String> findings = new ArrayList<>();
		List<Answer> cancelled = this.answers.stream()
			.filter(answer -> answer.op().equals("cancel") && answer.status() == 200)
			.toList();
		for (Answer answer : cancelled) {
			DbOrder order = orders.get(Long.parseLong(answer.orderId()));
			if (order == null || !order.status().equals("CANCELLED")) {
				findings.add("order " + answer.orderId() + " answered cancelled but is " + order);
			}
		}
		// A 409 to a retried cancel: the first attempt, whose answer was lost, may have
		// cancelled the order meanwhile. Counted, and whether the order did end
		// cancelled.
		List<Answer> conflicts = this.answers.stream()
			.filter(answer -> answer.op().equals("cancel") && answer.status() == 409)
			.toList();
		long conflictsCancelled = conflicts.stream()
			.map(answer -> orders.get(Long.parseLong(answer.orderId())))
			.filter(order -> order != null && order.status().equals("CANCELLED"))
			.count();
		return Check.of("Every cancel answered 200 is cancelled in the database", findings.isEmpty(),
				cancelled.size() + " cancels answered 200; " + conflicts.size() + " answered 409 "
						+ countBy(conflicts, Answer::problem) + ", of whose orders " + conflictsCancelled
						+ " are cancelled (by an earlier attempt whose answer was lost)",
				findings);
	}

	private Check no500() {
		List<String> findings = this.answers.stream()
			.filter(answer -> answer.status() == 500)
			.map(this::describe)
			.toList();
		return Check.of("No 500 at any time", findings.isEmpty(), findings.size() + " answers 500", findings);
	}

	private Check honest503() {
		List<Answer> unavailable = this.answers.stream().filter(answer -> answer.status() == 503).toList();
		List<String> findings = new ArrayList<>();
		for (Answer answer : unavailable) {
			if (answer.retryAfter().isBlank()) {
				findings.add("503 without Retry-After: " + describe(answer));
			}
			else if (windowOf(answer).isEmpty()) {
				findings.add("503 outside every fault window: " + describe(answer));
			}
		}
		return Check.of("503 only with Retry-After and only inside fault windows", findings.isEmpty(),
				unavailable.size() + " answers 503 (windows include " + this.grace.toSeconds() + " s of grace)",
				findings);
	}

	private Check latencyOutsideFaults() {
		List<Answer> outside = this.answers.stream()
			.filter(answer -> !answer.gaveUp() && windowOf(answer).isEmpty()
					&& answer.sentMillis() >= this.warmUpEndMillis)
			.toList();
		List<String> findings = outside.stream()
			.filter(answer -> answer.latencyMillis() > this.latencyBound.toMillis() || answer.status() == 0)
			.map(this::describe)
			.toList();
		long max = outside.stream().mapToLong(Answer::latencyMillis).max().orElse(0);
		return Check.of(
				"Outside fault windows every request was answered within " + this.latencyBound.toMillis()
						+ " ms (after the first " + WARM_UP.toSeconds() + " s: cold JIT)",
				findings.isEmpty(), outside.size() + " answers outside fault windows, slowest " + max + " ms",
				findings);
	}

	private Check proxyErrorsInsideFaults() {
		List<Answer> proxy = this.answers.stream()
			.filter(answer -> answer.status() == 502 || answer.status() == 504)
			.toList();
		List<String> findings = proxy.stream()
			.filter(answer -> windowOf(answer).isEmpty())
			.map(this::describe)
			.toList();
		long withoutRetryAfter = proxy.stream().filter(answer -> answer.retryAfter().isBlank()).count();
		return Check.of("Proxy errors (502/504 from nginx) only inside fault windows", findings.isEmpty(),
				proxy.size() + " answers 502/504, " + withoutRetryAfter + " of them without Retry-After", findings);
	}

	private Check heapFlat() {
		List<String> findings = new ArrayList<>();
		List<String> details = new ArrayList<>();
		Map<String, List<MetricsSampler.Sample>> byIncarnation = this.samples.stream()
			.filter(MetricsSampler.Sample::afterGc)
			.collect(Collectors.groupingBy(sample -> sample.instance() + " pid " + sample.pid(), TreeMap::new,
					Collectors.toList()));
		byIncarnation.forEach((incarnation, series) -> {
			if (series.size() < 3) {
				details.add(incarnation + ": " + series.size() + " samples after GC (too few to judge)");
				return;
			}
			double first = Math.min(series.get(0).heapBytes(), series.get(1).heapBytes()) / 1e6;
			double last = Math.max(series.get(series.size() - 1).heapBytes(), series.get(series.size() - 2).heapBytes())
					/ 1e6;
			details.add(String.format("%s: %.0f -> %.0f MB over %d samples", incarnation, first, last, series.size()));
			if (last > first * 1.25 + 24) {
				findings.add(String.format("%s grew from %.0f to %.0f MB after GC", incarnation, first, last));
			}
		});
		return Check.of("Heap after GC flat (last two samples <= first two x 1.25 + 24 MB, per JVM)",
				findings.isEmpty(), String.join("; ", details), findings);
	}

	private List<Answer> orderAnswers() {
		return this.answers.stream().filter(answer -> answer.op().equals("order")).toList();
	}

	/**
	 * The fault window an answer belongs to: of the windows (with grace) it overlaps, the
	 * one that began last, so that the grace of one fault never takes the next fault's
	 * answers.
	 */
	Optional<FaultWindow> windowOf(Answer answer) {
		return this.windows.stream()
			.filter(window -> window.overlaps(answer.sentMillis(), answer.latencyMillis(), this.grace.toMillis()))
			.reduce((earlier, later) -> later);
	}

	private Optional<FaultWindow> windowAt(long millis) {
		return this.windows.stream()
			.filter(window -> window.contains(millis, this.grace.toMillis()))
			.reduce((earlier, later) -> later);
	}

	private String describe(Answer answer) {
		return answer.op() + " " + answer.statusAndProblem() + " at " + answer.sentMillis() + " (+"
				+ answer.latencyMillis() + " ms, user " + answer.user()
				+ (answer.key().isEmpty() ? "" : ", key " + answer.key()) + ")";
	}

	private static Map<Long, DbOrder> orders(Connection connection) throws SQLException {
		Map<Long, DbOrder> orders = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
				select o.id, o.user_id, o.status, o.total, (extract(epoch from o.created_at) * 1000)::bigint,
				       count(i.id), coalesce(sum(i.line_total), 0)
				from orders o left join order_items i on i.order_id = o.id
				group by o.id order by o.id""")) {
			while (rows.next()) {
				orders.put(rows.getLong(1), new DbOrder(rows.getLong(1), rows.getLong(2), rows.getString(3),
						rows.getBigDecimal(4), rows.getLong(5), rows.getInt(6), rows.getBigDecimal(7)));
			}
		}
		return orders;
	}

	private static Map<String, KeyRecord> idempotencyRecords(Connection connection) throws SQLException {
		Map<String, KeyRecord> records = new HashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("select idempotency_key, user_id, response_status, (response_body ->> 'id')::bigint"
							+ " from idempotency_records")) {
			while (rows.next()) {
				long orderId = rows.getLong(4);
				Long order = rows.wasNull() ? null : orderId;
				records.put(rows.getString(1), new KeyRecord(rows.getLong(2), (Integer) rows.getObject(3), order));
			}
		}
		return records;
	}

	static <T> Map<String, Long> countBy(List<T> items, Function<T, String> key) {
		return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
	}

	record DbOrder(long id, long userId, String status, BigDecimal total, long createdMillis, int lines,
			BigDecimal linesTotal) {
	}

	record KeyRecord(long userId, Integer status, Long orderId) {
	}

	/**
	 * An order created whose answer never reached its client, with the fault running
	 * then.
	 */
	record UnknownOrder(long orderId, String key, long createdMillis, String answersSeen, String fault) {
	}

}
