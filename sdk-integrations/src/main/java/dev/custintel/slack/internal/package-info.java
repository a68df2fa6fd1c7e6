/** Implementation of the Slack helpers: signature checks, event parsing, flows, storage, HTTP. Not API. */
@NullMarked
package dev.custintel.slack.internal;

import org.jspecify.annotations.NullMarked;
