/**
 * A small retrieval flow on Spring AI's {@code EmbeddingModel}: built-in documents
 * embedded once, the nearest one to a question found by cosine similarity.
 */
@NullMarked
package io.github.aiobservability.sample.retrieval;

import org.jspecify.annotations.NullMarked;
