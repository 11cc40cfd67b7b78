/**
 * An OpenAI-compatible provider served by the sample app itself (chat completions and
 * embeddings, with configurable latency, per-model rate limits and OpenAI's rate-limit
 * headers, and fault injection), so the sample runs without an API key.
 */
@NullMarked
package io.github.aiobservability.sample.mock;

import org.jspecify.annotations.NullMarked;
