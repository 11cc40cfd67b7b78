/**
 * Google GenAI (Gemini and Vertex AI): what its usage holds beyond Spring AI's generic
 * counts (thinking and tool-use tokens), and the HTTP client of its SDK, which retries on
 * its own and which Spring AI does not observe.
 */
@NullMarked
package io.github.aiobservability.gemini;

import org.jspecify.annotations.NullMarked;
