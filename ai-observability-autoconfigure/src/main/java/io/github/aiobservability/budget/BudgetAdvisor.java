package io.github.aiobservability.budget;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.model.RequestTagResolver;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.core.Ordered;

/**
 * Holds ChatClient calls and streams to their budgets before anything else runs: a call
 * whose budget is spent is refused with {@link BudgetExceededException} (the provider
 * sees nothing), switched to the budget's fallback model, or let through, as each
 * budget's action says.
 * <p>
 * The budgets' scope values are the call's request tags, resolved as the metrics resolve
 * them: from the ChatClient request's context, then the {@code RequestTagContributor}s.
 */
public class BudgetAdvisor implements CallAdvisor, StreamAdvisor {

	/** First: a refused call should cost nothing, not even a retrieval. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	private final BudgetEnforcer enforcer;

	private final RequestTagResolver requestTags;

	public BudgetAdvisor(BudgetEnforcer enforcer, RequestTagResolver requestTags) {
		this.enforcer = enforcer;
		this.requestTags = requestTags;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		return chain.nextCall(apply(request));
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Flux.defer(() -> chain.nextStream(apply(request)));
	}

	private ChatClientRequest apply(ChatClientRequest request) {
		List<String> tagValues = this.requestTags.resolve(request.context(), request.prompt());
		BudgetEnforcer.Decision decision = this.enforcer.check(tagValues);
		if (decision.rejection() != null) {
			throw decision.rejection();
		}
		String fallbackModel = decision.fallbackModel();
		Prompt prompt = (fallbackModel != null) ? switchModel(request.prompt(), fallbackModel) : request.prompt();
		if (tagValues.isEmpty()) {
			return (prompt != request.prompt()) ? new ChatClientRequest(prompt, request.context()) : request;
		}
		// The model call's labels reuse the values: the contributors run once, and the
		// spend is recorded for the scope the budget was checked for.
		Map<String, @Nullable Object> context = new HashMap<>(request.context());
		context.put(RequestTagResolver.RESOLVED, this.requestTags.resolved(tagValues));
		return new ChatClientRequest(prompt, context);
	}

	private static Prompt switchModel(Prompt prompt, String model) {
		ChatOptions options = prompt.getOptions();
		ChatOptions.Builder<?> switched = (options != null) ? options.mutate() : ChatOptions.builder();
		return prompt.mutate().chatOptions(switched.model(model).build()).build();
	}

	@Override
	public String getName() {
		return "AiObservabilityBudgetAdvisor";
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
