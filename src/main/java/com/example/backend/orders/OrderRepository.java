package com.example.backend.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.query.Param;

/**
 * Each finder has an index whose leading columns are its filters and whose tail is
 * created_at, id.
 */
interface OrderRepository extends JpaRepository<Order, Long> {

	Page<Order> findByUserId(long userId, Pageable pageable);

	Page<Order> findByUserIdAndStatus(long userId, OrderStatus status, Pageable pageable);

	Page<Order> findByStatus(OrderStatus status, Pageable pageable);

	long countByUserIdAndStatus(long userId, OrderStatus status);

	/**
	 * The class of the advisory locks below ("ORDP"), apart from other features' locks.
	 */
	int PLACEMENT_LOCKS = 0x4f524450;

	/**
	 * Serialises one user's order placements until the transaction ends, so that the
	 * count of their pending orders and the insert that follows it cannot interleave with
	 * another placement of theirs. A row lock cannot: the rows that matter are the ones
	 * being inserted. Two users whose ids share a hash merely wait for each other.
	 */
	@Query(value = "select 1 from pg_advisory_xact_lock(" + OrderRepository.PLACEMENT_LOCKS + ", :user)",
			nativeQuery = true)
	int lockPlacements(@Param("user") int userHash);

	/**
	 * Locked, so that concurrent changes of one order run one after the other and each
	 * sees the status the previous one left (a retried cancel learns that the order is
	 * cancelled, not that a version it never sent is stale).
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select o from CustomerOrder o where o.id = :id")
	Optional<Order> lockById(@Param("id") long id);

	/**
	 * The oldest orders of a status created before {@code cutoff}, locked; rows another
	 * instance has locked are skipped, so instances expiring at once share the work.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = "-2"))
	@Query("""
			select o from CustomerOrder o where o.status = :status and o.createdAt < :cutoff order by o.createdAt, o.id
			""")
	List<Order> lockCreatedBefore(@Param("status") OrderStatus status, @Param("cutoff") Instant cutoff, Limit limit);

}
