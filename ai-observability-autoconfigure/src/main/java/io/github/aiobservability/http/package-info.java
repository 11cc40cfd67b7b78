/**
 * The HTTP layer under the model calls: every attempt of the provider SDKs' clients,
 * their retries included, and the rate limits providers report with each response.
 */
@NullMarked
package io.github.aiobservability.http;

import org.jspecify.annotations.NullMarked;
