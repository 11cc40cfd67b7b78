/**
 * Auto-configuration of the AI observability starter.
 */
@NullMarked
package io.github.aiobservability.autoconfigure;

import org.jspecify.annotations.NullMarked;
