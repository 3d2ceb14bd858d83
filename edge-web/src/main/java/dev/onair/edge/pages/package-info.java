/**
 * The pages (home, watch, studio, connection test) and the headers every response to a
 * browser carries. The pages themselves are static ES modules under {@code static/}.
 */
package dev.onair.edge.pages;
