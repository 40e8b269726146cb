package com.example.backend.catalog;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ProductRepository extends JpaRepository<Product, Long> {

	boolean existsBySku(String sku);

	/**
	 * Takes {@code quantity} from stock if, and only if, that much is left: one atomic
	 * statement, so two concurrent orders can never both take the last item. Returns 0
	 * when the stock is short (or the product is gone). The row stays locked until the
	 * caller's transaction ends. The version moves on, so that an admin editing the
	 * product with an older version gets a conflict instead of overwriting the new stock.
	 * ({@code updated_at} records edits of the product, not stock movements.)
	 */
	@Modifying(flushAutomatically = true)
	@Query("""
			update Product p set p.stock = p.stock - :quantity, p.version = p.version + 1
			where p.id = :id and p.stock >= :quantity
			""")
	int takeStock(@Param("id") long id, @Param("quantity") int quantity);

	@Modifying(flushAutomatically = true)
	@Query("update Product p set p.stock = p.stock + :quantity, p.version = p.version + 1 where p.id = :id")
	int returnStock(@Param("id") long id, @Param("quantity") int quantity);

	@Query("select p from Product p where p.id in :ids")
	List<Product> findAllByIds(@Param("ids") Collection<Long> ids);

}
