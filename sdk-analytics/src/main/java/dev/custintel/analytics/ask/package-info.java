/**
 * Questions in plain language: {@link dev.custintel.CustomerIntelligence#ask(String)} compiles a question into a
 * typed {@link dev.custintel.analytics.ask.AskQuery} (one of the {@link dev.custintel.analytics.ask.Intent}s), runs
 * it with the SDK's own clients and returns an {@link dev.custintel.analytics.ask.Answer}: the query in words, the
 * rows, and one sentence with the numbers. No text of the question ever becomes SQL. The parser is deterministic
 * and needs no model; a {@link dev.custintel.analytics.ask.QueryTranslator} (such as an OpenAI-compatible chat
 * model) may be put in front of it, and its output is validated the same way.
 */
@NullMarked
package dev.custintel.analytics.ask;

import org.jspecify.annotations.NullMarked;
