/**
 * Test support shared by every module's tests through the contracts test-jar (only this package is
 * packaged into it): waiting for asynchronous outcomes with {@link dev.agenthub.testing.Poll}.
 * Depends on the JDK only.
 */
package dev.agenthub.testing;
