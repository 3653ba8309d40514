/**
 * Support for your own tests of code that uses Glivy: {@link dev.glivy.test.GlivyTest} (a JUnit 5 extension that
 * injects sessions on local Spark, Livy or Glue, chosen at run time), {@link dev.glivy.test.ScriptedTransport} (a
 * fake backend answering from rules, for unit tests without Spark), {@link dev.glivy.test.ManualScheduler} (virtual
 * time) and {@link dev.glivy.test.GlivyAssertions} (AssertJ assertions on results).
 */
@NullMarked
package dev.glivy.test;

import org.jspecify.annotations.NullMarked;
