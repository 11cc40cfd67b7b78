/**
 * An OpenAI-compatible chat completions endpoint served by the sample app itself, with configurable latency and fault injection, so the sample runs without an API key.
 */
@NullMarked
package io.github.aiobservability.sample.mock;

import org.jspecify.annotations.NullMarked;
