package com.example.backend.queries;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.backend.support.IntegrationTest;
import com.example.backend.support.QueryPlans;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every filter and sort the API offers has an index. The statements are the shapes
 * Hibernate sends for the list endpoints. The tables first get enough rows (and fresh
 * statistics) for the planner to choose as it would in production; sequential scans are
 * also switched off, so that the check asks which index serves the query rather than
 * whether a scan of a small table happens to be cheaper.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryPlansIT extends IntegrationTest {

	private static final long FIRST_ID = 9_000_000;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeAll
	void fillTablesLikeProduction() {
		this.jdbc.update("""
				insert into users (id, email, password_hash, display_name, role, created_at, updated_at)
				select ? + i, 'plan-' || i || '@test.local', '{noop}unused', 'Plan ' || i, 'USER',
				       now() - i * interval '1 minute', now()
				from generate_series(0, 199) i
				""", FIRST_ID);
		this.jdbc.update("""
				insert into posts (id, author_id, title, body, status, created_at, updated_at)
				select ? + i, ? + i % 200, 'Post ' || i, 'Body', case when i % 10 = 0 then 'DRAFT' else 'PUBLISHED' end,
				       now() - i * interval '1 minute', now()
				from generate_series(0, 19999) i
				""", FIRST_ID, FIRST_ID);
		this.jdbc.update("""
				insert into orders (id, user_id, status, total, created_at, updated_at)
				select ? + i, ? + i % 200, (array['PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'])[1 + i % 5],
				       10.00, now() - i * interval '1 minute', now()
				from generate_series(0, 19999) i
				""", FIRST_ID, FIRST_ID);
		this.jdbc.update("""
				insert into products (id, sku, name, price, stock, created_at, updated_at)
				select ? + i, 'PLAN-' || i, 'Product ' || i, 1 + i % 100, 10, now() - i * interval '1 minute', now()
				from generate_series(0, 4999) i
				""", FIRST_ID);
		this.jdbc.execute("analyze");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					GET /posts                    | select * from posts where status = 'PUBLISHED' order by created_at desc, id desc limit 20 | posts_published_created_idx
					GET /posts?authorId=          | select * from posts where author_id = 9000007 and status = 'PUBLISHED' order by created_at desc, id desc limit 20 | posts_author_status_created_idx
					GET /users/{id}/posts (own)   | select * from posts where author_id = 9000007 order by created_at desc, id desc limit 20 | posts_author_status_created_idx
					GET /orders (own)             | select * from orders where user_id = 9000007 order by created_at desc, id desc limit 20 | orders_user_created_idx
					GET /orders?status= (own)     | select * from orders where user_id = 9000007 and status = 'PAID' order by created_at desc, id desc limit 20 | orders_user_status_created_idx
					GET /orders (admin)           | select * from orders order by created_at desc, id desc limit 20 | orders_created_idx
					GET /orders?status= (admin)   | select * from orders where status = 'PAID' order by created_at desc, id desc limit 20 | orders_status_created_idx
					order lines of a page         | select * from order_items where order_id = any(array[1, 2, 3]) | order_items_order_idx
					GET /products                 | select * from products order by name, id limit 20 | products_name_idx
					GET /products?sort=price      | select * from products order by price desc, id desc limit 20 | products_price_idx
					GET /products?sort=createdAt  | select * from products order by created_at, id limit 20 | products_created_at_idx
					GET /users                    | select * from users order by created_at, id limit 20 | users_created_at_idx
					login by email                | select * from users where email = 'a@b.c'                | users_email_uq
					refresh token lookup          | select * from refresh_tokens where token_hash = 'x' | refresh_tokens_token_hash_key
					""")
	void queryUsesItsIndex(String endpoint, String sql, String index) {
		assertThat(QueryPlans.explain(this.jdbc, sql)).as(endpoint).contains(index).doesNotContain("Seq Scan");
	}

}
