@NullMarked
package dev.statelab.web;

import org.jspecify.annotations.NullMarked;
