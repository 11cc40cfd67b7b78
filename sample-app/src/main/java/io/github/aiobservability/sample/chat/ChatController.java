package io.github.aiobservability.sample.chat;

import java.util.Map;

import reactor.core.publisher.Flux;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample's chat API.
 */
@RestController
@RequestMapping("/api/chat")
public class ChatController {

	private final ChatService chatService;

	private final ProviderFailures providerFailures;

	public ChatController(ChatService chatService, ProviderFailures providerFailures) {
		this.chatService = chatService;
		this.providerFailures = providerFailures;
	}

	@PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	ChatAnswer chat(@RequestBody ChatRequest request) {
		return this.chatService.chat(this.chatService.validate(request));
	}

	/**
	 * Relays the answer as Server-Sent Events: one {@code chunk} event per piece of text,
	 * then {@code done}, or {@code error} with the provider failure's type.
	 */
	@PostMapping("/stream")
	Flux<ServerSentEvent<Object>> stream(@RequestBody ChatRequest request) {
		ChatRequest validated = this.chatService.validate(request);
		return this.chatService.stream(validated)
			.map((chunk) -> ServerSentEvent.<Object>builder(Map.of("content", chunk)).event("chunk").build())
			.concatWith(Flux.just(ServerSentEvent.<Object>builder(Map.of()).event("done").build()))
			.onErrorResume((error) -> Flux
				.just(ServerSentEvent.<Object>builder(this.providerFailures.body(error)).event("error").build()));
	}

}
