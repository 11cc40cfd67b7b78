package io.github.aiobservability.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells a new user where to look once the sample is up.
 */
@Component
class StartupBanner {

	private static final Log logger = LogFactory.getLog(StartupBanner.class);

	private final SampleMode mode;

	StartupBanner(SampleMode mode) {
		this.mode = mode;
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		int port = (event.getApplicationContext() instanceof WebServerApplicationContext web)
				? web.getWebServer().getPort() : 8080;
		String base = "http://localhost:" + port;
		logger.info(String.join(System.lineSeparator(), "",
				"AI observability sample is up ("
						+ (this.mode.isEmbedded() ? "embedded provider, demo traffic on" : "real provider") + ").",
				"  Chat:      curl -s -X POST " + base
						+ "/api/chat -H 'Content-Type: application/json' -d '{\"message\":\"Hello\",\"tenant\":\"acme\"}'",
				"  Stream:    curl -N -X POST " + base
						+ "/api/chat/stream -H 'Content-Type: application/json' -d '{\"message\":\"Hello\"}'",
				"  Retrieval: curl -s -X POST " + base
						+ "/api/chat -H 'Content-Type: application/json' -d '{\"message\":\"Why would a model call return 429?\",\"rag\":true}'",
				"  Metrics:   " + base + "/actuator/prometheus  (grep ai_)",
				"  Faults:    curl -X PUT " + base
						+ "/mock/faults -H 'Content-Type: application/json' -d '{\"rateLimited\":0.5}'",
				"  Budget:    curl -si -X POST " + base
						+ "/mock/v1/chat/completions -H 'Content-Type: application/json' -d '{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}' | grep x-ratelimit"));
	}

}
