package com.example.backend.posts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The read of one post by id, the service's most frequent request, in plain JDBC: one
 * SELECT on a pooled connection in auto-commit, mapped by hand into the record. Through
 * JPA the same statement also cost an EntityManager (holding its pooled connection until
 * it closed), the query's creation and parameter binding, and the repository's
 * interceptors, for no entity and no persistence context. Measured side by side on a busy
 * machine, the JDBC read served 1.8 times the JPA read's requests per second relative to
 * ping (0.32 against 0.18; load-tests/lab/results/bench-vs-peer.md, 2026-12-05). No
 * transaction either: one SELECT is atomic on its own, and BEGIN and COMMIT would be two
 * more round trips. Writes and the other reads stay in {@link PostRepository}.
 */
@Component
class PostReads {

	private static final String WITH_AUTHOR = """
			select p.id, p.title, p.body, p.status, p.author_id, u.display_name, p.created_at, p.updated_at, p.version
			from posts p join users u on u.id = p.author_id
			where p.id = ?
			""";

	private final JdbcClient jdbc;

	PostReads(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<PostWithAuthor> findWithAuthor(long id) {
		return this.jdbc.sql(WITH_AUTHOR).param(id).query(PostReads::withAuthor).optional();
	}

	private static PostWithAuthor withAuthor(ResultSet row, int number) throws SQLException {
		return new PostWithAuthor(row.getLong(1), row.getString(2), row.getString(3),
				PostStatus.valueOf(row.getString(4)), row.getLong(5), row.getString(6),
				row.getObject(7, OffsetDateTime.class).toInstant(), row.getObject(8, OffsetDateTime.class).toInstant(),
				row.getLong(9));
	}

}
