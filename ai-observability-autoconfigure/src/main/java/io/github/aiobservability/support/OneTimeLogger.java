package io.github.aiobservability.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Logs a warning once per key. Instrumentation runs on every call: a problem it meets
 * once it meets a million times, and the log must not drown the application's own.
 */
public final class OneTimeLogger {

	private final Log log;

	/** Distinct warnings kept, so a flood of distinct keys cannot grow memory. */
	private static final int MAX_KEYS = 256;

	private final Set<String> logged = ConcurrentHashMap.newKeySet();

	public OneTimeLogger(Class<?> owner) {
		this.log = LogFactory.getLog(owner);
	}

	/**
	 * Logs a message built only if it is logged, for callers on a hot path.
	 * @param key what makes this warning distinct
	 * @param message builds the text
	 * @return whether it was logged now
	 */
	public boolean warn(String key, Supplier<String> message) {
		if (this.logged.size() >= MAX_KEYS || this.logged.contains(key)) {
			return false;
		}
		return warn(key, message.get(), null);
	}

	/**
	 * Logs the message at warning level unless a message with this key was logged before.
	 * @param key what makes this warning distinct
	 * @param message the text
	 * @param error the failure, or {@code null}
	 * @return whether it was logged now
	 */
	public boolean warn(String key, String message, @Nullable Throwable error) {
		if (this.logged.size() >= MAX_KEYS || !this.logged.add(key)) {
			return false;
		}
		if (this.logged.size() == MAX_KEYS) {
			this.log.warn(message + " (this is the last distinct warning of its kind that is logged)", error);
			return true;
		}
		if (error != null) {
			this.log.warn(message + " (further occurrences are not logged)", error);
		}
		else {
			this.log.warn(message);
		}
		return true;
	}

}
