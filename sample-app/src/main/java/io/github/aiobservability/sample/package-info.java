/**
 * A sample application that uses the AI observability starter as any user would.
 */
@NullMarked
package io.github.aiobservability.sample;

import org.jspecify.annotations.NullMarked;
