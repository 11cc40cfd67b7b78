/**
 * Reading a round-trip's tokens: every source of them (Spring AI's usage, a provider
 * SDK's own usage object, a stream's chunks, what was read off the wire) is gathered into
 * one report and normalised once into a
 * {@link io.github.aiobservability.metrics.TokenUsage}.
 */
@NullMarked
package io.github.aiobservability.usage;

import org.jspecify.annotations.NullMarked;
