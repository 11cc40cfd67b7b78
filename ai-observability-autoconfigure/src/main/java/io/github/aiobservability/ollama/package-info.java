/**
 * Ollama: what its responses report beside the usage (the time it took to load the
 * model), for models run on the application's own hardware.
 */
@NullMarked
package io.github.aiobservability.ollama;

import org.jspecify.annotations.NullMarked;
