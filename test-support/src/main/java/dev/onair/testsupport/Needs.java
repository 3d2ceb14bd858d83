package dev.onair.testsupport;

/** A piece of real infrastructure an integration test talks to. */
public enum Needs {

	KAFKA, POSTGRES, REDIS, JANUS, TURN, BROWSER, STACK

}
