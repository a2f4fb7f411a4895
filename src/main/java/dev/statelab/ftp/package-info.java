@NullMarked
package dev.statelab.ftp;

import org.jspecify.annotations.NullMarked;
