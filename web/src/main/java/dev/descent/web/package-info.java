/**
 * The dashboard: a Javalin server with a JSON API over a {@link dev.descent.core.tracking.Workspace}
 * and plain HTML pages (vanilla JS, uPlot from its webjar) served from the jar, so it works offline.
 * Entry point: {@link dev.descent.web.WebServer}.
 */
package dev.descent.web;
