package io.github.aiobservability.cost;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Where a price list is read from: {@code classpath:}, {@code file:}, {@code http:} or
 * {@code https:}.
 *
 * @param value the location as configured
 */
public record PriceListLocation(String value) {

	/** How often a list on the network is read again unless configured. */
	public static final Duration DEFAULT_REMOTE_REFRESH = Duration.ofHours(6);

	/**
	 * Checks a configured location.
	 * @param value the location
	 * @return it
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static PriceListLocation of(String value) {
		String lower = value.toLowerCase(Locale.ROOT);
		if (lower.startsWith("http:") || lower.startsWith("https:")) {
			URI uri;
			try {
				uri = URI.create(value);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("not a URL: " + ex.getMessage());
			}
			if (uri.getHost() == null) {
				throw new IllegalArgumentException("a URL with a host");
			}
		}
		else if (!lower.startsWith("classpath:") && !lower.startsWith("file:")) {
			throw new IllegalArgumentException("a location starting with classpath:, file:, http: or https:");
		}
		return new PriceListLocation(value);
	}

	/**
	 * Whether the list is read over the network.
	 * @return {@code true} for http and https
	 */
	public boolean remote() {
		String lower = this.value.toLowerCase(Locale.ROOT);
		return lower.startsWith("http:") || lower.startsWith("https:");
	}

	/**
	 * How often to read the list again.
	 * @param configured the configured interval, {@code null} when unset
	 * @return the interval, {@code null} to read it once: lists on the network are read
	 * every {@link #DEFAULT_REMOTE_REFRESH} unless configured, files and classpath
	 * resources only when configured
	 */
	public @Nullable Duration refreshInterval(@Nullable Duration configured) {
		return (configured != null) ? configured : remote() ? DEFAULT_REMOTE_REFRESH : null;
	}

	/**
	 * The location without what may be a secret: a URL's user information, query and
	 * fragment. Used as the {@code source} label and in logs.
	 * @return the location to show
	 */
	public String display() {
		if (!remote()) {
			return this.value;
		}
		URI uri = URI.create(this.value);
		String port = (uri.getPort() != -1) ? ":" + uri.getPort() : "";
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		return uri.getScheme() + "://" + uri.getHost() + port + path;
	}

}
