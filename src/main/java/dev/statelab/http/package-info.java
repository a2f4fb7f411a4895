@NullMarked
package dev.statelab.http;

import org.jspecify.annotations.NullMarked;
