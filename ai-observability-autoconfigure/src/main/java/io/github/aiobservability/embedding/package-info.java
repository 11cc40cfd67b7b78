/**
 * Instrumentation of Spring AI embedding models: an observation handler for every call.
 */
@NullMarked
package io.github.aiobservability.embedding;

import org.jspecify.annotations.NullMarked;
