/** Test support shared by the end-to-end tests: the headless browser. */
@NullMarked
package dev.statelab.support;

import org.jspecify.annotations.NullMarked;
