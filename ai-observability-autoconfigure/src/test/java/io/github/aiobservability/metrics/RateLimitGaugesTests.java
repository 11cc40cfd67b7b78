package io.github.aiobservability.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitGaugesTests {

	private final MockClock clock = new MockClock();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, this.clock);

	private final RateLimitGauges gauges = new RateLimitGauges(this.registry, Tags.of("application", "test"));

	@Test
	void reportsTheLastValuesAResponseCarried() {
		this.gauges.update("gpt-4o", "openai", "tokens", 30000, 29000, -1);
		this.gauges.update("gpt-4o", "openai", "tokens", 30000, 12000, -1);

		assertThat(limit("tokens")).isEqualTo(30000);
		assertThat(remaining("tokens")).isEqualTo(12000);
		assertThat(this.registry.get("ai.api.rate.limit.remaining").tag("application", "test").gauges()).hasSize(1);
	}

	@Test
	void reportsTheFullLimitOnceTheProviderSaidItsWindowRefills() {
		long resetAt = this.clock.wallTime() + 2000;
		this.gauges.update("gpt-4o", "openai", "requests", 500, 3, resetAt);

		this.clock.add(Duration.ofMillis(1999));
		assertThat(remaining("requests")).isEqualTo(3);
		this.clock.add(Duration.ofMillis(1));
		assertThat(remaining("requests")).isEqualTo(500);
		assertThat(limit("requests")).isEqualTo(500);
	}

	@Test
	void reportsNothingOnceNoResponseSaidAnythingForFifteenMinutes() {
		this.gauges.update("gpt-4o", "openai", "tokens", 30000, 100, -1);

		this.clock.add(Duration.ofMinutes(15));
		assertThat(remaining("tokens")).isEqualTo(100);
		this.clock.add(Duration.ofMillis(1));
		assertThat(remaining("tokens")).isNaN();
		assertThat(limit("tokens")).isNaN();

		this.gauges.update("gpt-4o", "openai", "tokens", 30000, 25000, -1);
		assertThat(remaining("tokens")).isEqualTo(25000);
	}

	private double limit(String resource) {
		return this.registry.get("ai.api.rate.limit.limit")
			.tags("model", "gpt-4o", "provider", "openai", "resource", resource)
			.gauge()
			.value();
	}

	private double remaining(String resource) {
		return this.registry.get("ai.api.rate.limit.remaining")
			.tags("model", "gpt-4o", "provider", "openai", "resource", resource)
			.gauge()
			.value();
	}

}
