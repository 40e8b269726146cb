package com.example.backend.orders;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.example.backend.orders.OrderExceptions.IdempotencyKeyReused;

/**
 * Remembers which {@code Idempotency-Key} produced which response. The claim is an
 * {@code INSERT ... ON CONFLICT DO NOTHING} on the unique (user, key) pair, inside the
 * caller's transaction: when two requests with the same key race, PostgreSQL makes the
 * second insert wait until the first transaction ends. If the first committed, the second
 * finds its stored response and replays it; if it rolled back (say, stock was short), the
 * second claims the key and runs. So exactly one order is created.
 * <p>
 * Plain SQL rather than JPA: the statement that matters is the conflict-ignoring insert.
 */
@Component
class IdempotencyStore {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);

	private final JdbcClient jdbc;

	private final OrderSettings settings;

	IdempotencyStore(JdbcClient jdbc, OrderSettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/**
	 * Claims the key for this request, or returns the response stored for it. Throws when
	 * the key was used with another request body.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<String> claimOrReplay(long userId, String key, String requestHash) {
		this.jdbc
			.sql("delete from idempotency_records where user_id = ? and idempotency_key = ? and expires_at < now()")
			.params(userId, key)
			.update();
		int claimed = this.jdbc.sql("""
				insert into idempotency_records (id, user_id, idempotency_key, request_hash, created_at, expires_at)
				values (nextval('idempotency_records_id_seq'), ?, ?, ?, now(), now() + make_interval(secs => ?))
				on conflict (user_id, idempotency_key) do nothing
				""").params(userId, key, requestHash, this.settings.idempotencyKeyTtl().toSeconds()).update();
		if (claimed == 1) {
			return Optional.empty();
		}
		StoredRecord stored = this.jdbc.sql(
				"select request_hash, response_body from idempotency_records where user_id = ? and idempotency_key = ?")
			.params(userId, key)
			.query((rows, n) -> new StoredRecord(rows.getString(1), rows.getString(2)))
			.single();
		if (!stored.requestHash().equals(requestHash)) {
			throw new IdempotencyKeyReused();
		}
		return Optional.of(stored.responseBody());
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void complete(long userId, String key, int status, String responseBody) {
		this.jdbc.sql("""
				update idempotency_records set response_status = ?, response_body = cast(? as jsonb)
				where user_id = ? and idempotency_key = ?
				""").params(status, responseBody, userId, key).update();
	}

	@Scheduled(fixedDelayString = "${app.orders.idempotency-cleanup-interval:PT1H}", initialDelayString = "PT2M")
	@Transactional
	public void deleteExpired() {
		int deleted = this.jdbc.sql("delete from idempotency_records where expires_at < now()").update();
		if (deleted > 0) {
			log.info("Deleted {} expired idempotency records", deleted);
		}
	}

	private record StoredRecord(String requestHash, String responseBody) {
	}

}
