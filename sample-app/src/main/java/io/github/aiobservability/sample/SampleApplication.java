package io.github.aiobservability.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Runs the sample: a chat API on Spring AI's OpenAI client, observed by the starter. With
 * no {@code OPENAI_API_KEY} it talks to the OpenAI-compatible provider it embeds and
 * sends itself demo traffic.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
