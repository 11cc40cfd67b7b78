/**
 * What chat and embedding model calls share: the recorder of a model round-trip, its
 * labels (provider, request tags), its tokens, and the registry of round-trips in flight.
 */
@NullMarked
package io.github.aiobservability.model;

import org.jspecify.annotations.NullMarked;
