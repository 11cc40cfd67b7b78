package io.github.aiobservability.http;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestedModelTests {

	private static final MediaType JSON = MediaType.get("application/json");

	@Test
	void readsTheTopLevelModelWhereverItComes() {
		assertThat(RequestedModel.of(RequestBody.create(
				"{\"messages\":[{\"role\":\"user\",\"content\":\"{\\\"model\\\":\\\"fake\\\"}\",\"model\":\"nested\"}],"
						+ "\"metadata\":{\"model\":\"nested\"},\"model\":\"gpt-4o\",\"stream\":true}",
				JSON)))
			.isEqualTo("gpt-4o");
	}

	@Test
	void readsNothingFromABodyThatIsNotAJsonObjectWithAModel() {
		assertThat(RequestedModel.of(null)).isNull();
		assertThat(RequestedModel.of(RequestBody.create("[\"model\"]", JSON))).isNull();
		assertThat(RequestedModel.of(RequestBody.create("{\"model\":42}", JSON))).isNull();
		assertThat(RequestedModel.of(RequestBody.create("{\"messages\":[", JSON))).isNull();
		assertThat(RequestedModel.modelOf(new ByteArrayInputStream("not json".getBytes(StandardCharsets.UTF_8))))
			.isNull();
	}

}
