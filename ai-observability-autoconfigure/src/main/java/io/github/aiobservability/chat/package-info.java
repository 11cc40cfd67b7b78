/**
 * Instrumentation of Spring AI chat models: an observation handler for every model
 * round-trip and a ChatClient advisor for time to first token.
 */
@NullMarked
package io.github.aiobservability.chat;

import org.jspecify.annotations.NullMarked;
