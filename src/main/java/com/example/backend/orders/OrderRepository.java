package com.example.backend.orders;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Each finder has an index whose leading columns are its filters and whose tail is
 * created_at, id.
 */
interface OrderRepository extends JpaRepository<Order, Long> {

	Page<Order> findByUserId(long userId, Pageable pageable);

	Page<Order> findByUserIdAndStatus(long userId, OrderStatus status, Pageable pageable);

	Page<Order> findByStatus(OrderStatus status, Pageable pageable);

}
