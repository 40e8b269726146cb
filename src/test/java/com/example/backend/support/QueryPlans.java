package com.example.backend.support;

import java.sql.ResultSet;
import java.sql.Statement;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code EXPLAIN} with sequential scans switched off, on one connection: the question is
 * which index would serve a query, not whether scanning a small test table happens to be
 * cheaper.
 */
public final class QueryPlans {

	private QueryPlans() {
	}

	public static String explain(JdbcTemplate jdbc, String sql) {
		return jdbc.execute((ConnectionCallback<String>) (connection) -> {
			try (Statement statement = connection.createStatement()) {
				statement.execute("set enable_seqscan = off");
				StringBuilder lines = new StringBuilder();
				try (ResultSet rows = statement.executeQuery("explain " + sql)) {
					while (rows.next()) {
						lines.append(rows.getString(1)).append('\n');
					}
				}
				statement.execute("reset enable_seqscan");
				return lines.toString();
			}
		});
	}

}
