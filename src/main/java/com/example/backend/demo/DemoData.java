package com.example.backend.demo;

import java.math.BigDecimal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import com.example.backend.access.Actor;
import com.example.backend.access.Role;
import com.example.backend.catalog.CatalogService;
import com.example.backend.catalog.ProductRequest;
import com.example.backend.posts.PostRequest;
import com.example.backend.posts.PostService;
import com.example.backend.posts.PostStatus;
import com.example.backend.users.NewUser;
import com.example.backend.users.UserService;

/**
 * Something to look at on a first start: a few users of each role, products and posts.
 * Its users have published passwords (a MODERATOR among them), so it is created only when
 * {@code app.demo-data.enabled=true}: set by the embedded development database, never by
 * default on any other database, whatever the profiles. Created once: if the first demo
 * user exists, nothing is added. The logins are listed in the README.
 */
@Component
@ConditionalOnBooleanProperty("app.demo-data.enabled")
class DemoData implements ApplicationRunner {

	static final String PASSWORD = "demo-password";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final UserService users;

	private final CatalogService catalog;

	private final PostService posts;

	DemoData(UserService users, CatalogService catalog, PostService posts) {
		this.users = users;
		this.catalog = catalog;
		this.posts = posts;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.users.createIfAbsent(new NewUser("alice@example.com", PASSWORD, "Alice"), Role.USER).isPresent()) {
			return; // created on an earlier start
		}
		this.users.createIfAbsent(new NewUser("bob@example.com", PASSWORD, "Bob"), Role.USER);
		this.users.createIfAbsent(new NewUser("mia@example.com", PASSWORD, "Mia the Moderator"), Role.MODERATOR);
		product("BOOK-001", "Refactoring, 2nd edition", "47.99", 25);
		product("BOOK-002", "Designing Data-Intensive Applications", "52.50", 10);
		product("MUG-001", "Mug: It works on my machine", "12.00", 100);
		product("SHIRT-001", "T-shirt: 200 OK", "19.99", 3);
		Actor alice = actor("alice@example.com");
		Actor bob = actor("bob@example.com");
		post(alice, "Hello, world", "The first post of the demo data.", PostStatus.PUBLISHED);
		post(alice, "Why N+1 queries hurt", "One query for the page, one for each row: it adds up.",
				PostStatus.PUBLISHED);
		post(alice, "Unfinished thoughts", "Only Alice, moderators and admins can read this draft.", PostStatus.DRAFT);
		post(bob, "Bob's first post", "Optimistic locking saved my edit today.", PostStatus.PUBLISHED);
		log.info("Demo data created: alice@example.com, bob@example.com (USER), mia@example.com (MODERATOR), "
				+ "password '{}'", PASSWORD);
	}

	private void product(String sku, String name, String price, int stock) {
		this.catalog.create(new ProductRequest(sku, name, new BigDecimal(price), stock, null));
	}

	private void post(Actor author, String title, String body, PostStatus status) {
		this.posts.create(author, new PostRequest(title, body, status, null));
	}

	private Actor actor(String email) {
		return this.users.findCredentials(email)
			.map(user -> new Actor(user.id(), user.role()))
			.orElseThrow(() -> new IllegalStateException("demo user missing: " + email));
	}

}
