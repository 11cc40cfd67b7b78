/**
 * The sample's HTTP API: chat and streaming chat through a ChatClient, with input
 * validation.
 */
@NullMarked
package io.github.aiobservability.sample.chat;

import org.jspecify.annotations.NullMarked;
