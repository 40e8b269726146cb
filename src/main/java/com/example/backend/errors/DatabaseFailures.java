package com.example.backend.errors;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.hibernate.exception.JDBCConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that is unreachable (down, restarting, network cut, pool exhausted)
 * from a request that failed on its own merits. The first is no client's fault and
 * passes: 503 with {@code Retry-After}. The failure can surface anywhere (acquiring a
 * connection, in the middle of a query, at commit) and wrapped in several layers (Spring,
 * Hibernate, JDBC), so the whole cause chain is searched.
 */
final class DatabaseFailures {

	private DatabaseFailures() {
	}

	static boolean isUnavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessResourceException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
					|| cause instanceof ConnectException || cause instanceof JDBCConnectionException) {
				return true;
			}
			// A connection lost mid-transaction: the pool closes it, and the rollback
			// that follows fails and replaces the original error.
			if (cause instanceof org.hibernate.TransactionException) {
				return true;
			}
			// SQL state class 08: connection exception; 57P01-57P03: the server is
			// shutting down, crashed or not yet accepting connections.
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				return true;
			}
		}
		return false;
	}

}
