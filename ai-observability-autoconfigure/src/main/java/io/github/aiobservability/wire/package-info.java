/**
 * Streams read off the wire as the provider's client reads them, bytes unchanged: when
 * the first and last generated content arrived, and the usage the provider sent, which
 * Spring AI's stream handling partly drops.
 */
@NullMarked
package io.github.aiobservability.wire;

import org.jspecify.annotations.NullMarked;
