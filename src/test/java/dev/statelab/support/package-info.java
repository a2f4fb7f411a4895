/** Test support shared by the end-to-end tests: the headless browser, a Redis server, storage roots, Basic headers. */
@NullMarked
package dev.statelab.support;

import org.jspecify.annotations.NullMarked;
