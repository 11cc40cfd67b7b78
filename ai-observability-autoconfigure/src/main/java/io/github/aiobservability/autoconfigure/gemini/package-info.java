/**
 * Auto-configuration of the Google GenAI client: Spring AI's auto-configured
 * {@code Client}, built on the starter's instrumented HTTP client.
 */
@NullMarked
package io.github.aiobservability.autoconfigure.gemini;

import org.jspecify.annotations.NullMarked;
