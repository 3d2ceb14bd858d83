package dev.onair.gateway.session;

import java.util.Locale;

/** A session's role in a room. */
public enum Role {

	VIEWER, PUBLISHER;

	/** The protocol's name for the role. */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The role the protocol names {@code value}, or {@code null} if none does. */
	public static Role fromWire(String value) {
		for (Role role : values()) {
			if (role.wireName().equals(value)) {
				return role;
			}
		}
		return null;
	}

}
