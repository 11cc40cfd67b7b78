/**
 * What Anthropic's client needs beyond the chat observation: the cache counts of streams,
 * read from their first event.
 */
@NullMarked
package io.github.aiobservability.anthropic;

import org.jspecify.annotations.NullMarked;
