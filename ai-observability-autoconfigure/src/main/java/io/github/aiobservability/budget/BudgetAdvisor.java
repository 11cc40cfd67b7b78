package io.github.aiobservability.budget;

import io.github.aiobservability.model.RequestTagResolver;
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
		BudgetEnforcer.Decision decision = this.enforcer
			.check(this.requestTags.resolve(request.context(), request.prompt()));
		if (decision.rejection() != null) {
			throw decision.rejection();
		}
		String fallbackModel = decision.fallbackModel();
		if (fallbackModel == null) {
			return request;
		}
		Prompt prompt = request.prompt();
		ChatOptions options = prompt.getOptions();
		ChatOptions.Builder<?> switched = (options != null) ? options.mutate() : ChatOptions.builder();
		return request.mutate()
			.prompt(prompt.mutate().chatOptions(switched.model(fallbackModel).build()).build())
			.build();
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
