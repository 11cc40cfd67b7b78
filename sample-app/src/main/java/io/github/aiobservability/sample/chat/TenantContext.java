package io.github.aiobservability.sample.chat;

import java.util.Map;
import java.util.function.Supplier;

import io.github.aiobservability.model.RequestTagContributor;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.model.ModelRequest;
import org.springframework.stereotype.Component;

/**
 * The tenant of the work on this thread, the way an application keeps it in its security
 * context, offered to the starter as the {@code tenant} request tag. It tags the calls
 * that no ChatClient advisor param reaches, such as the embedding a retrieval makes
 * before the chat call.
 */
@Component
public class TenantContext implements RequestTagContributor {

	private static final ThreadLocal<@Nullable String> current = new ThreadLocal<>();

	/**
	 * Runs work on behalf of a tenant.
	 * @param tenant the tenant, or {@code null}
	 * @param work the work
	 * @param <T> its result
	 * @return the work's result
	 */
	static <T> T callAs(@Nullable String tenant, Supplier<T> work) {
		String previous = current.get();
		current.set(tenant);
		try {
			return work.get();
		}
		finally {
			current.set(previous);
		}
	}

	@Override
	public Map<String, String> contribute(ModelRequest<?> request) {
		String tenant = current.get();
		return (tenant != null) ? Map.of("tenant", tenant) : Map.of();
	}

}
